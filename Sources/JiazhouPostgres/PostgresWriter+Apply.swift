import JiazhouCore
import JiazhouStorage

/// What an entry maintains, in PostgreSQL's SQL: the rows ``IndexRow`` and
/// ``TransactionRows`` decide, the same as on SQLite, so that `verify`
/// finds the same figures on either backend.
extension PostgresWriter {
    /// Writes one row of the tables derived from kinds (SPEC §5).
    func write(_ row: IndexRow) throws {
        switch row {
        case .meta(let name, let value):
            try setMeta(name, value)
        case .account(let account):
            try execute(
                "INSERT INTO accounts (id, kind, scope, tags, budget, opened_seq) VALUES ($1, $2, $3, $4, $5, $6)",
                [
                    .text(account.id.text), .text(account.id.kind.rawValue), .text(account.scope.path),
                    .text(JSONValue.array(account.tags.map(JSONValue.string)).canonicalText), .int(account.budget), .int(account.openedSeq),
                ])
            state.rows.inserted(account)
        case .status(let account, let status, let seq):
            try execute(
                "INSERT INTO account_status (account, status, seq) VALUES ($1, $2, $3) ON CONFLICT (account) DO UPDATE SET status = EXCLUDED.status, seq = EXCLUDED.seq",
                [.text(account.text), .text(status.rawValue), .int(seq)])
        case .catalogue(let merchant, let items):
            try execute("DELETE FROM catalogue WHERE merchant = $1", [.text(merchant.text)])
            for item in items {
                try execute(
                    "INSERT INTO catalogue (merchant, item, points, seq) VALUES ($1, $2, $3, $4)",
                    [.text(merchant.text), .text(item.item), .int(item.points), .int(item.seq)])
            }
        case .reversal(let original, let seq):
            try execute("INSERT INTO reversals (original_seq, reversal_seq) VALUES ($1, $2)", [.int(original), .int(seq)])
        case .ruleSet(let rules):
            try execute(
                "INSERT INTO rulesets (version, seq, hash, text) VALUES ($1, $2, $3, $4)",
                [.int(rules.version), .int(rules.seq), .bytes(rules.hash.bytes), .text(rules.text)])
        }
    }

    func apply(_ change: LotChange, in entry: Entry) throws {
        switch change {
        case .open(let seq, let volunteer, let points, let available, let expires):
            try execute(
                "INSERT INTO lots (seq, volunteer, points, remaining, available_ms, expires_ms) VALUES ($1, $2, $3, $3, $4, $5)",
                [.int(seq), .text(volunteer.text), .int(points), .int(available.millisecondsSince1970), .int(expires?.millisecondsSince1970)])
        case .take(let seq, let points):
            guard try execute("UPDATE lots SET remaining = remaining - $1 WHERE seq = $2 AND remaining >= $1", [.int(points), .int(seq)]) == 1 else {
                throw LedgerError(.insufficient_points, "entry \(entry.seq) takes \(points) points from the lot of award \(seq), which does not hold them")
            }
        case .restore(let seq, let points):
            guard try execute("UPDATE lots SET remaining = remaining + $1 WHERE seq = $2 AND remaining + $1 <= points", [.int(points), .int(seq)]) == 1 else {
                throw LedgerError(.ledger_invalid, "entry \(entry.seq) puts \(points) points back into the lot of award \(seq), which never gave them")
            }
        }
    }

    /// Rows a multi-row statement carries: PostgreSQL takes at most 65,535 parameters.
    static let rowsPerStatement = 1_000

    /// The transaction's pending rows, a few multi-row statements for all of them.
    func writeRows(_ pending: PendingRows) throws {
        for chunk in pending.accounts.chunked(Self.rowsPerStatement) {
            try execute(
                "UPDATE accounts AS a SET balance = v.balance, earned = v.earned, minutes = v.minutes FROM (VALUES "
                    + Self.placeholders(rows: chunk.count, columns: 4, firstRowTypes: ["text", "bigint", "bigint", "bigint"])
                    + ") AS v (id, balance, earned, minutes) WHERE a.id = v.id",
                chunk.flatMap { [.text($0.id.text), .int($0.balance), .int($0.earned), .int($0.minutes)] })
        }
        for chunk in pending.usage.chunked(Self.rowsPerStatement) {
            try execute(
                "INSERT INTO usage (account, period, points, minutes) VALUES " + Self.placeholders(rows: chunk.count, columns: 4)
                    + " ON CONFLICT (account, period) DO UPDATE SET points = EXCLUDED.points, minutes = EXCLUDED.minutes",
                chunk.flatMap { [.text($0.key.account.text), .text($0.key.period), .int($0.figures.points), .int($0.figures.minutes)] })
        }
        for chunk in pending.movements.chunked(Self.rowsPerStatement) {
            try execute(
                "INSERT INTO movements (account, seq, points) VALUES " + Self.placeholders(rows: chunk.count, columns: 3),
                chunk.flatMap { [.text($0.account.text), .int($0.seq), .int($0.points)] })
        }
        for chunk in pending.subtrees.chunked(Self.rowsPerStatement) {
            try execute(
                "INSERT INTO subtrees (level, idx, hash) VALUES " + Self.placeholders(rows: chunk.count, columns: 3),
                chunk.flatMap { [.int(Int64($0.level)), .int($0.index), .bytes($0.hash.bytes)] })
        }
    }

    /// `($1, $2), ($3, $4), …`, the first row's parameters cast where a
    /// `VALUES` list alone would not tell PostgreSQL their types.
    static func placeholders(rows: Int, columns: Int, firstRowTypes: [String]? = nil) -> String {
        var text = ""
        text.reserveCapacity(rows * columns * 6)
        for row in 0..<rows {
            if row > 0 { text += ", " }
            text += "("
            for column in 0..<columns {
                if column > 0 { text += ", " }
                text += "$\(row * columns + column + 1)"
                if row == 0, let types = firstRowTypes { text += "::" + types[column] }
            }
            text += ")"
        }
        return text
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements.
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
