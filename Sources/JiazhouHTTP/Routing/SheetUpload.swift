import Foundation
import JiazhouCore

/// `POST /v1/sheets`' query: what a row without its own activity columns
/// is awarded for (as `jiazhou award import`'s options), and whether to
/// write. The body is the sheet itself.
struct SheetUploadQuery: Decodable, Sendable {
    var activity: String?
    /// A category id or its label (上门服务).
    var category: String?
    /// RFC 3339 with its offset.
    var start: String?
    /// The issuing scope: its issuer pays, and the token's principal must govern it.
    var scope: Scope
    /// Tags separated by `,`, `;` or `、`.
    var tags: String?
    /// The activity's title (活动名称), printed on certificates, for rows without their own.
    var title: String?
    /// The worksheet of an .xlsx to read, by name (default: the first).
    var sheet: String?
    /// Check and price every row, write nothing.
    var dryRun: Bool?
    /// `csv` or `xlsx` answers a dry run's row report as that file (a row a
    /// problem, 200 whatever it holds), for the coordinator to fix the sheet
    /// in Excel, and so writes nothing whatever `dry_run` says; `json` (the
    /// default) answers the result.
    var format: ReportAnswer?

    enum CodingKeys: String, CodingKey {
        case activity, category, start, scope, tags, title, sheet, format
        case dryRun = "dry_run"
    }

    var tagList: [String] {
        (tags ?? "").split(whereSeparator: { ",;、".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// What `POST /v1/sheets` answers: the service's result of the sheet, with
/// what its reader found, and its rows one by one for a page's table. A
/// 200 when awarded, a dry run or already imported; inside a 422
/// `sheet_invalid` error (as `error.sheet`) when any row is bad.
struct SheetUploadResult: Codable, Sendable, Equatable {
    var dryRun: Bool
    /// The idempotency key the sheet went under (the Idempotency-Key, or `sheet:` and its digest).
    var key: String
    /// Imported before under this key with the same options: nothing was written.
    var alreadyImported: Bool
    /// Participant rows under the header, good and bad (blank rows skipped).
    var rows: Int
    var written: Int
    var points: Int64
    var minutes: Int64
    var firstSeq: Int64?
    var lastSeq: Int64?
    /// The activities awarded (or that would be), sorted.
    var activities: [String]
    /// Every problem, in row order (up to 1,000; the rest counted).
    var problems: [Problem]
    var unreportedProblems: Int
    /// UTF-8, UTF-16LE, UTF-16BE or GB18030; absent if the sheet was refused before it was read.
    var encoding: String?
    /// comma or tab.
    var delimiter: String?
    /// What the reader wants the coordinator to know: columns ignored, personal data discarded.
    var notes: [String]
    /// The valid rows as read, in order (up to ``HTTPLimits/sheetListedRows``).
    var listed: [Row]
    var unlistedRows: Int

    struct Problem: Codable, Sendable, Equatable {
        /// The spreadsheet's row number (the header is usually row 1).
        var row: Int
        /// The column, as the reader names it (`C (服务时长(分钟))`).
        var column: String?
        /// A sheet reason (`bad_minutes`, `missing_column`…) or the ledger's (`unknown_account`, `cap_exceeded`…).
        var reason: String
        var message: String
    }

    struct Row: Codable, Sendable, Equatable {
        var row: Int
        var volunteer: AccountID
        var minutes: Int64
        /// The row's own activity, if the sheet has an activity column.
        var activity: String?
    }

    enum CodingKeys: String, CodingKey {
        case dryRun = "dry_run", key
        case alreadyImported = "already_imported"
        case rows, written, points, minutes
        case firstSeq = "first_seq", lastSeq = "last_seq"
        case activities, problems
        case unreportedProblems = "unreported_problems"
        case encoding, delimiter, notes, listed
        case unlistedRows = "unlisted_rows"
    }
}
