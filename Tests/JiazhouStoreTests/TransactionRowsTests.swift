import JiazhouCore
@testable import JiazhouStorage
import Testing

/// The rows a write transaction holds in memory: what a refused request in
/// a commit group must leave behind (nothing of its own), and what a write-back takes.
@Suite struct TransactionRowsTests {
    /// Committed rows that count how often they are read.
    final class Committed: CommittedRows {
        var accounts: [AccountID: Account]
        var usage: [UsageDelta.Key: UsageFigures] = [:]
        var reads = 0
        init(_ accounts: [Account]) { self.accounts = Dictionary(uniqueKeysWithValues: accounts.map { ($0.id, $0) }) }
        func committedAccount(_ id: AccountID) throws -> Account? {
            reads += 1
            return accounts[id]
        }
        func committedUsage(_ key: UsageDelta.Key) throws -> UsageFigures? {
            reads += 1
            return usage[key]
        }
    }

    let alice = AccountID(unchecked: .volunteer, "alice")
    let bob = AccountID(unchecked: .volunteer, "bob")

    func committed() throws -> Committed {
        let scope = try Scope("shizhong")
        let committed = Committed([
            Account(id: alice, scope: scope, tags: [], budget: nil, openedSeq: 1, balance: 10),
            Account(id: bob, scope: scope, tags: [], budget: nil, openedSeq: 2, balance: 5),
        ])
        committed.usage[UsageDelta.Key(account: alice, period: "day:2026-11-23")] = UsageFigures(points: 7, minutes: 60)
        return committed
    }

    func add(_ points: Int64, to id: AccountID, _ rows: TransactionRows, _ committed: Committed) throws {
        #expect(try rows.updateAccount(id, from: committed) { $0.balance += points })
        try rows.addUsage(UsageDelta.Key(account: id, period: "day:2026-11-23"), points: points, minutes: 30, from: committed) {
            LedgerError(.ledger_invalid, "below zero")
        }
    }

    @Test func rollingBackTheSecondRequestKeepsTheFirstAndOnlyTheFirst() throws {
        let committed = try committed()
        let rows = TransactionRows()
        try add(3, to: alice, rows, committed)
        let mark = rows.beginSavepoint()
        try add(4, to: alice, rows, committed)
        try add(2, to: bob, rows, committed)
        rows.rollback(to: mark)
        rows.endSavepoint()
        #expect(try rows.account(alice, from: committed)?.balance == 13)
        #expect(try rows.account(bob, from: committed)?.balance == 5)
        let pending = rows.pending
        #expect(pending.accounts.map(\.id) == [alice])
        #expect(pending.accounts.first?.balance == 13)
        #expect(pending.usage.map(\.key.account) == [alice])
        #expect(pending.usage.first?.figures == UsageFigures(points: 10, minutes: 90))
    }

    @Test func aRefusedChangeLeavesTheRowAsItWas() throws {
        let committed = try committed()
        let rows = TransactionRows()
        let key = UsageDelta.Key(account: alice, period: "day:2026-11-23")
        #expect(throws: LedgerError.self) {
            try rows.addUsage(key, points: -8, minutes: 0, from: committed) { LedgerError(.ledger_invalid, "below zero") }
        }
        #expect(try rows.usage(key, from: committed) == UsageFigures(points: 7, minutes: 60))
        #expect(rows.pending.usage.isEmpty)
        #expect(!(try rows.updateAccount(AccountID(unchecked: .volunteer, "nobody"), from: committed) { $0.balance += 1 }))
    }

    @Test func aWriteBackEmptiesThePendingRowsAndKeepsWhatWasRead() throws {
        let committed = try committed()
        let rows = TransactionRows()
        try add(1, to: alice, rows, committed)
        rows.addSubtree(level: 1, index: 0, hash: .zero)
        #expect(rows.pending.subtrees.count == 1)
        rows.wroteBack()
        let pending = rows.pending
        #expect(pending.accounts.isEmpty && pending.usage.isEmpty && pending.movements.isEmpty && pending.subtrees.isEmpty)
        let reads = committed.reads
        try add(1, to: alice, rows, committed)
        #expect(committed.reads == reads, "rows read once in a transaction are not read again")
        #expect(rows.pending.accounts.first?.balance == 12)
    }

    @Test func rollingBackASavepointThatBeganCleanForgetsEverything() throws {
        let committed = try committed()
        let rows = TransactionRows()
        let mark = rows.beginSavepoint()
        try add(5, to: bob, rows, committed)
        rows.rollback(to: mark)
        rows.endSavepoint()
        #expect(rows.pending.accounts.isEmpty)
        #expect(try rows.account(bob, from: committed)?.balance == 5)
    }
}
