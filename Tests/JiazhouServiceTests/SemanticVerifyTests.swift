import Foundation
import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

/// A forger who can rewrite the database and recompute every hash — but
/// not the rules — is caught by `verify --semantic`: an award whose points
/// were raised no longer matches its rules, and one whose recorded facts
/// were changed to escape a cap no longer matches the chain before it.
@Suite struct SemanticVerifyTests {
    /// A ledger with a few awards under the default rules, exported.
    func exported() async throws -> (TestLedger, [Entry]) {
        let ledger = try await TestLedger.make(inFile: true, rules: TestLedger.defaultRules)
        for (n, minutes) in [(1, 120), (2, 300), (2, 300), (3, 60)] as [(Int, Int64)] {
            _ = try await ledger.service.award(
                AwardRequest(volunteer: TestLedger.volunteer(n), activity: TestLedger.activity("a\(n)-\(minutes)", minutes: minutes)),
                actor: TestLedger.baiyangOffice, key: nil)
        }
        return (ledger, try Forgery.entries(of: ledger.service))
    }

    func forged(_ entries: [Entry], in directory: String) throws -> any LedgerStorage {
        try Forgery.rechained(entries, at: directory + "/forged.sqlite")
    }

    func awardIndex(_ entries: [Entry], _ n: Int) -> Int { entries.firstIndex { $0.kind == .award && $0.serviceVolunteer == TestLedger.volunteer(n) }! }

    @Test func anHonestCopyPassesBothChecks() async throws {
        let (ledger, entries) = try await exported()
        defer { ledger.remove() }
        let store = try forged(entries, in: ledger.directory!)
        #expect(try LedgerService.verify(store: store, semantic: false).ok)
        let report = try LedgerService.verify(store: store, semantic: true)
        #expect(report.ok && report.awardsRepriced == 4, "\(report.problems)")
    }

    @Test func raisedPointsAreCaughtOnlyBySemanticVerification() async throws {
        let (ledger, original) = try await exported()
        defer { ledger.remove() }
        var entries = original
        let i = awardIndex(entries, 1)
        let posting = entries[i].postings[0]
        entries[i].postings = [try Posting(from: posting.from, to: posting.to, points: posting.points * 10)]
        let store = try forged(entries, in: ledger.directory!)
        #expect(try LedgerService.verify(store: store, semantic: false).ok, "the forgery is structurally sound")
        let report = try LedgerService.verify(store: store, semantic: true)
        #expect(!report.ok)
        #expect(report.problems.first?.seq == entries[i].seq)
        #expect(report.problems.first?.problem.contains("its rules give 25") == true, "\(report.problems)")
    }

    @Test func factsChangedToEscapeTheDayCapAreCaught() async throws {
        let (ledger, original) = try await exported()
        defer { ledger.remove() }
        var entries = original
        // The second 300-minute award of V000002 was capped at 180 minutes:
        // pretend the day was empty, and pay the full 300.
        let second = entries.lastIndex { $0.kind == .award && $0.serviceVolunteer == TestLedger.volunteer(2) }!
        var data = entries[second].data.objectValue!
        var facts = data["facts"]!.objectValue!
        facts["usage"] = ["day_minutes": 0, "day_points": 0, "week_points": 0, "month_points": 0, "budget_points": 70]
        data["facts"] = .object(facts)
        data["minutes"] = 300
        entries[second].data = .object(data)
        entries[second].postings = [try Posting(from: entries[second].postings[0].from, to: TestLedger.volunteer(2), points: 55)]
        let store = try forged(entries, in: ledger.directory!)
        let report = try LedgerService.verify(store: store, semantic: true)
        #expect(report.problems.contains { $0.seq == entries[second].seq && $0.problem.contains("records usage") }, "\(report.problems)")
    }

    @Test func anAwardUnderARuleSetThatWasNeverPublishedIsCaught() async throws {
        let (ledger, original) = try await exported()
        defer { ledger.remove() }
        var entries = original
        let i = awardIndex(entries, 3)
        var data = entries[i].data.objectValue!
        data["rules"] = ["version": 7, "hash": .string(String(repeating: "ab", count: 32))]
        entries[i].data = .object(data)
        let report = try LedgerService.verify(store: try forged(entries, in: ledger.directory!), semantic: true)
        #expect(report.problems.contains { $0.seq == entries[i].seq && $0.problem.contains("not published") }, "\(report.problems)")
    }

    @Test func anAwardPricedByARuleSetNoLongerInForceIsCaught() async throws {
        let ledger = try await TestLedger.make(inFile: true, rules: TestLedger.defaultRules)
        defer { ledger.remove() }
        let next = TestLedger.plainRules.replacingOccurrences(of: "version: 1", with: "version: 2")
        _ = try await ledger.service.publishRules(RulesPublishRequest(ruleset: next), actor: TestLedger.root, key: nil)
        _ = try await ledger.service.award(AwardRequest(volunteer: TestLedger.volunteer(3), activity: TestLedger.activity()), actor: TestLedger.root, key: nil)
        var entries = try Forgery.entries(of: ledger.service)
        let i = entries.lastIndex { $0.kind == .award }!
        var data = entries[i].data.objectValue!
        let v1 = entries.first { $0.kind == .rulesPublish }!.data["hash"]!
        data["rules"] = ["version": 1, "hash": v1]
        entries[i].data = .object(data)
        let report = try LedgerService.verify(store: try forged(entries, in: ledger.directory!), semantic: true)
        #expect(report.problems.contains { $0.seq == entries[i].seq && $0.problem.contains("v2 was in force") }, "\(report.problems)")
    }
}
