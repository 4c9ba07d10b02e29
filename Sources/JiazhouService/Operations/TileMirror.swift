public import JiazhouCore
import Foundation
import JiazhouStorage

/// What `jiazhou tiles --to DIR` did.
public struct TileMirrorReport: Sendable, Equatable {
    public var size: Int64
    /// Tiles and bundles written this time (new, or a partial one that grew).
    public var written: Int
    /// Full tiles already there: immutable, so not read again.
    public var kept: Int
    public var bytesWritten: Int
}

extension LedgerService {
    /// Writes the tree as static tlog-tiles files under `directory`
    /// (`checkpoint` with the witnesses' cosignatures so far, `tile/…`), so that any web server or object store can
    /// publish the log. Incremental: a full tile already present is kept
    /// (its bytes never change); partial tiles of the current size and the
    /// checkpoint are written. Every file is written whole and renamed into
    /// place, and the checkpoint last, so the directory never names a size
    /// whose tiles it lacks, even if the run is cut short.
    public func mirrorTiles(to directory: String) throws(LedgerError) -> TileMirrorReport {
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        return try read { reader in
            guard let checkpoint = try reader.checkpoint() else { throw LedgerError(.unknown_entry, "the ledger has no checkpoint yet") }
            // The snapshot's size: the checkpoint's, since each commit signs its own.
            let size = checkpoint.size
            var report = TileMirrorReport(size: size, written: 0, kept: 0, bytesWritten: 0)
            let files = FileManager.default
            for tile in Tile.all(inTreeOf: size) {
                let url = root.appendingPathComponent(tile.path)
                if !tile.isPartial, files.fileExists(atPath: url.path) {
                    report.kept += 1
                    continue
                }
                let bytes = try Self.tileBytes(tile, reader: reader)
                try Self.writeWhole(bytes, to: url)
                report.written += 1
                report.bytesWritten += bytes.count
            }
            let note = Cosignature.note(checkpoint.note, adding: try reader.cosignatures(size: size).map(\.line))
            try Self.writeWhole(Array(note.utf8), to: root.appendingPathComponent("checkpoint"))
            return report
        }
    }

    /// Writes to a temporary name beside the file, then renames it over: a
    /// reader (or a later run) sees the old file or the new one, never half.
    static func writeWhole(_ bytes: [UInt8], to url: URL) throws {
        let files = FileManager.default
        do {
            try files.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial")
            try Data(bytes).write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            throw LedgerError(.storage_unavailable, "cannot write \(url.path)", cause: "\(error)")
        }
    }
}
