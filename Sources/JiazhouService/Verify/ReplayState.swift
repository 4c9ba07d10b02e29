import JiazhouCore
import JiazhouStorage

/// The figures `verify` replays from the chain, kept the way its
/// sequential loop wants them: everything about one account (balance,
/// opening, opening facts, movements, counted usage) behind one integer
/// slot, so that an entry costs one hash of each account it touches, and
/// periods by integer slot. (Separate dictionaries keyed by id and by (id,
/// period) hashed each id four or five times an entry, and were most of
/// the replay's time; one dictionary of every account's usage missed the
/// cache on most lookups.)
struct ReplayState {
    struct Account {
        let id: AccountID
        var totals = AccountDelta()
        /// The `account.open` entry's seq and scope.
        var opened: (seq: Int64, scope: String)?
        /// Tags and budget as opened: the facts awards are priced with.
        var facts: (tags: [String], budget: Int64?)?
        /// How many movements the entries make, and an order-independent
        /// digest of their (seq, points).
        var movementCount: Int64 = 0
        var movementDigest: UInt64 = 0
        /// What caps and budgets count for the account, one figure a
        /// period, in the order the entries first name the periods: an
        /// entry adds to the account's latest periods, found from the end.
        var usage: [PeriodFigures] = []
    }

    /// The usage counted for one account in one period (by period slot).
    struct PeriodFigures {
        let period: Int32
        var figures: UsageFigures
    }

    private(set) var accounts: [Account] = []
    private var slots: [AccountID: Int32] = [:]
    private var periodSlots: [String: Int32] = [:]
    private var periods: [String] = []
    /// Each period's UTF-8, by slot: what stored rows are compared with.
    private(set) var periodSpellings: [[UInt8]] = []

    /// Room for what the store says it holds, so that the tables are not
    /// rehashed as they grow (resizing was a tenth of the replay).
    mutating func reserve(accounts: Int) {
        self.accounts.reserveCapacity(accounts)
        slots.reserveCapacity(accounts)
    }

    /// The slot of `id`, made if the replay has not met it yet.
    mutating func slot(of id: AccountID) -> Int {
        // Most entries name the account the one before named (an issuer
        // paying a sheet's awards, a merchant its redemptions): comparing
        // two ids costs less than hashing one.
        if let recent = recentSlots.0, recent.id == id { return Int(recent.slot) }
        if let recent = recentSlots.1, recent.id == id { return Int(recent.slot) }
        let slot: Int32
        if let known = slots[id] {
            slot = known
        } else {
            slot = Int32(accounts.count)
            slots[id] = slot
            accounts.append(Account(id: id))
        }
        recentSlots = ((id, slot), recentSlots.0)
        return Int(slot)
    }

    /// The last few accounts ``slot(of:)`` looked up.
    private var recentSlots: ((id: AccountID, slot: Int32)?, (id: AccountID, slot: Int32)?)

    subscript(slot: Int) -> Account {
        get { accounts[slot] }
        _modify { yield &accounts[slot] }
    }

    /// What the replay knows of `id`, if it has met it.
    func account(_ id: AccountID) -> Account? { slots[id].map { accounts[Int($0)] } }

    /// The slot of `id`, if the replay has met it.
    func existingSlot(of id: AccountID) -> Int? {
        if let recent = recentSlots.0, recent.id == id { return Int(recent.slot) }
        return slots[id].map(Int.init)
    }

    var openedCount: Int { accounts.reduce(0) { $0 + ($1.opened == nil ? 0 : 1) } }

    /// Adds `figures` to the account's usage in `period`; whether they stay non-negative.
    mutating func addUsage(slot: Int, period: String, _ figures: UsageFigures) -> Bool {
        let period = periodSlot(of: period)
        return Self.add(figures, to: &accounts[slot].usage, period: period)
    }

    private static func add(_ delta: UsageFigures, to usage: inout [PeriodFigures], period: Int32) -> Bool {
        let i: Int
        if let known = usage.lastIndex(where: { $0.period == period }) {
            i = known
        } else {
            usage.append(PeriodFigures(period: period, figures: UsageFigures()))
            i = usage.count - 1
        }
        usage[i].figures.points += delta.points
        usage[i].figures.minutes += delta.minutes
        return usage[i].figures.points >= 0 && usage[i].figures.minutes >= 0
    }

    /// The usage counted so far for `id` in `period` (zero if none).
    func usage(of id: AccountID, period: String) -> UsageFigures {
        guard let slot = slots[id], let period = periodSlots[period] else { return UsageFigures() }
        return accounts[Int(slot)].usage.last { $0.period == period }?.figures ?? UsageFigures()
    }

    /// Each period slot's place when the periods are in the order of their
    /// UTF-8 bytes: the order the store gives its usage rows in.
    func periodOrder() -> [Int32] {
        var order = [Int32](repeating: 0, count: periods.count)
        let sorted = periodSpellings.indices.sorted { periodSpellings[$0].lexicographicallyPrecedes(periodSpellings[$1]) }
        for (place, slot) in sorted.enumerated() { order[slot] = Int32(place) }
        return order
    }

    /// The account's counted usage, periods in `order` (``periodOrder()``).
    func usage(inOrder order: [Int32], slot: Int) -> [PeriodFigures] {
        accounts[slot].usage.sorted { order[Int($0.period)] < order[Int($1.period)] }
    }

    /// The name of the period in `slot`.
    func period(_ slot: Int32) -> String { periods[Int(slot)] }

    private mutating func periodSlot(of period: String) -> Int32 {
        // Neighbouring entries (a sheet's awards) name the same few periods,
        // and comparing short strings costs less than hashing them.
        for recent in recentPeriods where recent.period == period { return recent.slot }
        let slot: Int32
        if let known = periodSlots[period] {
            slot = known
        } else {
            slot = Int32(periods.count)
            periodSlots[period] = slot
            periods.append(period)
            periodSpellings.append(Array(period.utf8))
        }
        if recentPeriods.count < Self.recentPeriodCount {
            recentPeriods.append((period, slot))
        } else {
            recentPeriods[nextRecentPeriod] = (period, slot)
            nextRecentPeriod = (nextRecentPeriod + 1) % Self.recentPeriodCount
        }
        return slot
    }

    /// An award names four periods (day, week, month, budget month); two
    /// awards' worth.
    private static let recentPeriodCount = 8
    private var recentPeriods: [(period: String, slot: Int32)] = []
    private var nextRecentPeriod = 0
}
