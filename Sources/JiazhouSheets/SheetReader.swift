/// Reads a coordinator's sheet (an .xlsx workbook, or CSV or tab-separated
/// text, as Excel and WPS save them) into validated participant rows. Text
/// streams: a million-row sheet is read a chunk at a time, in bounded
/// memory; an .xlsx is read whole, within ``SheetLimits``, and its cells go
/// through the same checks as the text's.
///
/// Creating the reader reads the start of the sheet: it chooses the
/// encoding and the delimiter and finds the header, and throws a
/// ``SheetError`` if there is no usable header. Then ``next()`` yields, in
/// row order, each valid row and each problem of each bad row — every one,
/// so that a coordinator fixes the whole sheet in one pass (up to
/// ``SheetOptions/maxProblems``; the rest are counted in ``summary``).
///
/// ```swift
/// let reader = try SheetReader(path: "cleanup.csv")
/// while let item = try reader.next() {
///     switch item {
///     case .row(let row): participants.append((row.volunteer, row.minutes))
///     case .problem(let problem): print(problem)   // row 7, column C (服务时长(分钟)): minutes_out_of_range: …
///     }
/// }
/// print(reader.summary.validRows, reader.summary.encoding, reader.summary.notes)
/// ```
///
/// Memory: one chunk of input and its decoded text, one row (at most
/// ``SheetLimits/rowBytes``), and the duplicate check's entry per distinct
/// (activity, volunteer) — see ``SheetLimits/dataRows``. A class, because it
/// owns its source and a decoder that must not be copied mid-stream.
public final class SheetReader {
    /// What was found so far; complete once ``next()`` has returned `nil`.
    public private(set) var summary: SheetSummary
    private var rows: RowStream
    private var validator: RowValidator
    private let options: SheetOptions
    private var rowProblems: [SheetProblem] = []
    private var pending: [SheetProblem] = []
    private var pendingIndex = 0
    private var reported = 0
    private var finished = false

    /// Reads the sheet at `path`.
    public convenience init(path: String, options: SheetOptions = .init()) throws(SheetError) {
        try self.init(source: SheetFile(path: path), options: options)
    }

    /// Reads the sheet that `source` hands out.
    ///
    /// What it is is told by its first bytes, not by a name: an .xlsx is a
    /// ZIP archive (`PK\u{3}\u{4}`), read whole within
    /// ``SheetLimits/workbookBytes``; an old .xls or a password-protected
    /// .xlsx is refused (``SheetError/Reason/unsupported_format``); anything
    /// else is text.
    public init(source: some SheetSource, options: SheetOptions = .init()) throws(SheetError) {
        var peeked = try PeekedSource(source, peeking: SheetFileKind.magicBytes)
        var rows: RowStream
        let delimiter: SheetDelimiter
        switch SheetFileKind(opening: peeked.head) {
        case .compoundFile:
            throw SheetFileKind.compoundFileError
        case .workbook:
            let tooLarge = SheetError(.too_large, "the .xlsx file is over \(SheetLimits.workbookBytes / 1_048_576) MiB; split it, or save it as CSV, which is read as it streams")
            let bytes = try peeked.readAll(limit: SheetLimits.workbookBytes, tooLarge: tooLarge)
            rows = RowStream(worksheet: try Workbook.rows(of: bytes, sheet: options.sheet))
            delimiter = .comma
        case .text:
            let input = try DecodedInput(source: peeked, forcedEncoding: options.encoding, chunkBytes: options.chunkBytes)
            delimiter = options.delimiter ?? SheetDelimiter.detect(in: input.openingText())
            rows = RowStream(text: TextRows(input: input, delimiter: delimiter))
        }
        let (header, notes) = try HeaderSearch.find(in: &rows)
        summary = SheetSummary(encoding: rows.encoding, encodingEvidence: rows.evidence, delimiter: delimiter, header: header)
        summary.sheet = rows.sheet
        summary.notes = notes
        validator = RowValidator(header: header, encoding: rows.encoding, evidence: rows.evidence, utcOffsetMinutes: options.utcOffsetMinutes)
        self.rows = rows
        self.options = options
    }

    /// The sheet's header.
    public var header: SheetHeader { summary.header }

    /// The next valid row or problem, in row order; `nil` at the end.
    ///
    /// Throws ``SheetError/Reason/empty_sheet`` at the end if no row was under
    /// the header, ``SheetError/Reason/too_large`` past
    /// ``SheetOptions/maxDataRows``, and ``SheetError/Reason/read_failed`` if
    /// the source fails. After a throw, it returns `nil`.
    public func next() throws(SheetError) -> SheetItem? {
        if pendingIndex < pending.count {
            defer { pendingIndex += 1 }
            return .problem(pending[pendingIndex])
        }
        guard !finished else { return nil }
        do throws(SheetError) {
            while try rows.next() {
                if let item = try take(rows.record, row: rows.row) { return item }
            }
            finished = true
            summary.activities = validator.participants.activities
            guard summary.dataRows > 0 else {
                throw SheetError(.empty_sheet, "the sheet has a header in row \(header.row) and no rows under it; add a row per participant", row: header.row)
            }
            return nil
        } catch {
            finished = true
            throw error
        }
    }

    private func take(_ record: Record, row: Int) throws(SheetError) -> SheetItem? {
        guard !RowValidator.isBlank(record) else {
            summary.blankRows += 1
            return nil
        }
        if let kind = NonParticipantRow.kind(record) {
            summary.skippedRows += 1
            if summary.skippedRows <= SheetLimits.skippedRowNotes { summary.notes.append(NonParticipantRow.note(kind, row: row)) }
            return nil
        }
        summary.dataRows += 1
        guard summary.dataRows <= options.maxDataRows else {
            throw SheetError(.too_large, "the sheet has more than \(options.maxDataRows) rows of participants; split it into smaller sheets", row: row)
        }
        rowProblems.removeAll(keepingCapacity: true)
        if let sheetRow = validator.validate(record, row: row, into: &rowProblems) {
            summary.validRows += 1
            return .row(sheetRow)
        }
        summary.rowsWithProblems += 1
        summary.problems += rowProblems.count
        let room = max(0, options.maxProblems - reported)
        pending = Array(rowProblems.prefix(room))
        reported += pending.count
        summary.unreportedProblems += rowProblems.count - pending.count
        guard !pending.isEmpty else { return nil }
        pendingIndex = 1
        return .problem(pending[0])
    }

    /// Reads the rest of the sheet into memory: for sheets small enough to
    /// hold (a few thousand rows); stream larger ones with ``next()``.
    public func readAll() throws(SheetError) -> SheetReport {
        var rows: [SheetRow] = [], problems: [SheetProblem] = []
        while let item = try next() {
            switch item {
            case .row(let row): rows.append(row)
            case .problem(let problem): problems.append(problem)
            }
        }
        return SheetReport(rows: rows, problems: problems, summary: summary)
    }

    /// Bytes the reader holds for reading now: its chunk, the decoded text
    /// and the row. Not the duplicate check, which grows with the distinct
    /// participants (``SheetLimits/dataRows``).
    public var heldBytes: Int { rows.heldBytes + pending.capacity * MemoryLayout<SheetProblem>.stride }
    /// The most ``heldBytes`` seen, sampled at each chunk.
    public var peakHeldBytes: Int { max(rows.peakHeldBytes, heldBytes) }
}

/// A whole sheet read into memory by ``SheetReader/readAll()``.
public struct SheetReport: Sendable, Hashable {
    /// The valid rows, in order.
    public var rows: [SheetRow]
    /// The problems reported, in row order.
    public var problems: [SheetProblem]
    /// What was found in all.
    public var summary: SheetSummary

    /// A report of a whole sheet.
    public init(rows: [SheetRow], problems: [SheetProblem], summary: SheetSummary) {
        self.rows = rows
        self.problems = problems
        self.summary = summary
    }
}
