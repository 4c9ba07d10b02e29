import Foundation
import JiazhouCore
import JiazhouHTTP
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

/// Tokens are 256 random bits shown once, stored as their SHA-256, bound to
/// an open principal.
@Suite(.timeLimit(.minutes(2))) struct TokenTests {
    @Test func aTokenIsShownOnceAndOnlyItsHashIsStored() async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        let tokens = BearerTokens(service: ledger.service, clock: ledger.clock)
        let issued = try tokens.issue(principal: TestLedger.baiyangOffice, expires: nil)
        #expect(issued.token.hasPrefix("jzt_"))
        #expect(issued.token.utf8.count == 4 + 43)
        #expect(try tokens.issue(principal: TestLedger.baiyangOffice, expires: nil).token != issued.token)
        let database = try Data(contentsOf: URL(fileURLWithPath: ledger.path!)) + ((try? Data(contentsOf: URL(fileURLWithPath: ledger.path! + "-wal"))) ?? Data())
        #expect(database.range(of: Data(issued.token.utf8)) == nil)
        let listed = try tokens.list()
        #expect(listed.map(\.principal) == [TestLedger.baiyangOffice, TestLedger.baiyangOffice])
        #expect(listed.first?.revoked == nil)
    }

    @Test func onlyOpenPrincipalsGetTokens() async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        let tokens = BearerTokens(service: ledger.service, clock: ledger.clock)
        #expect(refusal { try tokens.issue(principal: TestLedger.volunteer(77), expires: nil) } == .unknown_account)
        #expect(refusal { try tokens.issue(principal: .issuer(for: TestLedger.baiyang), expires: nil) } == .invalid_request)
        #expect(refusal { try tokens.issue(principal: TestLedger.root, expires: ledger.clock.now()) } == .invalid_request)
        #expect(refusal { try tokens.revoke(id: 99) } == .invalid_request)
    }

    @Test(arguments: [("30d", 30 * 86_400_000), ("12h", 12 * 3_600_000), ("90m", 90 * 60_000)] as [(String, Int64)])
    func anExpiryIsALifetime(text: String, milliseconds: Int64) throws {
        let now = Timestamp(millisecondsSince1970: 1_000_000)
        #expect(try TokenExpiry.parse(text, now: now).millisecondsSince1970 == 1_000_000 + milliseconds)
    }

    @Test func anExpiryIsAnRFC3339TimeOrRefused() throws {
        let now = Timestamp(millisecondsSince1970: 0)
        #expect(try TokenExpiry.parse("2027-01-01T00:00:00+08:00", now: now) == Timestamp(rfc3339: "2026-12-31T16:00:00Z"))
        for bad in ["30", "d", "-1d", "tomorrow", "99999999d"] {
            #expect(refusal { try TokenExpiry.parse(bad, now: now) } == .invalid_request, "\(bad)")
        }
    }
}
