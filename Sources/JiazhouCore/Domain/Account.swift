/// An open account or principal, as the ledger maintains it.
public struct Account: Sendable, Equatable {
    public var id: AccountID
    /// Where it lives (volunteers, merchants) or what it governs (coordinators,
    /// issuers).
    public var scope: Scope
    public var tags: [String]
    /// Points an issuer may award a month; `nil` for other kinds.
    public var budget: Int64?
    /// The seq of its `account.open` entry.
    public var openedSeq: Int64
    public var balance: Int64
    /// Points earned by service (awards less their reversals).
    public var earned: Int64
    /// Counted service minutes: the record of service, never spent.
    public var minutes: Int64

    public init(id: AccountID, scope: Scope, tags: [String], budget: Int64?, openedSeq: Int64, balance: Int64 = 0, earned: Int64 = 0, minutes: Int64 = 0) {
        self.id = id
        self.scope = scope
        self.tags = tags
        self.budget = budget
        self.openedSeq = openedSeq
        self.balance = balance
        self.earned = earned
        self.minutes = minutes
    }
}
