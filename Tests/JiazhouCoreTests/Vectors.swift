import Foundation
import JiazhouCore
import Testing

/// The known-answer files in `Ledger/vectors/`, read by path (STYLE.md §11).
///
/// They are decoded with Foundation's `JSONDecoder`, not with ``JSONParser``,
/// so that a parser bug cannot hide itself by misreading its own vectors.
enum Vectors {
    /// `Tests/JiazhouCoreTests/Vectors.swift` → the repository root is three levels up.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Ledger")
        .appendingPathComponent("vectors")

    /// Decodes one vector file; snake_case members become camelCase properties.
    static func load<T: Decodable>(_ file: String, as type: T.Type = T.self) throws -> T {
        let data = try Data(contentsOf: directory.appendingPathComponent(file))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(T.self, from: data)
    }
}

/// Hex written by the vector generator, decoded independently of ``Hex``.
func bytes(hex: String) -> [UInt8] {
    let digits = Array(hex.utf8)
    precondition(digits.count % 2 == 0, "vector hex has an odd length")
    func value(_ c: UInt8) -> UInt8 {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        default: preconditionFailure("vector hex is not lowercase hex")
        }
    }
    return stride(from: 0, to: digits.count, by: 2).map { value(digits[$0]) << 4 | value(digits[$0 + 1]) }
}

/// A hash from vector hex; records an issue (and throws) if it is not 32 bytes.
func hash(_ hex: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Hash {
    try #require(Hash(bytes: bytes(hex: hex)), sourceLocation: sourceLocation)
}

/// `{size, root}`: an RFC 9162 Merkle tree hash after `size` leaves.
struct RootVector: Decodable, Sendable {
    var size: UInt64
    var root: String
}
