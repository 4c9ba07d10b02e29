public import JiazhouCore

/// One valid participant row: who served, how long, and the activity fields
/// the row sets for itself.
public struct SheetRow: Sendable, Hashable {
    /// Activity fields given per row, for a sheet that holds several
    /// activities. `nil` where the sheet has no such column or the cell is
    /// empty: the activity given for the whole sheet applies.
    public struct ActivityFields: Sendable, Hashable {
        /// The activity's id (its name in the sheet), 1 to 128 bytes.
        public var id: String?
        /// The category as written: a rule set's id (`home_visit`) or label (`上门服务`).
        public var category: String?
        /// RFC 3339 with the offset: as written, or, for a local time like
        /// `2026-11-23 08:30`, with the offset of ``SheetOptions/utcOffsetMinutes``.
        public var start: String?
        /// The activity's tags, trimmed, without repeats.
        public var tags: [String]?
        /// The activity's title (活动名称), 1 to ``JiazhouCore/Limits/activityTitleBytes`` bytes.
        public var title: String?

        /// Fields a row sets; `nil` for those it leaves to the sheet's activity.
        public init(id: String? = nil, category: String? = nil, start: String? = nil, tags: [String]? = nil, title: String? = nil) {
            self.id = id
            self.category = category
            self.start = start
            self.tags = tags
            self.title = title
        }

        /// Whether the row sets nothing of its own.
        public var isEmpty: Bool { id == nil && category == nil && start == nil && tags == nil && title == nil }
    }

    /// The spreadsheet row it came from (the header is row 1).
    public var row: Int
    /// The volunteer's account, `volunteer:V000123`.
    public var volunteer: AccountID
    /// Minutes of service, from 1 to ``JiazhouCore/Limits/minutesPerActivity``.
    public var minutes: Int64
    /// The activity fields this row sets for itself.
    public var activity: ActivityFields

    /// A valid row.
    public init(row: Int, volunteer: AccountID, minutes: Int64, activity: ActivityFields = .init()) {
        self.row = row
        self.volunteer = volunteer
        self.minutes = minutes
        self.activity = activity
    }
}

/// What a ``SheetReader`` yields, in row order: a valid row, or a problem
/// with one (a row with two bad cells yields two problems and no row).
public enum SheetItem: Sendable, Hashable {
    case row(SheetRow)
    case problem(SheetProblem)
}
