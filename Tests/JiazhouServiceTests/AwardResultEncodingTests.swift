import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// An award's result is written directly (CanonicalJSONWritable) into its
/// idempotency row and the answer; the bytes must be those `Codable` gives,
/// or a retried request would get back other bytes than the first answer.
@Suite struct AwardResultEncodingTests {
    static func viaCodable(_ result: AwardResult) throws -> [UInt8] { try JSONValueEncoder().encode(result).canonicalBytes }

    @Test func aRealAwardsResultWritesTheBytesCodableGives() async throws {
        let ledger = try await TestLedger.make()
        let result = try await ledger.service.award(
            AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity()), actor: TestLedger.root, key: "first")
        #expect(!result.explanation.isEmpty)
        #expect(result.canonicalJSON == (try Self.viaCodable(result)))
        // The retry answers from the idempotency row: the same result.
        let again = try await ledger.service.award(
            AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity()), actor: TestLedger.root, key: "first")
        #expect(again == result)
    }

    @Test func explanationsThatNeedEscapesAndNegativeFigures() throws {
        let result = AwardResult(
            seq: 0, points: -3, minutes: Int64(1) << 53,
            explanation: [.object(["rule": .string("老\"字号\"\n"), "points": .integer(-3), "nested": .array([.bool(true), .null])]), .string("a\\b")])
        #expect(result.canonicalJSON == (try Self.viaCodable(result)))
        #expect(AwardResult(seq: 7, points: 0, minutes: 0, explanation: []).canonicalJSON == Array(#"{"explanation":[],"minutes":0,"points":0,"seq":7}"#.utf8))
    }
}
