/// What one entry does to the accounts it touches. The store applies these
/// in the entry's transaction; `verify` recomputes them from the chain alone,
/// so every maintained figure can be checked against the bytes.
public struct AccountDelta: Sendable, Equatable {
    /// Change of balance: the sum of postings in minus postings out.
    public var balance: Int64 = 0
    /// Change of points earned by service (awards, less their reversals).
    /// Never lowered by redeeming, expiring or giving points away.
    public var earned: Int64 = 0
    /// Change of counted service minutes. Hours are a record of service, not
    /// a currency: only the reversal of an award lowers them.
    public var minutes: Int64 = 0

    public init(balance: Int64 = 0, earned: Int64 = 0, minutes: Int64 = 0) {
        self.balance = balance
        self.earned = earned
        self.minutes = minutes
    }
}

extension Entry {
    /// The change this entry makes to each account.
    ///
    /// Balances come from postings alone. Earned points and minutes come from
    /// awards (`data.volunteer`, `data.minutes`) and from reversals of awards,
    /// which carry the minutes they remove (`data.minutes`) so that the entry
    /// is enough to recompute them.
    public var effects: [AccountID: AccountDelta] {
        Dictionary(uniqueKeysWithValues: effectsInOrder.lazy.map { ($0.account, $0.delta) })
    }

    /// ``effects``, each account once, in the order the entry first names
    /// it: an entry touches a handful of accounts, and a scan beats making
    /// a dictionary of them (`verify` works this out for every entry).
    public var effectsInOrder: [(account: AccountID, delta: AccountDelta)] {
        var deltas = EffectList()
        // Each posting names two accounts; an award's volunteer is one of them.
        deltas.list.reserveCapacity(2 * postings.count)
        for p in postings {
            deltas[p.from].balance -= p.points
            deltas[p.to].balance += p.points
        }
        switch kind {
        case .award:
            if let award {
                var earned: Int64 = 0
                for p in postings where p.to == award.volunteer { earned += p.points }
                deltas[award.volunteer].earned += earned
                deltas[award.volunteer].minutes += award.minutes
            } else if let volunteer = serviceVolunteer {
                deltas[volunteer].earned += postings.filter { $0.to == volunteer }.reduce(0) { $0 + $1.points }
                deltas[volunteer].minutes += data["minutes"]?.integerValue ?? 0
            }
        case .reverse where data["reversed_kind"]?.stringValue == Kind.award.rawValue:
            if let volunteer = serviceVolunteer {
                deltas[volunteer].earned -= postings.filter { $0.from == volunteer }.reduce(0) { $0 + $1.points }
                deltas[volunteer].minutes -= data["minutes"]?.integerValue ?? 0
            }
        default: break
        }
        return deltas.list
    }

    /// The volunteer whose service an award (or its reversal) records.
    public var serviceVolunteer: AccountID? {
        switch payload {
        case .award(let award): return award.volunteer
        case .redeem(let redemption): return redemption.volunteer
        case .accountOpen: return nil
        case .json: break
        }
        return data["volunteer"]?.stringValue.flatMap { try? AccountID($0) }
    }
}

/// Deltas by account, in first-named order, found by scanning.
private struct EffectList {
    var list: [(account: AccountID, delta: AccountDelta)] = []

    subscript(account: AccountID) -> AccountDelta {
        get { list.first { $0.account == account }?.delta ?? AccountDelta() }
        set {
            if let i = list.firstIndex(where: { $0.account == account }) {
                list[i].delta = newValue
            } else {
                list.append((account, newValue))
            }
        }
    }
}
