import Foundation
import JiazhouCore
import JiazhouRules
import JiazhouService
import JiazhouSheets
import JiazhouStore

/// Awards a whole sheet in one transaction, streaming: each row is read,
/// checked, priced after the rows before it and appended; the transaction's
/// cache is written back every ``writeBackRows`` rows so memory stays
/// bounded. Any bad row — in the sheet or refused by the ledger — and the
/// transaction is rolled back after the last row, with every problem
/// reported; a dry run is always rolled back. One idempotency record, under
/// the sheet's key, makes a re-run write nothing.
struct SheetImport {
    struct Defaults {
        var activity: String?
        var category: String?
        var start: String?
        var tags: [String]
        var scope: Scope
    }

    struct Outcome {
        var rows = 0
        var written = 0
        var points: Int64 = 0
        var minutes: Int64 = 0
        var firstSeq: Int64?
        var lastSeq: Int64?
        var activities = Set<String>()
        var problems: [Problem] = []
        var unreportedProblems = 0
        var alreadyImported = false
    }

    struct Problem {
        var row: Int
        var column: String?
        var reason: String
        var message: String
    }

    /// Rows between write-backs of the transaction cache.
    static let writeBackRows = 20_000
    /// Problems kept for the report; the rest are counted.
    static let reportedProblems = 1_000

    let service: LedgerService
    let actor: AccountID
    let key: String
    let requestHash: Hash
    let defaults: Defaults
    let dryRun: Bool
    /// The awards' time.
    let time: Timestamp

    func run(_ reader: SheetReader, progress: @escaping @Sendable (Int) -> Void) async throws -> Outcome {
        try service.authorizeAward(actor: actor, in: defaults.scope)
        let (actor, key, requestHash, defaults, dryRun, service, time) = (actor, key, requestHash, defaults, dryRun, service, time)
        let box = ReaderBox(reader)
        do {
            return try await service.appendBulk { writer in
                if let first = try writer.reader.idempotency(actor: actor, key: key) {
                    guard first.requestHash == requestHash.bytes else {
                        throw LedgerError(.idempotency_conflict, "key \"\(key)\" was already used by \(actor) for another sheet or other options; use a new --key")
                    }
                    var outcome = Outcome()
                    outcome.alreadyImported = true
                    return outcome
                }
                let rules = try service.currentRuleSet(reader: writer.reader)
                var outcome = Outcome()
                while let item = try box.nextItem() {
                    switch item {
                    case .problem(let problem):
                        outcome.report(Problem(row: problem.row, column: problem.column?.description, reason: problem.reason.rawValue, message: problem.message))
                    case .row(let row):
                        if outcome.rows > 0, outcome.rows % Self.writeBackRows == 0 {
                            try writer.writeBack()
                            progress(outcome.rows)
                        }
                        outcome.rows += 1
                        // Pricing only reads, so a refused row leaves nothing
                        // behind and needs no savepoint; one per row cost a
                        // fifth of the import.
                        let priced: PricedAward
                        let entry: Entry
                        do {
                            let request = try Self.request(for: row, defaults: defaults, rules: rules)
                            outcome.activities.insert(request.activity.id)
                            priced = try PricedAward(request, rules: rules, reader: writer.reader, time: time)
                            entry = Entry(
                                seq: writer.head.size, prev: writer.head.last, time: time, kind: .award, actor: actor, key: key,
                                postings: try priced.postings, data: priced.data)
                        } catch {
                            let refusal = LedgerStore.describe(error)
                            if refusal.reason == .storage_unavailable { throw refusal }
                            outcome.report(Problem(row: row.row, column: nil, reason: refusal.reason.rawValue, message: refusal.message))
                            continue
                        }
                        do {
                            let sealed = try writer.append(entry)
                            outcome.written += 1
                            outcome.points += priced.pricing.points
                            outcome.minutes += priced.pricing.minutes
                            outcome.firstSeq = outcome.firstSeq ?? sealed.entry.seq
                            outcome.lastSeq = sealed.entry.seq
                        } catch {
                            // An append refused part-way may have written part of
                            // its entry: nothing after it can be trusted, so the
                            // whole sheet stops here and is rolled back.
                            let refusal = LedgerStore.describe(error)
                            if refusal.reason == .storage_unavailable { throw refusal }
                            outcome.report(Problem(row: row.row, column: nil, reason: refusal.reason.rawValue, message: refusal.message))
                            box.rolledBack = outcome
                            throw refusal
                        }
                    }
                }
                if box.reader.summary.dataRows == 0 { throw LedgerError(.invalid_request, "the sheet has no rows") }
                guard outcome.problems.isEmpty, !dryRun else {
                    // Bad rows, or a dry run: undo everything, keep the report.
                    box.rolledBack = outcome
                    throw LedgerError(.invalid_request, "rolled back")
                }
                let summary: JSONValue = [
                    "rows": .integer(Int64(outcome.rows)), "points": .integer(outcome.points),
                    "first_seq": outcome.firstSeq.map(JSONValue.integer) ?? .null, "last_seq": outcome.lastSeq.map(JSONValue.integer) ?? .null,
                ]
                try writer.recordIdempotency(actor: actor, key: key, requestHash: requestHash, result: summary.canonicalBytes)
                return outcome
            }
        } catch {
            if let outcome = box.rolledBack { return outcome }
            throw error
        }
    }

    /// The award a row asks for: its own activity columns, else the defaults.
    static func request(for row: SheetRow, defaults: Defaults, rules: RuleSet) throws(LedgerError) -> AwardRequest {
        guard let id = row.activity.id ?? defaults.activity else { throw LedgerError(.invalid_request, "no activity: give --activity or an activity column") }
        guard let categoryText = row.activity.category ?? defaults.category else {
            throw LedgerError(.invalid_request, "no category: give --category or a category column")
        }
        guard let start = row.activity.start ?? defaults.start else { throw LedgerError(.invalid_request, "no start: give --start or a start column") }
        let activity = Activity(
            id: id, category: category(categoryText, in: rules), minutes: row.minutes, start: start, scope: defaults.scope,
            tags: row.activity.tags ?? defaults.tags)
        try activity.validate()
        return AwardRequest(volunteer: row.volunteer, activity: activity)
    }

    /// A category as coordinators write it: its id, or its label (上门服务).
    static func category(_ text: String, in rules: RuleSet) -> String {
        if rules.categories[text] != nil { return text }
        return rules.categories.values.first { $0.label == text }?.id ?? text
    }
}

extension SheetImport.Outcome {
    mutating func report(_ problem: SheetImport.Problem) {
        if problems.count < SheetImport.reportedProblems { problems.append(problem) } else { unreportedProblems += 1 }
    }
}

/// The reader, handed to the writer's queue, and the report of a rolled-back
/// run handed back: used there only, one call at a time, while the command
/// waits.
private final class ReaderBox: @unchecked Sendable {
    let reader: SheetReader
    var rolledBack: SheetImport.Outcome?
    init(_ reader: SheetReader) { self.reader = reader }

    /// The next row or problem; a sheet that cannot be read on is a refusal
    /// with the sheet's own reason and message.
    func nextItem() throws(LedgerError) -> SheetItem? {
        do { return try reader.next() } catch { throw error.ledgerError }
    }
}
