import JiazhouCore
import JiazhouStorage

/// What one entry does to the replayed figures — balances, movements, usage,
/// lots — worked out from the entry alone. It depends on no other entry, so
/// `verify` works it out on the decoding threads and the sequential replay
/// only adds it up: that replay is the one part of `verify` that cannot be
/// spread over the cores.
///
/// It keeps the entry's effects, usage and lots as ``Entry`` works them
/// out, not copied into arrays of its own: two arrays more an entry, made
/// and freed, were a tenth of the allocations `verify` makes.
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

    /// What the entry changes of each account, each once, in the order
    /// the entry first names it (``Entry/effectsInOrder``): the first
    /// touches, each with a movement of its change of balance.
    private let effects: [(account: AccountID, delta: AccountDelta)]
    /// The touches after the effects: accounts the entry names but does
    /// not change. The writer's history lists the service volunteer, and
    /// the account an `account.open` or `account.update` names, with a
    /// movement of 0; usage may name an account no posting does (no
    /// movement). Empty for nearly every entry.
    private var unchanged: [(account: AccountID, movement: Int64?)] = []
    /// What the entry adds to counted usage (``Entry/usageDeltas``); each
    /// delta's account is one of the touches.
    let usage: [UsageDelta]
    let lots: [LotChange]

    init(_ entry: Entry) {
        lots = entry.lotChanges
        effects = entry.effectsInOrder
        usage = entry.usageDeltas
        if let volunteer = entry.serviceVolunteer { recordMovement(of: volunteer) }
        if let opening = entry.opening {
            recordMovement(of: opening.account)
        } else if entry.kind == .accountOpen || entry.kind == .accountUpdate,
            let id = entry.data["account"]?.stringValue.flatMap({ try? AccountID($0) })
        {
            recordMovement(of: id)
        }
        for delta in usage where touchIndex(of: delta.account) == nil { unchanged.append((delta.account, nil)) }
    }

    /// How many accounts the entry touches.
    var touchCount: Int { effects.count + unchanged.count }

    /// The `i`th account the entry touches, in the order it first names them.
    func touch(_ i: Int) -> Touch {
        if i < effects.count { return Touch(account: effects[i].account, delta: effects[i].delta, changed: true, movement: effects[i].delta.balance) }
        let other = unchanged[i - effects.count]
        return Touch(account: other.account, movement: other.movement)
    }

    /// The index among the touches of `account`. An entry touches a
    /// handful of accounts: a scan beats hashing.
    func touchIndex(of account: AccountID) -> Int? {
        if let i = effects.firstIndex(where: { $0.account == account }) { return i }
        return unchanged.firstIndex { $0.account == account }.map { effects.count + $0 }
    }

    /// The movements the writer records for the entry, by account.
    var movements: [(account: AccountID, points: Int64)] {
        (0..<touchCount).compactMap { i in
            let touch = touch(i)
            return touch.movement.map { (touch.account, $0) }
        }
    }

    /// Records a movement of 0 for `account` unless the entry moves it already.
    private mutating func recordMovement(of account: AccountID) {
        guard let i = touchIndex(of: account) else {
            unchanged.append((account, 0))
            return
        }
        if i >= effects.count, unchanged[i - effects.count].movement == nil { unchanged[i - effects.count].movement = 0 }
    }
}
