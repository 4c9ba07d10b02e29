import JiazhouCore
import JiazhouStorage

/// Compares the stored Merkle subtrees with the ones the verifier's replay
/// forms. Subtrees of one level are formed in index order, which is also
/// their storage order (primary key (level, idx)), so each level is read
/// once, sequentially, a page at a time: no sort, no table in memory.
struct SubtreeCursor {
    private let reader: any LedgerReading
    /// Per level (a Merkle tree of 2^63 leaves has 64): stored (index, hash)
    /// rows read ahead, the next index to read from, and how many the
    /// replay formed. Arrays, not dictionaries: a subtree is formed for
    /// almost every entry.
    private var buffered = [ArraySlice<(index: Int64, hash: [UInt8])>](repeating: [], count: 64)
    private var nextIndex = [Int64](repeating: 0, count: 64)
    private var formed = [Int64](repeating: 0, count: 64)

    static let page = 4096

    init(reader: any LedgerReading) { self.reader = reader }

    mutating func expect(level: Int, index: UInt64, hash: Hash, report: (String) -> Void) {
        formed[level] += 1
        do {
            if buffered[level].isEmpty {
                let rows = try reader.subtrees(level: level, from: nextIndex[level], limit: Self.page)
                nextIndex[level] = (rows.last?.index ?? nextIndex[level] - 1) + 1
                buffered[level] = rows[...]
            }
            guard let stored = buffered[level].first, stored.index == Int64(index) else {
                report("the Merkle subtree (\(level), \(index)) is missing")
                return
            }
            buffered[level].removeFirst()
            if stored.hash != hash.bytes { report("the stored Merkle subtree (\(level), \(index)) is wrong") }
        } catch {
            report("the Merkle subtrees cannot be read: \(StorageErrors.describe(error).message)")
        }
    }

    private func formedCount(_ level: Int) -> Int64 { formed.indices.contains(level) ? formed[level] : 0 }

    /// Reports stored subtrees that the chain does not form.
    func finish(report: (String) -> Void) throws {
        let stored = try reader.subtreeCounts()
        for (level, count) in stored where count != formedCount(level) {
            report("level \(level) of the Merkle subtrees holds \(count) hashes; the chain forms \(formedCount(level))")
        }
    }
}
