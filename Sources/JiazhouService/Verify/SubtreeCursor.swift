import JiazhouCore
import JiazhouStorage

/// Compares the stored Merkle subtrees with the ones the verifier's replay
/// forms. Subtrees of one level are formed in index order, which is also
/// their storage order (primary key (level, idx)), so each level is read
/// once, sequentially, a page at a time: no sort, no table in memory.
struct SubtreeCursor {
    private let reader: any LedgerReading
    /// Per level (a Merkle tree of 2^63 leaves has 64): stored rows read
    /// ahead, the next index to read from, and how many the replay formed.
    /// Arrays, not dictionaries: a subtree is formed for almost every entry.
    private var pages = [Page](repeating: Page(), count: 64)
    private var nextIndex = [Int64](repeating: 0, count: 64)
    private var formed = [Int64](repeating: 0, count: 64)

    /// One read of a level's stored rows, the hashes end to end in one
    /// buffer: an array for each hash was a fifth of this cursor's time.
    private struct Page {
        var indexes: [Int64] = []
        /// Where each row's hash ends in `hashes`.
        var ends: [Int] = []
        var hashes: [UInt8] = []
        /// The next row to compare.
        var next = 0

        var isExhausted: Bool { next == indexes.count }

        mutating func clear() {
            indexes.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
            hashes.removeAll(keepingCapacity: true)
            next = 0
        }

        /// The hash of row `next`.
        var nextHash: ArraySlice<UInt8> { hashes[(next == 0 ? 0 : ends[next - 1])..<ends[next]] }
    }

    static let page = 4096

    init(reader: any LedgerReading) { self.reader = reader }

    mutating func expect(level: Int, index: UInt64, hash: Hash, report: (String) -> Void) {
        formed[level] += 1
        do {
            if pages[level].isExhausted {
                pages[level].clear()
                try reader.forEachSubtreeLent(level: level, from: nextIndex[level], limit: Self.page) { index, hash in
                    pages[level].indexes.append(index)
                    pages[level].hashes.append(contentsOf: hash)
                    pages[level].ends.append(pages[level].hashes.count)
                }
                nextIndex[level] = (pages[level].indexes.last ?? nextIndex[level] - 1) + 1
            }
            guard !pages[level].isExhausted, pages[level].indexes[pages[level].next] == Int64(index) else {
                report("the Merkle subtree (\(level), \(index)) is missing")
                return
            }
            if !pages[level].nextHash.withUnsafeBytes({ hash.isSpelled(by: $0) }) { report("the stored Merkle subtree (\(level), \(index)) is wrong") }
            pages[level].next += 1
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
