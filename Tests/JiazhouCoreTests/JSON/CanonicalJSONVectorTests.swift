import JiazhouCore
import Testing

/// `Ledger/vectors/canonical.json`: RFC 8785 bytes for our value types.
struct CanonicalVectors: Decodable, Sendable {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var input: String
        var canonical: String
        var canonicalUtf8Hex: String
        var testDescription: String { name }
    }

    struct Reject: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var input: String
        var testDescription: String { name }
    }

    struct ImplementationDefined: Decodable, Sendable {
        var name: String
        var input: String
        var rfc8785Canonical: String
    }

    var cases: [Case]
    var rejects: [Reject]
    var implementationDefined: [ImplementationDefined]

    static func load() throws -> Self { try Vectors.load("canonical.json") }

    func implementationDefined(_ name: String) throws -> ImplementationDefined {
        try #require(implementationDefined.first { $0.name == name }, "canonical.json has no implementation_defined \(name)")
    }
}

@Suite("canonical.json known answers")
struct CanonicalJSONVectorTests {
    @Test(arguments: try CanonicalVectors.load().cases)
    func parsingThenSerialisingGivesTheExpectedCanonicalBytes(_ vector: CanonicalVectors.Case) throws {
        let value = try JSONParser.parse(vector.input)
        #expect(CanonicalJSON.bytes(value) == bytes(hex: vector.canonicalUtf8Hex))
        #expect(value.canonicalText == vector.canonical)
    }

    @Test(arguments: try CanonicalVectors.load().cases)
    func canonicalTextIsAFixedPoint(_ vector: CanonicalVectors.Case) throws {
        let once = try JSONParser.parse(vector.canonical)
        #expect(once.canonicalText == vector.canonical)
    }

    @Test(arguments: try CanonicalVectors.load().rejects)
    func textOutsideTheFormatIsRejected(_ vector: CanonicalVectors.Reject) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(vector.input) }
    }

    /// Every open point in the vectors must have a decision tested below;
    /// a new one fails here until someone decides it.
    @Test func everyImplementationDefinedInputHasADecidedPolicy() throws {
        let names = Set(try CanonicalVectors.load().implementationDefined.map(\.name))
        #expect(names == ["negative_zero", "negative_zero_in_array", "byte_order_mark"])
    }

    /// Our policy: `-0` is integer syntax; it is accepted and written as `0` (RFC 8785 §3.2.2.3).
    @Test(arguments: ["negative_zero", "negative_zero_in_array"])
    func negativeZeroIsAcceptedAndCanonicalisesToZero(_ name: String) throws {
        let vector = try CanonicalVectors.load().implementationDefined(name)
        let value = try JSONParser.parse(vector.input)
        #expect(value.canonicalText == vector.rfc8785Canonical)
    }

    /// Our policy: a leading U+FEFF is rejected (RFC 8259 §8.1 permits either).
    @Test func aLeadingByteOrderMarkIsRejected() throws {
        let vector = try CanonicalVectors.load().implementationDefined("byte_order_mark")
        #expect(Array(vector.input.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(vector.input) }
        // Without the mark the same text is fine: it is the mark that is refused.
        let withoutMark = String(vector.input.unicodeScalars.dropFirst())
        #expect(try JSONParser.parse(withoutMark).canonicalText == vector.rfc8785Canonical)
    }
}
