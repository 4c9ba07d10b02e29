public import JiazhouCore
import JiazhouStorage

extension LedgerService {
    /// Copies the ledger to a new file at `path` (SQLite's online backup,
    /// safe while serving) and reads the copy back: its size and root, what
    /// `jiazhou backup` reports. The signing key is not in the copy.
    public func backup(to path: String) throws(LedgerError) -> (size: Int64, root: Hash) {
        try store.backup(to: path)
        let head = try Self.openStore(path: path, readonly: true).read { try $0.head() }
        return (head.size, head.root)
    }
}
