import Foundation
import GRDB
public import JiazhouCore

extension LedgerStore {
    /// Copies the whole database to a new file at `path` with SQLite's online
    /// backup: a consistent snapshot taken while writes go on (they wait only
    /// for the pages being copied). The signing key is not in the database
    /// and so not in the copy.
    public func backup(to path: String) throws(LedgerError) {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw LedgerError(.invalid_request, "\(path) already exists; a backup is written to a new file")
        }
        do {
            let copy = try DatabaseQueue(path: path)
            try database.backup(to: copy)
            try copy.close()
        } catch {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            throw StorageErrors.describe(error)
        }
    }
}
