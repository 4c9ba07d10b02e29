import JiazhouCore
import JiazhouStorage

/// What an entry maintains, as SQLite's StoreWriter maintains it (the same
/// rows, so that `verify` finds the same figures on either backend).
extension PostgresWriter {
    /// The tables derived from kinds: accounts, reversals, rule sets, status, catalogue.
    func index(_ entry: Entry) throws {
        switch entry.kind {
        case .genesis:
            for field in ["origin", "verifier_key", "suite"] {
                guard let value = entry.data[field]?.stringValue else { throw LedgerError(.invalid_request, "genesis has no \(field)") }
                try setMeta(field, value)
            }
        case .accountOpen:
            guard let id = entry.data["account"]?.stringValue, let scope = entry.data["scope"]?.stringValue else {
                throw LedgerError(.invalid_request, "account.open needs data.account and data.scope")
            }
            let account = try AccountID(id)
            let tags = entry.data["tags"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let scopePath = try Scope(scope).path
            try execute(
                "INSERT INTO accounts (id, kind, scope, tags, budget, opened_seq) VALUES ($1, $2, $3, $4, $5, $6)",
                [
                    .text(account.text), .text(account.kind.rawValue), .text(scopePath), .text(JSONValue.array(tags.map(JSONValue.string)).canonicalText),
                    .int(entry.data["budget"]?.integerValue), .int(entry.seq),
                ])
        case .accountUpdate:
            try indexAccountUpdate(entry)
            try indexCatalogue(entry)
        case .reverse:
            guard let original = entry.data["seq"]?.integerValue else { throw LedgerError(.invalid_request, "reverse needs data.seq") }
            try execute("INSERT INTO reversals (original_seq, reversal_seq) VALUES ($1, $2)", [.int(original), .int(entry.seq)])
        case .rulesPublish:
            guard let version = entry.data["version"]?.integerValue, let hashText = entry.data["hash"]?.stringValue,
                let hash = Hash(hex: hashText), let text = entry.data["text"]?.stringValue
            else { throw LedgerError(.invalid_request, "rules.publish needs data.version, data.hash and data.text") }
            try execute("INSERT INTO rulesets (version, seq, hash, text) VALUES ($1, $2, $3, $4)", [.int(version), .int(entry.seq), .bytes(hash.bytes), .text(text)])
        default: break
        }
    }

    private func indexAccountUpdate(_ entry: Entry) throws {
        guard let statusText = entry.data["status"]?.stringValue else { return }
        guard let id = entry.data["account"]?.stringValue, let status = AccountStatus(rawValue: statusText) else {
            throw LedgerError(.invalid_request, "account.update needs data.account and a data.status of active or suspended")
        }
        try execute(
            "INSERT INTO account_status (account, status, seq) VALUES ($1, $2, $3) ON CONFLICT (account) DO UPDATE SET status = EXCLUDED.status, seq = EXCLUDED.seq",
            [.text(id), .text(status.rawValue), .int(entry.seq)])
    }

    private func indexCatalogue(_ entry: Entry) throws {
        guard let list = entry.data["catalogue"]?.arrayValue else { return }
        guard let id = entry.data["account"]?.stringValue else { throw LedgerError(.invalid_request, "account.update needs data.account") }
        try execute("DELETE FROM catalogue WHERE merchant = $1", [.text(id)])
        for value in list {
            guard let item = value["item"]?.stringValue, let points = value["points"]?.integerValue else {
                throw LedgerError(.invalid_request, "a catalogue item is {item, points}")
            }
            try execute("INSERT INTO catalogue (merchant, item, points, seq) VALUES ($1, $2, $3, $4)", [.text(id), .text(item), .int(points), .int(entry.seq)])
        }
    }

    /// Balances and movements, usage, lots.
    func apply(_ entry: Entry) throws {
        var concerned = entry.effects
        if let volunteer = entry.serviceVolunteer, concerned[volunteer] == nil { concerned[volunteer] = AccountDelta() }
        if entry.kind == .accountOpen || entry.kind == .accountUpdate, let id = entry.data["account"]?.stringValue, let account = try? AccountID(id),
            concerned[account] == nil
        {
            concerned[account] = AccountDelta()
        }
        let reader = PostgresReader(connection: connection, suite: suite)
        for (id, delta) in concerned {
            guard var account = try reader.account(id) else { throw LedgerError(.unknown_account, "\(id) is not open") }
            if delta != AccountDelta() {
                account.balance += delta.balance
                account.earned += delta.earned
                account.minutes += delta.minutes
                if id.kind.isNonNegative, account.balance < 0 {
                    throw LedgerError(.insufficient_points, "\(id) would go below zero (\(account.balance))")
                }
                try execute(
                    "UPDATE accounts SET balance = $1, earned = $2, minutes = $3 WHERE id = $4",
                    [.int(account.balance), .int(account.earned), .int(account.minutes), .text(id.text)])
            }
            try execute("INSERT INTO movements (account, seq, points) VALUES ($1, $2, $3)", [.text(id.text), .int(entry.seq), .int(delta.balance)])
        }
        for delta in entry.usageDeltas {
            var figures = try reader.usage(delta.account, period: delta.period)
            figures.points += delta.points
            figures.minutes += delta.minutes
            guard figures.points >= 0, figures.minutes >= 0 else {
                throw LedgerError(.ledger_invalid, "entry \(entry.seq) takes more from \(delta.account)'s \(delta.period) than was counted there")
            }
            try execute(
                """
                INSERT INTO usage (account, period, points, minutes) VALUES ($1, $2, $3, $4)
                ON CONFLICT (account, period) DO UPDATE SET points = EXCLUDED.points, minutes = EXCLUDED.minutes
                """, [.text(delta.account.text), .text(delta.period), .int(figures.points), .int(figures.minutes)])
        }
        for change in entry.lotChanges { try apply(change, in: entry) }
    }

    private func apply(_ change: LotChange, in entry: Entry) throws {
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
}
