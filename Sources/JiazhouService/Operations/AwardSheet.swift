public import JiazhouCore
import JiazhouRules
import JiazhouStorage

/// A coordinator's sheet awarded whole: one activity (or one a row) and up
/// to a million participants, streamed from a reader the caller owns
/// (`jiazhou award import`, an HTTP upload), in one transaction of its own.
///
/// Every row is checked and priced in order, after the rows before it (caps
/// and budgets apply row by row), through the same path as `award` and
/// `award.batch` (``LedgerService/priceAward(_:rules:reader:time:)``). Any bad
/// row, from the sheet or refused by the ledger, and nothing is written;
/// every problem is reported. A dry run is always rolled back. One
/// idempotency record under the sheet's key makes a re-run write nothing.
public struct AwardSheetRequest: Sendable, Equatable {
    /// SHA-256 of the sheet's bytes: with the defaults, the request's identity.
    public var sheetDigest: Hash
    public var defaults: Defaults
    /// The worksheet of a workbook that was read, when one was named: part of
    /// the request's identity (another sheet of one file is another request).
    public var worksheet: String?
    /// Check and price every row, write nothing.
    public var dryRun: Bool

    /// What a row without its own activity columns is awarded for.
    public struct Defaults: Sendable, Equatable {
        public var activity: String?
        /// An id, or its label (上门服务).
        public var category: String?
        public var start: String?
        public var tags: [String]
        /// The issuing scope: its issuer pays, and the actor must govern it.
        public var scope: Scope
        /// 活动名称, for rows without a title column.
        public var title: String?

        public init(activity: String?, category: String?, start: String?, tags: [String], scope: Scope, title: String? = nil) {
            self.activity = activity
            self.category = category
            self.start = start
            self.tags = tags
            self.scope = scope
            self.title = title
        }
    }

    public init(sheetDigest: Hash, defaults: Defaults, worksheet: String? = nil, dryRun: Bool) {
        self.sheetDigest = sheetDigest
        self.defaults = defaults
        self.worksheet = worksheet
        self.dryRun = dryRun
    }

    /// The idempotency key when the caller names none: `sheet:` and the start of the digest.
    public var defaultKey: String { "sheet:" + sheetDigest.hex.prefix(32) }

    /// What the idempotency record holds: the sheet's bytes and the options
    /// that priced it (a dry run writes no record). Unchanged since sheets were
    /// first imported, so that a sheet imported then is still recognised.
    var requestHash: Hash {
        var options: [String: JSONValue] = [
            "activity": defaults.activity.map(JSONValue.string) ?? .null, "category": defaults.category.map(JSONValue.string) ?? .null,
            "start": defaults.start.map(JSONValue.string) ?? .null, "scope": .string(defaults.scope.path),
            "tags": .array(defaults.tags.map(JSONValue.string)),
        ]
        // Only when given, so that a sheet imported before titles existed hashes as it did.
        if let title = defaults.title { options["title"] = .string(title) }
        if let worksheet { options["sheet"] = .string(worksheet) }
        return TreeHasher.sha256(Array(sheetDigest.bytes) + JSONValue.object(options).canonicalBytes)
    }
}

/// One participant row of a sheet, as its reader found it: the activity
/// columns it has override the request's defaults.
public struct AwardSheetRow: Sendable, Equatable {
    /// 1-based, as the spreadsheet numbers it.
    public var row: Int
    public var volunteer: AccountID
    public var minutes: Int64
    public var activity: String?
    public var category: String?
    public var start: String?
    public var tags: [String]?
    public var title: String?

    public init(
        row: Int, volunteer: AccountID, minutes: Int64, activity: String?, category: String?, start: String?, tags: [String]?, title: String? = nil
    ) {
        self.row = row
        self.volunteer = volunteer
        self.minutes = minutes
        self.activity = activity
        self.category = category
        self.start = start
        self.tags = tags
        self.title = title
    }
}

/// What a sheet's reader yields, in row order.
public enum AwardSheetItem: Sendable {
    case row(AwardSheetRow)
    /// A row the reader itself refused (a missing volunteer, bad minutes…).
    case problem(AwardSheetResult.Problem)
}

/// The reader of a sheet, called on the writer's queue one item at a time
/// while the transaction is open. A class: it owns a stream.
public protocol AwardSheetRows: AnyObject {
    /// The next row or problem, `nil` at the end; throws when the sheet
    /// cannot be read on (the whole sheet is then refused).
    func next() throws(LedgerError) -> AwardSheetItem?
}

public struct AwardSheetResult: Sendable, Equatable {
    /// Participant rows read (good and bad).
    public var rows = 0
    public var written = 0
    public var points: Int64 = 0
    public var minutes: Int64 = 0
    public var firstSeq: Int64?
    public var lastSeq: Int64?
    public var activities = Set<String>()
    /// Up to ``reportedProblems``, in row order; the rest are counted.
    public var problems: [Problem] = []
    public var unreportedProblems = 0
    /// The sheet was imported before under this key: nothing was written.
    public var alreadyImported = false

    /// Whether the sheet was awarded (not a dry run, no problems, not already imported).
    public var awarded: Bool { problems.isEmpty && written > 0 }

    public struct Problem: Sendable, Equatable {
        public var row: Int
        public var column: String?
        public var reason: String
        public var message: String

        public init(row: Int, column: String?, reason: String, message: String) {
            self.row = row
            self.column = column
            self.reason = reason
            self.message = message
        }
    }

    /// Problems kept for the report.
    public static let reportedProblems = 1_000

    mutating func report(_ problem: Problem) {
        if problems.count < Self.reportedProblems { problems.append(problem) } else { unreportedProblems += 1 }
    }
}

extension LedgerService {
    /// Rows between write-backs of the transaction rows: memory stays bounded
    /// however long the sheet.
    static let sheetWriteBackRows = 20_000

    /// Awards every row of a sheet, all or nothing; see ``AwardSheetRequest``.
    /// `progress` is called with the rows done, every few thousand rows.
    public func awardSheet(
        _ request: AwardSheetRequest, rows source: some AwardSheetRows, actor: AccountID, key: String?,
        progress: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws(LedgerError) -> AwardSheetResult {
        let key = key ?? request.defaultKey
        try Self.validateKey(key)
        let box = SheetRowsBox(source)
        let time = clock.now()
        do {
            return try await appendBulk { writer in
                try Authorization(actor: actor, reader: writer.reader).requireAward(in: request.defaults.scope)
                if let first = try writer.reader.idempotency(actor: actor, key: key) {
                    guard first.requestHash == request.requestHash.bytes else {
                        throw LedgerError(.idempotency_conflict, "key \"\(key)\" was already used by \(actor) for another sheet or other options; use a new key")
                    }
                    var result = AwardSheetResult()
                    result.alreadyImported = true
                    return result
                }
                let result = try self.awardRows(request, box: box, writer: &writer, actor: actor, key: key, time: time, progress: progress)
                guard result.problems.isEmpty, !request.dryRun else {
                    // Bad rows, or a dry run: undo everything, keep the report.
                    box.rolledBack = result
                    throw LedgerError(.invalid_request, "rolled back")
                }
                let summary: JSONValue = [
                    "rows": .integer(Int64(result.rows)), "points": .integer(result.points),
                    "first_seq": result.firstSeq.map(JSONValue.integer) ?? .null, "last_seq": result.lastSeq.map(JSONValue.integer) ?? .null,
                ]
                try writer.recordIdempotency(actor: actor, key: key, requestHash: request.requestHash, result: summary.canonicalBytes)
                return result
            }
        } catch {
            if let result = box.rolledBack { return result }
            throw error
        }
    }

    private func awardRows(
        _ request: AwardSheetRequest, box: SheetRowsBox, writer: inout any LedgerWriting, actor: AccountID, key: String, time: Timestamp,
        progress: @Sendable (Int) -> Void
    ) throws -> AwardSheetResult {
        let rules = try currentRuleSet(reader: writer.reader)
        var result = AwardSheetResult()
        while let item = try box.source.next() {
            switch item {
            case .problem(let problem):
                // A bad row may have several problems; the reader counts its rows.
                result.report(problem)
            case .row(let row):
                if result.rows > 0, result.rows % Self.sheetWriteBackRows == 0 {
                    try writer.writeBack()
                    progress(result.rows)
                }
                result.rows += 1
                // Pricing only reads, so a refused row leaves nothing behind
                // and needs no savepoint (one per row cost a fifth of the import).
                let priced: PricedAward
                do {
                    let award = try Self.awardRequest(for: row, defaults: request.defaults, rules: rules)
                    result.activities.insert(award.activity.id)
                    priced = try Self.priceAward(award, rules: rules, reader: writer.reader, time: time)
                } catch {
                    let refusal = StorageErrors.describe(error)
                    if refusal.reason == .storage_unavailable { throw refusal }
                    result.report(.init(row: row.row, column: nil, reason: refusal.reason.rawValue, message: refusal.message))
                    continue
                }
                do {
                    let sealed = try writer.append(priced.entry(seq: writer.head.size, prev: writer.head.last, time: time, actor: actor, key: key))
                    result.written += 1
                    result.points += priced.pricing.points
                    result.minutes += priced.pricing.minutes
                    result.firstSeq = result.firstSeq ?? sealed.entry.seq
                    result.lastSeq = sealed.entry.seq
                } catch {
                    // An append refused part-way may have written part of its
                    // entry: nothing after it can be trusted, so the whole
                    // sheet stops here and is rolled back.
                    let refusal = StorageErrors.describe(error)
                    if refusal.reason == .storage_unavailable { throw refusal }
                    result.report(.init(row: row.row, column: nil, reason: refusal.reason.rawValue, message: refusal.message))
                    box.rolledBack = result
                    throw refusal
                }
            }
        }
        if result.rows == 0, result.problems.isEmpty { throw LedgerError(.invalid_request, "the sheet has no rows") }
        return result
    }

    /// The award a row asks for: its own activity columns, else the defaults.
    static func awardRequest(for row: AwardSheetRow, defaults: AwardSheetRequest.Defaults, rules: RuleSet) throws(LedgerError) -> AwardRequest {
        guard let id = row.activity ?? defaults.activity else { throw LedgerError(.invalid_request, "no activity: give --activity or an activity column") }
        guard let categoryText = row.category ?? defaults.category else {
            throw LedgerError(.invalid_request, "no category: give --category or a category column")
        }
        guard let start = row.start ?? defaults.start else { throw LedgerError(.invalid_request, "no start: give --start or a start column") }
        let activity = Activity(
            id: id, category: category(categoryText, in: rules), minutes: row.minutes, start: start, scope: defaults.scope,
            tags: row.tags ?? defaults.tags, title: row.title ?? defaults.title)
        return AwardRequest(volunteer: row.volunteer, activity: activity)
    }

    /// A category as coordinators write it: its id, or its label (上门服务).
    static func category(_ text: String, in rules: RuleSet) -> String {
        if rules.categories[text] != nil { return text }
        return rules.categories.values.first { $0.label == text }?.id ?? text
    }
}

/// The sheet's reader, handed to the writer's queue, and the report of a
/// rolled-back run handed back: used there only, one call at a time, while
/// the caller waits for the result.
private final class SheetRowsBox: @unchecked Sendable {
    let source: any AwardSheetRows
    var rolledBack: AwardSheetResult?
    init(_ source: any AwardSheetRows) { self.source = source }
}
