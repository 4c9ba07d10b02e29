/// One column of a sheet, as its header names it.
public struct SheetColumn: Sendable, Hashable, CustomStringConvertible {
    /// What a column holds, by its header.
    public enum Role: String, Sendable, Hashable, CaseIterable {
        /// The volunteer's id: `V000123` or `volunteer:V000123`. Required.
        case volunteer
        /// Minutes of service, a whole number. Required, or ``hours``.
        case minutes
        /// Hours of service, possibly decimal (`1.5`), in whole minutes.
        case hours
        /// A duration with its unit in each cell (`2小时`, `90分钟`, `1.5h`,
        /// `1小时30分`, `2:30`), for a column headed without one (`服务时长`).
        case duration
        /// When the volunteer signed in: a time (`08:30`) or a date and time.
        /// With ``signOut`` it gives the minutes, and the start when the sheet
        /// has no start column.
        case signIn = "sign_in"
        /// When the volunteer signed out: a time or a date and time.
        case signOut = "sign_out"
        /// A name, phone or ID number: read and discarded. Personal data
        /// never enters the ledger (DESIGN.md, "Accounts and scopes").
        case personalData = "personal_data"
        /// The row's activity, when one sheet holds several.
        case activity
        /// The activity's title (活动名称), printed on certificates. With no
        /// activity column it is the activity's id as well.
        case title
        /// The row's activity category.
        case category
        /// When the row's activity started.
        case start
        /// The row's activity tags, separated by `;` or `、`.
        case tags
        /// A column this reader does not know: its cells are ignored.
        case ignored

        /// The header names this role answers to, as coordinators write them.
        /// Matched ignoring case, spaces, `_` and `-`, and full-width forms
        /// (`时长（分钟）` is `时长(分钟)`).
        public var headerNames: [String] {
            switch self {
            case .volunteer: ["志愿者编号", "志愿者ID", "编号", "volunteer", "volunteer_id"]
            case .minutes: ["时长(分钟)", "服务时长(分钟)", "分钟", "minutes"]
            case .hours: ["时长(小时)", "服务时长(小时)", "小时", "hours"]
            case .duration: ["服务时长", "时长", "志愿服务时长", "duration"]
            case .signIn: ["签到时间", "签到", "sign_in", "sign_in_time"]
            case .signOut: ["签退时间", "签退", "sign_out", "sign_out_time"]
            case .personalData: ["姓名", "志愿者姓名", "name", "手机号", "手机号码", "联系电话", "phone", "mobile", "身份证号", "身份证号码"]
            case .activity: ["活动编号", "活动ID", "activity", "activity_id"]
            case .title: ["活动名称", "活动标题", "活动主题", "title", "activity_title"]
            case .category: ["类别", "活动类别", "category"]
            case .start: ["开始时间", "活动开始时间", "start", "start_time"]
            case .tags: ["标签", "活动标签", "tags"]
            case .ignored: []
            }
        }
    }

    /// 1-based, as a spreadsheet counts: column 1 is A.
    public var index: Int
    /// The header as written, trimmed.
    public var name: String
    /// What the column holds, by its header.
    public var role: Role

    /// A column; `index` is 1-based.
    public init(index: Int, name: String, role: Role) {
        self.index = index
        self.name = name
        self.role = role
    }

    /// The spreadsheet's letters for the column: A … Z, AA, AB, …
    public var letters: String { Self.letters(index) }

    /// `C (服务时长(分钟))`, or just `C` for a column without a header.
    public var description: String { name.isEmpty ? letters : "\(letters) (\(name))" }

    static func letters(_ index: Int) -> String {
        var n = index, letters: [Character] = []
        while n > 0 {
            let remainder = (n - 1) % 26
            letters.insert(Character(Unicode.Scalar(UInt8(65 + remainder))), at: 0)
            n = (n - 1) / 26
        }
        return String(letters)
    }
}
