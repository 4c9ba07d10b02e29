/// A path down the governance tree: district / street / community / grid
/// (/ compound). `shizhong/tongjiang/baiyang/g01`.
///
/// A coordinator holding a scope may act on everything at or below it.
public struct Scope: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The path's segments, top first.
    public let segments: [String]

    /// The deepest level the tree has: district, street, community, grid, compound.
    public static let maxDepth = 5
    /// Longest segment, in bytes (of `a-z 0-9 -`).
    public static let maxSegmentBytes = 32

    /// Parses `a/b/c`. Segments are 1–32 of `a-z 0-9 -`; at most ``maxDepth`` of them.
    public init(_ path: String) throws(LedgerError) {
        let parts = path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        guard !parts.isEmpty, parts.count <= Self.maxDepth, parts.allSatisfy(Self.isValidSegment) else {
            throw LedgerError(.invalid_request, "scope \"\(path)\" is not a path like shizhong/tongjiang/baiyang (lowercase a-z, 0-9, '-', at most \(Self.maxDepth) levels)")
        }
        self.segments = parts
    }

    static func isValidSegment(_ s: String) -> Bool {
        (1...maxSegmentBytes).contains(s.utf8.count)
            && s.utf8.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-") }
    }

    public var path: String { segments.joined(separator: "/") }
    public var description: String { path }

    /// Whether `other` is this scope or lies below it.
    public func contains(_ other: Scope) -> Bool {
        other.segments.count >= segments.count && Array(other.segments.prefix(segments.count)) == segments
    }

    /// This scope and every scope above it, deepest first.
    public var selfAndAncestors: [Scope] {
        (1...segments.count).reversed().map { Scope(unchecked: Array(segments.prefix($0))) }
    }

    /// The top of the path (the district).
    public var root: Scope { Scope(unchecked: [segments[0]]) }

    init(unchecked segments: [String]) { self.segments = segments }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try Scope(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(path)
    }
}
