public import JiazhouCore
import JiazhouStorage

/// The tree as C2SP tlog-tiles publishes it (Ledger/SPEC.md §15): tiles of
/// hashes and entry bundles, read from the stored leaves and subtrees, for
/// `GET /tlog/…` and `jiazhou tiles --to DIR` alike. Nothing here is personal
/// (entries name accounts by id; profiles are kept outside the entries), so
/// none of it asks who is reading.
extension LedgerService {
    /// The bytes of one tile or entry bundle; `unknown_entry` for one the
    /// tree does not hold yet.
    public func tile(_ tile: Tile) throws(LedgerError) -> [UInt8] {
        try read { reader in
            let size = try reader.size()
            guard tile.exists(inTreeOf: size) else {
                throw LedgerError(.unknown_entry, "\(tile.path) is beyond the tree of size \(size)")
            }
            return try Self.tileBytes(tile, reader: reader)
        }
    }

    static func tileBytes(_ tile: Tile, reader: any LedgerReading) throws -> [UInt8] {
        guard let positions = tile.positions else { throw LedgerError(.unknown_entry, "\(tile.path) is beyond any tree") }
        var bytes: [UInt8] = []
        var items = 0
        switch tile.kind {
        case .entries:
            try reader.forEachEntry(in: positions) { seq, entry, _ in
                // Appends refuse larger entries (Limits.entryBytes); one from before that limit cannot be bundled.
                guard entry.count <= Int(UInt16.max) else {
                    throw LedgerError(.too_large, "entry \(seq) is \(entry.count) bytes, over the 65,535 an entry bundle can hold")
                }
                bytes.append(UInt8(entry.count >> 8))
                bytes.append(UInt8(entry.count & 0xFF))
                bytes.append(contentsOf: entry)
                items += 1
            }
        case .hashes:
            bytes.reserveCapacity(tile.width * 32)
            let rows = try reader.subtrees(level: tile.treeLevel ?? 0, from: positions.lowerBound, limit: tile.width)
            for (expected, row) in zip(positions, rows) {
                guard row.index == expected else { break }
                bytes.append(contentsOf: row.hash)
                items += 1
            }
        }
        guard items == tile.width else {
            throw LedgerError(.ledger_invalid, "the stored tree lacks part of \(tile.path) (\(items) of \(tile.width)); run `jiazhou verify`")
        }
        return bytes
    }
}
