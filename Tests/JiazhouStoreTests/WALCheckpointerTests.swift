import Foundation
import JiazhouCore
@testable import JiazhouStore
import JiazhouStorage
import Testing

/// A ledger file's WAL is copied back into the database by the store's own
/// checkpoint thread, not by the writer between commits (`WALCheckpointer`):
/// what a user relies on of it is that commits still land in the database
/// file, and that the WAL stays bounded however long the writes go on.
@Suite struct WALCheckpointerTests {
    private static let pageSize = 4_096
    /// A WAL frame is a 24-byte header and a page; the file has a 32-byte header.
    private static func walPages(_ path: String) -> Int {
        let size = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        return max(0, size - 32) / (24 + pageSize)
    }

    private static func fileSize(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    private func newStore(_ thresholds: WALCheckpointer.Thresholds) throws -> (LedgerStore, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jiazhou-wal-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/ledger.sqlite"
        return (try LedgerStore.create(path: path, suite: .sha256Ed25519, checkpoints: thresholds), path)
    }

    /// `count` transactions of about five pages each (a 16 KiB meta value).
    private func write(_ store: LedgerStore, transactions count: Int, from first: Int = 0) throws {
        let value = String(repeating: "页", count: 16_384 / 3)
        for n in first..<first + count {
            try store.writeNow { writer in try writer.setMeta("filler-\(n % 50)", "\(n) \(value)") }
        }
    }

    /// Polls (at most `seconds`) until `condition` holds.
    private func eventually(seconds: Double = 10, _ condition: () -> Bool) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        while !condition(), Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        return condition()
    }

    @Test func commitsPastTheThresholdAreCopiedIntoTheDatabaseByTheCheckpointThread() throws {
        let (store, path) = try newStore(.init(background: 50, writer: 1_000_000, interval: 0.01))
        let before = Self.fileSize(path)
        try write(store, transactions: 100)
        // (Creating the ledger may already have woken the thread once: the pages are what count.)
        #expect(eventually { Self.fileSize(path) > before + 50 * Self.pageSize }, "the pages reached the database file, not only the WAL")
        #expect(store.checkpointer?.counts.writer == 0, "the writer never checkpointed itself")
        #expect((store.checkpointer?.counts.background ?? 0) >= 1)
        #expect(try store.read { try $0.meta("filler-49") }?.hasPrefix("99 ") == true)
    }

    /// With the checkpoint thread too slow to keep up (after its first
    /// checkpoint it waits a minute), the writer checkpoints at `writer`
    /// pages and the log starts again. The first one is waited for: while a
    /// checkpoint runs on the thread, the writer's own finds it busy, and
    /// the WAL grows by what is committed meanwhile.
    @Test func theWALStaysBoundedWhileCommitsKeepComing() throws {
        let (store, path) = try newStore(.init(background: 50, writer: 200, interval: 60))
        try write(store, transactions: 20)
        #expect(eventually { store.checkpointer?.counts.background == 1 })
        var largest = 0
        for round in 1..<20 {
            try write(store, transactions: 20, from: round * 20)
            largest = max(largest, Self.walPages(path))
        }
        #expect((store.checkpointer?.counts.writer ?? 0) >= 1)
        // ~1,900 pages written; the WAL never past the threshold and one transaction, which
        // here writes up to ~20 pages: the value's overflow pages, the b-tree's, and the old
        // value's pages it frees (zeroed too: Debian's SQLite deletes securely).
        #expect(largest <= 200 + 25, "the WAL reached \(largest) pages")
        #expect(store.checkpointer?.counts.background == 1)
        #expect(try store.read { try $0.meta("filler-49") }?.hasPrefix("399 ") == true)
    }

    @Test func onceStoppedTheWriterCheckpointsItself() throws {
        let (store, path) = try newStore(.init(background: 50, writer: 1_000_000, interval: 0.01))
        store.checkpointer?.stop()
        let before = store.checkpointer?.counts
        try write(store, transactions: 100)
        let after = store.checkpointer?.counts
        #expect(after?.background == before?.background)
        #expect((after?.writer ?? 0) >= 1)
        // ~500 pages written; the WAL's largest is what creating the ledger left (~80 pages) or one threshold and a transaction.
        #expect(Self.walPages(path) <= 100)
    }

    @Test func aReadOnlyOrInMemoryStoreHasNoCheckpointThread() throws {
        let (store, path) = try newStore(.init())
        try write(store, transactions: 1)
        #expect(try LedgerStore.open(path: path, readonly: true).checkpointer == nil)
        #expect(try LedgerStore.inMemory(suite: .sha256Ed25519).checkpointer == nil)
        #expect(store.checkpointer != nil)
    }
}
