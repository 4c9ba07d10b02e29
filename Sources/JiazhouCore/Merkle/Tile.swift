/// A C2SP tlog-tiles resource: a tile of Merkle tree hashes, or an entry
/// bundle, by its path (`tile/<L>/<N>[.p/<W>]`, `tile/entries/<N>[.p/<W>]`).
///
/// At level L, hash i of tile N is the root of the 256^L leaves from
/// (N·256 + i)·256^L: level 0 holds leaf hashes, and each hash above is a
/// full tile below. A tile of width W < 256 is partial: the first W hashes
/// of the tile that will one day be full, so its bytes never change either.
public struct Tile: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Merkle tree hashes at tile level 0...63 (tree level 8·L).
        case hashes(level: Int)
        /// Entries, each as a big-endian 16-bit length and its bytes.
        case entries
    }

    /// Hashes (or entries) in a full tile.
    public static let fullWidth = 256
    /// Highest tile level the path grammar allows.
    public static let maxLevel = 63

    public var kind: Kind
    public var index: Int64
    /// 1...256; 256 is a full tile.
    public var width: Int

    public init?(kind: Kind, index: Int64, width: Int) {
        if case .hashes(let level) = kind, !(0...Self.maxLevel).contains(level) { return nil }
        guard index >= 0, (1...Self.fullWidth).contains(width) else { return nil }
        self.kind = kind
        self.index = index
        self.width = width
    }

    public var isPartial: Bool { width < Self.fullWidth }

    /// The path under a log's prefix, e.g. `tile/0/x001/x234/067.p/8`.
    public var path: String {
        let level: String
        switch kind {
        case .hashes(let l): level = String(l)
        case .entries: level = "entries"
        }
        return "tile/\(level)/\(Self.encode(index: index))" + (isPartial ? ".p/\(width)" : "")
    }

    /// `x001/x234/067` for 1234067: three-digit elements, all but the last
    /// prefixed with `x`, so that no file is also a directory.
    public static func encode(index: Int64) -> String {
        var groups: [Int64] = []
        var n = index
        repeat {
            groups.append(n % 1000)
            n /= 1000
        } while n > 0
        return groups.reversed().enumerated().map { position, group in
            let digits = String(group)
            let padded = String(repeating: "0", count: 3 - digits.count) + digits
            return position == groups.count - 1 ? padded : "x" + padded
        }.joined(separator: "/")
    }

    /// Reads a path as written by ``path`` (the part after the prefix), and
    /// only that spelling: another spelling of the same tile (`x000/005`,
    /// `.p/256`, a leading zero) is refused, so that each tile has one name.
    public init?(path: Substring) {
        guard path.utf8.count <= 128 else { return nil }
        var parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0] == "tile" else { return nil }
        let kind: Kind
        if parts[1] == "entries" {
            kind = .entries
        } else {
            guard let level = Self.decimal(parts[1]), level <= Int64(Self.maxLevel) else { return nil }
            kind = .hashes(level: Int(level))
        }
        var width = Self.fullWidth
        if parts.count >= 4, parts[parts.count - 2].hasSuffix(".p") {
            guard let w = Self.decimal(parts[parts.count - 1]), w >= 1, w < Int64(Self.fullWidth) else { return nil }
            width = Int(w)
            parts.removeLast()
            parts[parts.count - 1] = parts[parts.count - 1].dropLast(2)
        }
        var index: Int64 = 0
        for (position, part) in parts.dropFirst(2).enumerated() {
            let last = position == parts.count - 3
            var digits = part
            if !last {
                guard digits.first == "x" else { return nil }
                digits = digits.dropFirst()
            }
            guard digits.utf8.count == 3, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let group = Int64(digits) else { return nil }
            let (times, overflow) = index.multipliedReportingOverflow(by: 1000)
            guard !overflow, times <= Int64.max - group else { return nil }
            index = times + group
        }
        guard let tile = Tile(kind: kind, index: index, width: width), tile.path == path else { return nil }
        self = tile
    }

    /// A decimal with no sign and no leading zero.
    private static func decimal(_ text: Substring) -> Int64? {
        guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        guard text == "0" || text.first != "0" else { return nil }
        return Int64(text)
    }

    /// How many hashes the level holds in a tree of `size` leaves: one per
    /// complete subtree of 256^L leaves (for entries, one per entry).
    public static func available(at kind: Kind, size: Int64) -> Int64 {
        switch kind {
        case .entries: return size
        case .hashes(let level):
            let shift = 8 * level
            return shift >= 63 ? 0 : size >> shift
        }
    }

    /// The positions, at this tile's level, of the hashes (or entries) it holds.
    public var positions: Range<Int64>? {
        let (start, overflow) = index.multipliedReportingOverflow(by: Int64(Self.fullWidth))
        guard !overflow, start <= Int64.max - Int64(width) else { return nil }
        return start..<(start + Int64(width))
    }

    /// Whether a tree of `size` leaves has every hash (or entry) of this tile.
    public func exists(inTreeOf size: Int64) -> Bool {
        guard let positions else { return false }
        return positions.upperBound <= Self.available(at: kind, size: size)
    }

    /// The tree level, in the RFC 9162 sense, of this tile's hashes (8 per tile level).
    public var treeLevel: Int? {
        if case .hashes(let level) = kind { return 8 * level }
        return nil
    }

    /// The tiles a mirror of a tree of `size` leaves holds: every full tile
    /// and the partial tile of each level, entry bundles included.
    public static func all(inTreeOf size: Int64) -> [Tile] {
        var tiles: [Tile] = []
        for kind in [Kind.entries] + (0...maxLevel).map({ Kind.hashes(level: $0) }) {
            let count = available(at: kind, size: size)
            if count == 0 { break }
            let full = count / Int64(fullWidth)
            for n in 0..<full { tiles.append(Tile(kind: kind, index: n, width: fullWidth)!) }
            let rest = Int(count % Int64(fullWidth))
            if rest > 0 { tiles.append(Tile(kind: kind, index: full, width: rest)!) }
        }
        return tiles
    }
}
