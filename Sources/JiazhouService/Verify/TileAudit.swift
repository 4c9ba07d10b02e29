public import JiazhouCore

/// `jiazhou audit --tiles SOURCE`: a tlog-tiles client of our own, the check
/// a mirror or a volunteers' association runs with nothing but the verifier
/// key. It fetches the signed checkpoint and every tile of its tree,
/// recomputes the root from the level-0 tiles, checks each higher tile
/// against the level below, optionally hashes every entry of the bundles,
/// and checks that the checkpoint kept from last time is a prefix of this one.
public enum TileAudit {
    /// Fetches a path under the log's prefix (`checkpoint`, `tile/0/000`):
    /// its bytes, or nil when the source does not have it (404, no file).
    public typealias Fetch = @Sendable (_ path: String) async throws -> [UInt8]?

    /// Evidence that the log misbehaved, or that the mirror is not the log:
    /// what a person reports, as opposed to a source that could not be read.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public struct Report: Sendable {
        public var checkpoint: Checkpoint
        /// The signed note as fetched, to keep for next time.
        public var note: String
        public var tilesFetched: Int
        /// Entries hashed from the bundles (0 unless asked).
        public var entriesChecked: Int64
    }

    public static func run(
        fetch: Fetch, suite: HashSuite, verifier: any NoteVerifying, previous: Checkpoint?, checkEntries: Bool
    ) async throws -> Report {
        guard let noteBytes = try await fetch("checkpoint") else {
            throw LedgerError(.unknown_entry, "the source has no checkpoint")
        }
        guard let note = String(validating: noteBytes, as: UTF8.self) else { throw Failure(description: "the checkpoint is not UTF-8 text") }
        let checkpoint: Checkpoint
        do { checkpoint = try Checkpoint.verified(note: note, by: verifier) } catch { throw Failure(description: error.message) }
        if let previous, previous.size > checkpoint.size {
            throw Failure(description: "the checkpoint (size \(checkpoint.size)) is smaller than the one kept from last time (size \(previous.size)): the log rolled back")
        }

        var range = CompactRange(suite: suite)
        var previousRoot: Hash? = previous?.size == 0 ? suite.emptyRoot : nil
        // Hashes of full tiles, per tile level ≥ 1, as the level below forms them.
        var formed: [Int: [Hash]] = [:]
        var report = Report(checkpoint: checkpoint, note: note, tilesFetched: 0, entriesChecked: 0)
        for tile in Tile.all(inTreeOf: checkpoint.size) where tile.kind == .hashes(level: 0) {
            let leaves = try await hashes(of: tile, fetch: fetch, report: &report)
            if checkEntries {
                try await checkBundle(of: tile, against: leaves, suite: suite, fetch: fetch, report: &report)
            }
            for leaf in leaves {
                for subtree in range.append(leaf) where subtree.level % 8 == 0 {
                    formed[subtree.level / 8, default: []].append(subtree.hash)
                }
                if Int64(range.size) == previous?.size { previousRoot = range.root }
            }
        }
        guard range.root == checkpoint.root else {
            throw Failure(description: "the level-0 tiles hash to \(range.root.hex), not to the signed root \(checkpoint.root.hex) of size \(checkpoint.size)")
        }
        if let previous, previousRoot != previous.root {
            throw Failure(
                description: "the tree of size \(checkpoint.size) does not begin with the tree of size \(previous.size) kept from last time: history was rewritten")
        }
        for tile in Tile.all(inTreeOf: checkpoint.size) {
            guard case .hashes(let level) = tile.kind, level >= 1, let positions = tile.positions else { continue }
            let fetched = try await hashes(of: tile, fetch: fetch, report: &report)
            let expected = formed[level, default: []].dropFirst(Int(positions.lowerBound)).prefix(tile.width)
            guard fetched.elementsEqual(expected) else {
                throw Failure(description: "\(tile.path) does not hold the hashes of the full tiles below it")
            }
        }
        return report
    }

    static func hashes(of tile: Tile, fetch: Fetch, report: inout Report) async throws -> [Hash] {
        guard let bytes = try await fetch(tile.path) else { throw Failure(description: "\(tile.path) is missing, but the checkpoint's tree needs it") }
        report.tilesFetched += 1
        guard bytes.count == tile.width * 32 else {
            throw Failure(description: "\(tile.path) is \(bytes.count) bytes, not \(tile.width) hashes of 32")
        }
        return stride(from: 0, to: bytes.count, by: 32).compactMap { Hash(bytes: Array(bytes[$0..<$0 + 32])) }
    }

    static func checkBundle(of tile: Tile, against leaves: [Hash], suite: HashSuite, fetch: Fetch, report: inout Report) async throws {
        let bundle = Tile(kind: .entries, index: tile.index, width: tile.width)!
        guard let bytes = try await fetch(bundle.path) else { throw Failure(description: "\(bundle.path) is missing") }
        report.tilesFetched += 1
        var offset = 0
        for (i, leaf) in leaves.enumerated() {
            guard offset + 2 <= bytes.count else { throw Failure(description: "\(bundle.path) holds \(i) entries, not \(tile.width)") }
            let length = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
            guard offset + 2 + length <= bytes.count else { throw Failure(description: "\(bundle.path) ends inside entry \(i)") }
            let entry = bytes[(offset + 2)..<(offset + 2 + length)]
            guard suite.leafHash(entry) == leaf else {
                throw Failure(description: "entry \(tile.index * 256 + Int64(i)) in \(bundle.path) does not hash to its leaf in \(tile.path)")
            }
            offset += 2 + length
            report.entriesChecked += 1
        }
        guard offset == bytes.count else { throw Failure(description: "\(bundle.path) has bytes after its \(tile.width) entries") }
    }
}
