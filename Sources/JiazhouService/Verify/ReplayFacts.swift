import JiazhouCore
import JiazhouStorage

/// What one entry does to the replayed figures — balances, movements, usage,
/// lots — worked out from the entry alone. It depends on no other entry, so
/// `verify` works it out on the decoding threads and the sequential replay
/// only adds it up: that replay is the one part of `verify` that cannot be
/// spread over the cores.
struct ReplayFacts: Sendable {
    /// One account the entry touches.
    struct Touch: Sendable {
        let account: AccountID
        /// What the entry changes of the account's figures.
        var delta = AccountDelta()
        /// Whether the postings or service figures change the account (it
        /// must then be open before the entry).
        var changed = false
        /// The points of the movement the writer records for the account
        /// in its history (`nil`: none).
        var movement: Int64?
    }

    /// What the entry adds to one account's counted usage in one period.
    struct Usage: Sendable {
        /// The index of the account in `touches`.
        let touch: Int
        let period: String
        let figures: UsageFigures
    }

    /// Each account once, in the order the entry first names it.
    private(set) var touches: [Touch] = []
    private(set) var usage: [Usage] = []
    let lots: [LotChange]

    init(_ entry: Entry) {
        lots = entry.lotChanges
        let effects = entry.effectsInOrder
        touches.reserveCapacity(effects.count + 1)
        for (account, delta) in effects {
            touches.append(Touch(account: account, delta: delta, changed: true, movement: delta.balance))
        }
        // The writer's history also lists the service volunteer, and the
        // account an `account.open` or `account.update` names.
        if let volunteer = entry.serviceVolunteer { recordMovement(of: volunteer) }
        if let opening = entry.opening {
            recordMovement(of: opening.account)
        } else if entry.kind == .accountOpen || entry.kind == .accountUpdate,
            let id = entry.data["account"]?.stringValue.flatMap({ try? AccountID($0) })
        {
            recordMovement(of: id)
        }
        let usageDeltas = entry.usageDeltas
        // Room made once: grown one append at a time, these arrays were a
        // twentieth of decoding.
        usage.reserveCapacity(usageDeltas.count)
        for delta in usageDeltas {
            usage.append(Usage(touch: index(of: delta.account), period: delta.period, figures: UsageFigures(points: delta.points, minutes: delta.minutes)))
        }
    }

    /// The movements the writer records for the entry, by account.
    var movements: [(account: AccountID, points: Int64)] {
        touches.compactMap { touch in touch.movement.map { (touch.account, $0) } }
    }

    private mutating func recordMovement(of account: AccountID) {
        let i = index(of: account)
        if touches[i].movement == nil { touches[i].movement = 0 }
    }

    /// The index of `account` in `touches`, added if it is not there yet.
    /// An entry touches a handful of accounts: a scan beats hashing.
    private mutating func index(of account: AccountID) -> Int {
        if let i = touches.firstIndex(where: { $0.account == account }) { return i }
        touches.append(Touch(account: account))
        return touches.count - 1
    }
}
