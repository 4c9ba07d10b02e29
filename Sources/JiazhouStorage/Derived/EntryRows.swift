public import JiazhouCore

/// A row of the tables derived from an entry's kind (SPEC §5): the same
/// for every backend, which writes it in its own SQL. Because they follow
/// from the entry alone, `import` rebuilds them by appending and `verify`
/// compares them with its replay.
public enum IndexRow: Equatable {
    /// `genesis`: the origin, the verifier key, the suite.
    case meta(name: String, value: String)
    /// `account.open`.
    case account(Account)
    /// `account.update` with `data.status`: replaces the account's status row.
    case status(account: AccountID, status: AccountStatus, seq: Int64)
    /// `account.update` with `data.catalogue`: replaces the merchant's whole catalogue.
    case catalogue(merchant: AccountID, items: [CatalogueEntry])
    /// `reverse`.
    case reversal(original: Int64, seq: Int64)
    /// `rules.publish`.
    case ruleSet(StoredRuleSet)
}

extension Entry {
    /// The rows this entry adds to the tables derived from kinds.
    public func indexRows() throws -> [IndexRow] {
        switch kind {
        case .genesis:
            return try ["origin", "verifier_key", "suite"].map { field in
                guard let value = data[field]?.stringValue else { throw LedgerError(.invalid_request, "genesis has no \(field)") }
                return .meta(name: field, value: value)
            }
        case .accountOpen:
            guard let opening else { throw LedgerError(.invalid_request, "account.open needs data.account (an account id) and data.scope") }
            return [.account(Account(id: opening.account, scope: try Scope(opening.scope), tags: opening.tags, budget: opening.budget, openedSeq: seq))]
        case .accountUpdate:
            var rows: [IndexRow] = []
            if let statusText = data["status"]?.stringValue {
                guard let id = data["account"]?.stringValue, let account = try? AccountID(id), let status = AccountStatus(rawValue: statusText) else {
                    throw LedgerError(.invalid_request, "account.update needs data.account and a data.status of active or suspended")
                }
                rows.append(.status(account: account, status: status, seq: seq))
            }
            if let list = data["catalogue"]?.arrayValue {
                guard let id = data["account"]?.stringValue, let merchant = try? AccountID(id) else {
                    throw LedgerError(.invalid_request, "account.update needs data.account")
                }
                let items = try list.map { value in
                    guard let item = value["item"]?.stringValue, let points = value["points"]?.integerValue else {
                        throw LedgerError(.invalid_request, "a catalogue item is {item, points}")
                    }
                    return CatalogueEntry(item: item, points: points, seq: seq)
                }
                rows.append(.catalogue(merchant: merchant, items: items))
            }
            return rows
        case .reverse:
            guard let original = data["seq"]?.integerValue else { throw LedgerError(.invalid_request, "reverse needs data.seq") }
            return [.reversal(original: original, seq: seq)]
        case .rulesPublish:
            guard let version = data["version"]?.integerValue, let hashText = data["hash"]?.stringValue,
                let hash = Hash(hex: hashText), let text = data["text"]?.stringValue
            else { throw LedgerError(.invalid_request, "rules.publish needs data.version, data.hash and data.text") }
            return [.ruleSet(StoredRuleSet(version: version, seq: seq, hash: hash, text: text))]
        default:
            return []
        }
    }

    /// Every account whose row this entry concerns, with its change: those
    /// its postings move, the volunteer who served (minutes), the account
    /// opened or updated (so that an update of an account not open fails).
    var concernedAccounts: [AccountID: AccountDelta] {
        var concerned = effects
        if let volunteer = serviceVolunteer, concerned[volunteer] == nil { concerned[volunteer] = AccountDelta() }
        if kind == .accountOpen || kind == .accountUpdate, let id = data["account"]?.stringValue, let account = try? AccountID(id),
            concerned[account] == nil
        {
            concerned[account] = AccountDelta()
        }
        return concerned
    }
}

extension TransactionRows {
    /// Seals `entry` for the append at `head`: the checks every backend
    /// makes before storing a byte.
    public static func seal(_ entry: Entry, at head: LedgerHead, suite: HashSuite) throws -> Entry.Sealed {
        precondition(entry.seq == head.size, "entries are appended at the head: seq \(entry.seq), size \(head.size)")
        precondition(entry.prev == head.last, "prev must be the leaf hash of the last entry")
        let sealed = entry.sealed(using: suite)
        guard sealed.bytes.count <= Limits.entryBytes else {
            throw LedgerError(.too_large, "the entry would be \(sealed.bytes.count) bytes; the limit is \(Limits.entryBytes)")
        }
        return sealed
    }

    /// The head after `leaf`, keeping the Merkle subtrees it completes for write-back.
    public func extend(_ head: LedgerHead, with leaf: Hash) -> LedgerHead {
        var range = head.range
        range.append(leaf) { level, index, hash in addSubtree(level: level, index: Int64(index), hash: hash) }
        return LedgerHead(size: head.size + 1, last: leaf, range: range)
    }

    /// The entry's effect on balances, earned points, minutes, movements and
    /// usage (lots are the backend's, in SQL). Refuses what would take a
    /// volunteer, merchant or sink below zero, or an account not open.
    public func apply(_ entry: Entry, from committed: some CommittedRows) throws {
        for (id, delta) in entry.concernedAccounts {
            let open: Bool
            if delta == AccountDelta() {
                open = try account(id, from: committed) != nil
            } else {
                open = try updateAccount(id, from: committed) { account in
                    account.balance += delta.balance
                    account.earned += delta.earned
                    account.minutes += delta.minutes
                    if id.kind.isNonNegative, account.balance < 0 {
                        throw LedgerError(.insufficient_points, "\(id) would go below zero (\(account.balance))")
                    }
                }
            }
            guard open else { throw LedgerError(.unknown_account, "\(id) is not open") }
            addMovement(account: id, seq: entry.seq, points: delta.balance)
        }
        for delta in entry.usageDeltas {
            try addUsage(delta.key, points: delta.points, minutes: delta.minutes, from: committed) {
                LedgerError(.ledger_invalid, "entry \(entry.seq) takes more from \(delta.account)'s \(delta.period) than was counted there")
            }
        }
    }
}
