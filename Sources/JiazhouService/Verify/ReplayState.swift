import JiazhouCore
import JiazhouStorage

/// The figures `verify` replays from the chain, kept the way its
/// sequential loop wants them: everything about one account (balance,
/// opening, opening facts, movements) behind one integer slot, so that an
/// entry costs one hash of each account it touches; usage by account slot
/// and period slot packed into one integer key. (Separate dictionaries
/// keyed by id and by (id, period) hashed each id four or five times an
/// entry, and were most of the replay's time.)
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
    }

    private(set) var accounts: [Account] = []
    private var slots: [AccountID: Int32] = [:]
    private var periodSlots: [String: Int32] = [:]
    private var periods: [String] = []
    private var usage: [UInt64: UsageFigures] = [:]

    /// Room for what the store says it holds, so that the tables are not
    /// rehashed as they grow (resizing was a tenth of the replay).
    mutating func reserve(accounts: Int, usage: Int) {
        self.accounts.reserveCapacity(accounts)
        slots.reserveCapacity(accounts)
        self.usage.reserveCapacity(usage)
    }

    /// The slot of `id`, made if the replay has not met it yet.
    mutating func slot(of id: AccountID) -> Int {
        if let slot = slots[id] { return Int(slot) }
        slots[id] = Int32(accounts.count)
        accounts.append(Account(id: id))
        return accounts.count - 1
    }

    subscript(slot: Int) -> Account {
        get { accounts[slot] }
        _modify { yield &accounts[slot] }
    }

    /// What the replay knows of `id`, if it has met it.
    func account(_ id: AccountID) -> Account? { slots[id].map { accounts[Int($0)] } }

    /// The slot of `id`, if the replay has met it.
    func existingSlot(of id: AccountID) -> Int? { slots[id].map(Int.init) }

    var openedCount: Int { accounts.reduce(0) { $0 + ($1.opened == nil ? 0 : 1) } }

    /// Adds `figures` to the account's usage in `period`; whether they stay non-negative.
    mutating func addUsage(slot: Int, period: String, _ figures: UsageFigures) -> Bool {
        let key = Self.key(slot: slot, period: periodSlot(of: period))
        return Self.add(figures, to: &usage[key, default: UsageFigures()])
    }

    private static func add(_ delta: UsageFigures, to figures: inout UsageFigures) -> Bool {
        figures.points += delta.points
        figures.minutes += delta.minutes
        return figures.points >= 0 && figures.minutes >= 0
    }

    /// The usage counted so far for `id` in `period` (zero if none).
    func usage(of id: AccountID, period: String) -> UsageFigures {
        guard let slot = slots[id] else { return UsageFigures() }
        return usage(slot: Int(slot), period: period)
    }

    /// The usage counted so far for the account in `slot` in `period` (zero if none).
    func usage(slot: Int, period: String) -> UsageFigures {
        guard let period = periodSlots[period] else { return UsageFigures() }
        return usage[Self.key(slot: slot, period: period)] ?? UsageFigures()
    }

    /// How many (account, period) figures the replay counts other than zero.
    var nonZeroUsageCount: Int { usage.values.reduce(0) { $0 + ($1 == UsageFigures() ? 0 : 1) } }

    /// Every non-zero (account, period) figure the replay counts.
    func forEachNonZeroUsage(_ body: (AccountID, String, UsageFigures) -> Void) {
        for (key, figures) in usage where figures != UsageFigures() {
            body(accounts[Int(key >> 32)].id, periods[Int(key & 0xFFFF_FFFF)], figures)
        }
    }

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

    private static func key(slot: Int, period: Int32) -> UInt64 { UInt64(slot) << 32 | UInt64(UInt32(period)) }
}
