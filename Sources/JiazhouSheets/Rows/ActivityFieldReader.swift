#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import JiazhouCore

/// Reads the per-row activity cells (activity, title, category, start, tags).
///
/// The rows of one activity repeat the same cells, so each column remembers
/// its last cell and what it read: a campaign sheet makes each cell's string
/// and parses each start time once per activity, not once per participant.
struct ActivityFieldReader {
    private let activityCell: Int?
    private let categoryCell: Int?
    private let startCell: Int?
    private let tagsCell: Int?
    private let titleCell: Int?
    private let utcOffsetMinutes: Int
    private var ids = Memo<Bool>()
    private var categories = Memo<Bool>()
    private var starts = Memo<String?>()
    private var tagLists = Memo<[String]?>()
    private var titles = Memo<Bool>()

    init(header: SheetHeader, utcOffsetMinutes: Int) {
        func cell(_ role: SheetColumn.Role) -> Int? { header.column(role).map { $0.index - 1 } }
        activityCell = cell(.activity)
        categoryCell = cell(.category)
        startCell = cell(.start)
        tagsCell = cell(.tags)
        titleCell = cell(.title)
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    /// The row's activity fields, and whether its activity id (if any) is
    /// valid, so that duplicates can be counted per activity.
    mutating func read(_ cells: Cells, into report: inout RowReport) -> (SheetRow.ActivityFields, idIsValid: Bool) {
        var fields = SheetRow.ActivityFields()
        var idIsValid = true
        if let index = activityCell, let cell = cells.textBytes(index) {
            let (text, isValid) = ids.value(for: cell, ActivityCells.isActivityID)
            if isValid {
                fields.id = text
            } else {
                idIsValid = false
                report.add(.bad_activity, index, "an activity id is 1 to \(ActivityCells.idBytes) bytes on one line; this one is \(text.utf8.count) bytes\(text.contains { $0.isNewline } ? " with a line break" : "")")
            }
        }
        if let index = titleCell, let cell = cells.textBytes(index) {
            let (text, isValid) = titles.value(for: cell) { ActivityCells.isText($0, maxBytes: Limits.activityTitleBytes) }
            if isValid {
                fields.title = text
                // A sign-in sheet names its activity by title only: the title is then its id too.
                if activityCell == nil {
                    if ActivityCells.isActivityID(text) {
                        fields.id = text
                    } else {
                        idIsValid = false
                        report.add(.bad_activity, index, "with no 活动编号 column the title is the activity's id, at most \(ActivityCells.idBytes) bytes; this one is \(text.utf8.count): add a 活动编号 column")
                    }
                }
            } else {
                if activityCell == nil { idIsValid = false }
                report.add(.bad_activity, index, "an activity's title is 1 to \(Limits.activityTitleBytes) bytes on one line")
            }
        }
        if let index = categoryCell, let cell = cells.textBytes(index) {
            let (text, isValid) = categories.value(for: cell, ActivityCells.isCategory)
            if isValid {
                fields.category = text
            } else {
                report.add(.bad_activity, index, "a category is 1 to \(ActivityCells.categoryBytes) bytes on one line, like environment or 环境整治")
            }
        }
        if let index = startCell, let cell = cells.textBytes(index) {
            let offset = utcOffsetMinutes
            let (text, start) = starts.value(for: cell) { StartCell.read($0, utcOffsetMinutes: offset) }
            if let start {
                fields.start = start
            } else {
                report.add(.bad_start, index, "\"\(text.prefix(40))\" is not a start time; write 2026-11-23 08:30 (local time) or 2026-11-23T08:30:00+08:00")
            }
        }
        if let index = tagsCell, let cell = cells.textBytes(index) {
            if let tags = tagLists.value(for: cell, ActivityCells.tags).value {
                fields.tags = tags.isEmpty ? nil : tags
            } else {
                report.add(.bad_activity, index, "at most \(Limits.tags) tags of 1 to \(ActivityCells.tagBytes) bytes each, separated by ; or 、")
            }
        }
        return (fields, idIsValid)
    }
}

/// The last cell of a column: its bytes, its text and what it was read as.
private struct Memo<Value> {
    private var bytes: [UInt8] = []
    private var last: (text: String, value: Value)?

    mutating func value(for cell: UnsafeBufferPointer<UInt8>, _ read: (String) -> Value) -> (text: String, value: Value) {
        if let last, bytes.count == cell.count, bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, cell.baseAddress!, cell.count) }) == 0 {
            return last
        }
        let text = String(decoding: cell, as: UTF8.self)
        bytes = Array(cell)
        last = (text, read(text))
        return last!
    }
}
