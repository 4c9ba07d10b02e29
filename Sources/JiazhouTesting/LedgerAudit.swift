public import JiazhouCore
public import JiazhouService
import JiazhouStore

/// What a fault test checks on a ledger file after the fault: the verifier's
/// report, and every entry's key, kind and postings, read from the file as a
/// restarted process would (read-only, so the audit itself changes nothing).
public struct LedgerAudit: Sendable {
    public struct Written: Sendable {
        public var seq: Int64
        public var kind: String
        public var postings: [Posting]
    }

    public let report: VerifyReport
    public let size: Int64
    /// The entries written under each idempotency key, in seq order.
    public let byKey: [String: [Written]]
    /// Balances as the accounts table holds them.
    public let balances: [AccountID: Int64]

    public static func read(path: String) throws -> LedgerAudit {
        let store = try LedgerStore.open(path: path, readonly: true)
        let report = try LedgerService.verify(store: store, semantic: false)
        var byKey: [String: [Written]] = [:]
        try LedgerService.export(store: store) { line in
            let entry = try Entry.unseal(Array(line.dropLast()), using: store.suite).entry
            if let key = entry.key { byKey[key, default: []].append(Written(seq: entry.seq, kind: entry.kind.rawValue, postings: entry.postings)) }
        }
        var balances: [AccountID: Int64] = [:]
        try store.read { reader in try reader.forEachAccount { balances[$0.id] = $0.balance } }
        return LedgerAudit(report: report, size: report.size, byKey: byKey, balances: balances)
    }

    /// Whether the seqs are exactly `first…first+count-1`: a batch written whole.
    public static func isContiguous(_ written: [Written]) -> Bool {
        zip(written, written.dropFirst()).allSatisfy { $1.seq == $0.seq + 1 }
    }
}
