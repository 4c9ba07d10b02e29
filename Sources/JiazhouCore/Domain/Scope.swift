/// A path down the governance tree: district / street / community / grid
/// (/ compound). `shizhong/tongjiang/baiyang/g01`.
///
/// A coordinator holding a scope may act on everything at or below it.
///
/// Kept as the one validated path string, not an array of segments: every
/// account read and every award decoded parses a scope, and splitting it
/// cost an array and a string per segment each time (a quarter of
/// `account.get`'s time).
public struct Scope: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `a/b/c`, as validated.
    public let path: String

    /// The deepest level the tree has: district, street, community, grid, compound.
    public static let maxDepth = 5
    /// Longest segment, in bytes (of `a-z 0-9 -`).
    public static let maxSegmentBytes = 32

    /// Parses `a/b/c`. Segments are 1–32 of `a-z 0-9 -`; at most ``maxDepth`` of them.
    public init(_ path: String) throws(LedgerError) {
        guard Self.isValidPath(path) else {
            throw LedgerError(.invalid_request, "scope \"\(path)\" is not a path like shizhong/tongjiang/baiyang (lowercase a-z, 0-9, '-', at most \(Self.maxDepth) levels)")
        }
        self.path = path
    }

    static func isValidPath(_ path: String) -> Bool { isValidPath(path.utf8) }

    /// One pass over the bytes: segments of 1–32 of `a-z 0-9 -`, at most ``maxDepth``.
    static func isValidPath(_ path: some Sequence<UInt8>) -> Bool {
        var segments = 1
        var length = 0
        for byte in path {
            if byte == UInt8(ascii: "/") {
                guard length > 0, segments < maxDepth else { return false }
                segments += 1
                length = 0
                continue
            }
            guard (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-"),
                length < maxSegmentBytes
            else { return false }
            length += 1
        }
        return length > 0
    }

    /// The path's segments, top first.
    public var segments: [String] { path.utf8.split(separator: UInt8(ascii: "/")).map { String(decoding: $0, as: UTF8.self) } }

    /// How many levels down the tree: 1 for the district.
    public var depth: Int { 1 + path.utf8.count { $0 == UInt8(ascii: "/") } }

    public var description: String { path }

    /// Whether `other` is this scope or lies below it (by whole segments:
    /// `a/b` does not contain `a/bc`).
    public func contains(_ other: Scope) -> Bool {
        let outer = path.utf8
        let inner = other.path.utf8
        guard inner.starts(with: outer) else { return false }
        return inner.count == outer.count || inner[inner.index(inner.startIndex, offsetBy: outer.count)] == UInt8(ascii: "/")
    }

    /// This scope and every scope above it, deepest first.
    public var selfAndAncestors: [Scope] {
        var out = [self]
        let utf8 = path.utf8
        var end = utf8.endIndex
        while let slash = utf8[..<end].lastIndex(of: UInt8(ascii: "/")) {
            out.append(Scope(unchecked: String(path[..<slash])))
            end = slash
        }
        return out
    }

    /// The top of the path (the district).
    public var root: Scope {
        guard let slash = path.utf8.firstIndex(of: UInt8(ascii: "/")) else { return self }
        return Scope(unchecked: String(path[..<slash]))
    }

    init(unchecked path: String) { self.path = path }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try Scope(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(path)
    }
}
