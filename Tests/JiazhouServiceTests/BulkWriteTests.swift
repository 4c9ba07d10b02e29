import JiazhouCore
import JiazhouRules
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

/// Bulk loads write back part-way through one transaction
/// (`LedgerWriting.writeBack`) and skip per-row undo: a failure after a write-back
/// must still leave nothing behind, and a write-back that could lose other
/// requests' writes is refused.
@Suite struct BulkWriteTests {
    private func award(_ n: Int, _ writer: any LedgerWriting, rules: RuleSet) throws -> Entry {
        let time = Timestamp(millisecondsSince1970: 1_795_000_000_000)
        let priced = try PricedAward(
            AwardRequest(volunteer: TestLedger.volunteer(1 + n % 3), activity: TestLedger.activity("bulk-\(n)", minutes: 60)), rules: rules,
            reader: writer.reader, time: time)
        return Entry(
            seq: writer.head.size, prev: writer.head.last, time: time, kind: .award, actor: TestLedger.root, key: nil,
            postings: try priced.postings, data: priced.data)
    }

    private func balance(_ ledger: TestLedger, _ n: Int) throws -> Int64 {
        try ledger.service.account(AccountGetRequest(account: TestLedger.volunteer(n)), actor: TestLedger.root).balance
    }

    @Test func aBulkWriteThatFailsAfterAWriteBackLeavesNothingBehind() async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        let service = ledger.service
        let sizeBefore = try service.info().size
        let balanceBefore = try balance(ledger, 1)
        await #expect(throws: LedgerError.self) {
            try await service.appendBulk { writer in
                let rules = try service.currentRuleSet(reader: writer.reader)
                for n in 0..<6 { try writer.append(try award(n, writer, rules: rules)) }
                try writer.writeBack()
                for n in 6..<9 { try writer.append(try award(n, writer, rules: rules)) }
                throw LedgerError(.invalid_request, "a bad row further down the sheet")
            }
        }
        #expect(try service.info().size == sizeBefore)
        #expect(try balance(ledger, 1) == balanceBefore)
        #expect(try service.verify(VerifyRequest(), actor: TestLedger.root).ok)
    }

    @Test func aRolledBackAttemptThatWroteBackIsForgottenByTheRestOfItsTransaction() async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        let service = ledger.service
        let sizeBefore = try service.info().size
        let balanceBefore = try balance(ledger, 1)
        let seen = try await service.appendBulk { writer -> Int64 in
            let rules = try service.currentRuleSet(reader: writer.reader)
            _ = try? writer.attempt { writer in
                for n in 0..<6 { try writer.append(try award(n, writer, rules: rules)) }
                try writer.writeBack()
                for n in 6..<9 { try writer.append(try award(n, writer, rules: rules)) }
                throw LedgerError(.invalid_request, "a bad row further down the sheet")
            }
            let seen = try writer.reader.account(TestLedger.volunteer(1))?.balance ?? -1
            try writer.append(try award(0, writer, rules: rules))
            return seen
        }
        // Inside the transaction, the undone awards were no longer seen …
        #expect(seen == balanceBefore)
        // … and what was written after them is all there is.
        #expect(try service.info().size == sizeBefore + 1)
        #expect(try balance(ledger, 1) > balanceBefore)
        #expect(try service.verify(VerifyRequest(), actor: TestLedger.root).ok)
    }

    @Test func aBulkWriteThatWritesBackCommitsWhole() async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        let service = ledger.service
        let sizeBefore = try service.info().size
        try await service.appendBulk { writer in
            let rules = try service.currentRuleSet(reader: writer.reader)
            for n in 0..<9 {
                try writer.append(try award(n, writer, rules: rules))
                if n % 4 == 3 { try writer.writeBack() }
            }
        }
        #expect(try service.info().size == sizeBefore + 9)
        #expect(try service.verify(VerifyRequest(), actor: TestLedger.root).ok)
    }

    @Test func aWriteBackAfterOtherWritesInsideANestedAttemptIsRefused() async throws {
        let ledger = try await TestLedger.make()
        let service = ledger.service
        let sizeBefore = try service.info().size
        let refusal = try await service.appendBatch { writer -> LedgerError? in
            let rules = try service.currentRuleSet(reader: writer.reader)
            try writer.append(try award(0, writer, rules: rules))
            do {
                try writer.attempt { writer in try writer.writeBack() }
                return nil
            } catch let error as LedgerError {
                return error
            }
        }
        #expect(refusal?.reason == .invalid_request)
        // The award before it is intact.
        #expect(try service.info().size == sizeBefore + 1)
        #expect(try service.verify(VerifyRequest(), actor: TestLedger.root).ok)
    }
}
