import JiazhouCore
import JiazhouStorage

/// Compares the stored Merkle subtrees with the ones the verifier's replay
/// forms. Subtrees of one level are formed in index order, which is also
/// their storage order (primary key (level, idx)), so each level is read
/// once, sequentially, a page at a time: no sort, no table in memory.
struct SubtreeCursor {
    private let reader: any LedgerReading
    /// Per level: stored (index, hash) rows read ahead, and the next index to read from.
    private var buffered: [Int: ArraySlice<(index: Int64, hash: [UInt8])>] = [:]
    private var nextIndex: [Int: Int64] = [:]
    private var formed: [Int: Int64] = [:]

    static let page = 4096

    init(reader: any LedgerReading) { self.reader = reader }

    mutating func expect(level: Int, index: UInt64, hash: Hash, report: (String) -> Void) {
        formed[level, default: 0] += 1
        do {
            if buffered[level, default: []].isEmpty {
                let rows = try reader.subtrees(level: level, from: nextIndex[level, default: 0], limit: Self.page)
                nextIndex[level] = (rows.last?.index ?? nextIndex[level, default: 0] - 1) + 1
                buffered[level] = rows[...]
            }
            guard let stored = buffered[level]?.first, stored.index == Int64(index) else {
                report("the Merkle subtree (\(level), \(index)) is missing")
                return
            }
            buffered[level]?.removeFirst()
            if stored.hash != hash.bytes { report("the stored Merkle subtree (\(level), \(index)) is wrong") }
        } catch {
            report("the Merkle subtrees cannot be read: \(StorageErrors.describe(error).message)")
        }
    }

    /// Reports stored subtrees that the chain does not form.
    func finish(report: (String) -> Void) throws {
        let stored = try reader.subtreeCounts()
        for (level, count) in stored where count != formed[level, default: 0] {
            report("level \(level) of the Merkle subtrees holds \(count) hashes; the chain forms \(formed[level, default: 0])")
        }
    }
}
