import JiazhouCore
import Testing

@Suite("Posting")
struct PostingTests {
    private static let issuer = AccountID(unchecked: .issuer, "shizhong")
    private static let volunteer = AccountID(unchecked: .volunteer, "V000001")

    @Test(arguments: [Int64(0), -1, -20, Int64(1 << 53) + 1, Int64.max, Int64.min])
    func pointsOutsideOneTo2Pow53AreRejected(_ points: Int64) {
        let error = #expect(throws: LedgerError.self) { try Posting(from: Self.issuer, to: Self.volunteer, points: points) }
        #expect(error?.reason == .invalid_request)
    }

    @Test(arguments: [Int64(1), 20, Int64(1 << 53)])
    func pointsFromOneTo2Pow53AreAccepted(_ points: Int64) throws {
        #expect(try Posting(from: Self.issuer, to: Self.volunteer, points: points).points == points)
    }

    @Test func aPostingToTheSameAccountIsRejected() {
        let error = #expect(throws: LedgerError.self) { try Posting(from: Self.volunteer, to: Self.volunteer, points: 5) }
        #expect(error?.reason == .invalid_request)
    }

    @Test(arguments: ["coordinator:gw-baiyang-g01", "operator:root"])
    func aPrincipalCannotSendOrReceivePoints(_ principal: String) throws {
        let id = try AccountID(principal)
        #expect(throws: LedgerError.self) { try Posting(from: id, to: Self.volunteer, points: 1) }
        #expect(throws: LedgerError.self) { try Posting(from: Self.issuer, to: id, points: 1) }
    }
}
