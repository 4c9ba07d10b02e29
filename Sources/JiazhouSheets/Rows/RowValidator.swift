import JiazhouCore

/// Reads one row under the header into a ``SheetRow``, or reports every
/// problem with it: each bad cell, not only the first, so that one pass
/// shows the coordinator all there is to fix.
struct RowValidator {
    let header: SheetHeader
    private let encoding: SheetEncoding
    private let evidence: SheetEncoding.Evidence
    private let volunteerCell: Int
    /// The column that gives the minutes, and how; `nil` when the sign-in
    /// and sign-out columns give them.
    private let duration: (cell: Int, role: SheetColumn.Role)?
    private let signTimes: SignTimesReader
    private let startFromSignIn: Bool
    private var activityFields: ActivityFieldReader
    private(set) var participants = ParticipantSet()

    /// A validator for rows under `header`, which ``HeaderMatcher/validate(_:)`` accepted.
    init(header: SheetHeader, encoding: SheetEncoding, evidence: SheetEncoding.Evidence, utcOffsetMinutes: Int) {
        self.header = header
        self.encoding = encoding
        self.evidence = evidence
        func cell(_ role: SheetColumn.Role) -> Int? { header.column(role).map { $0.index - 1 } }
        volunteerCell = cell(.volunteer)!
        duration = header.columns.first { HeaderMatcher.durationRoles.contains($0.role) }.map { ($0.index - 1, $0.role) }
        signTimes = SignTimesReader(header: header, utcOffsetMinutes: utcOffsetMinutes)
        startFromSignIn = header.column(.start) == nil
        activityFields = ActivityFieldReader(header: header, utcOffsetMinutes: utcOffsetMinutes)
    }

    /// Whether every cell is empty once trimmed: a blank row, which is skipped.
    static func isBlank(_ record: Record) -> Bool {
        guard record.overlongCells.isEmpty, !record.isOverlong, record.unclosedQuoteCell == nil, !record.isTooWide else { return false }
        return record.bytes.withUnsafeBufferPointer { bytes in
            (0..<record.keptCells).allSatisfy { CellText.trimmed(bytes, record.range(ofCell: $0)).isEmpty }
        }
    }

    /// The row, or `nil` after appending its problems to `problems`.
    mutating func validate(_ record: Record, row: Int, into problems: inout [SheetProblem]) -> SheetRow? {
        var report = RowReport(header: header, row: row)
        let sheetRow = record.bytes.withUnsafeBufferPointer { bytes -> SheetRow? in
            guard ShapeCheck.check(record, header: header, bytes: bytes, into: &report) else { return nil }
            let cells = Cells(record: record, bytes: bytes, encoding: encoding, evidence: evidence, report: &report)
            return read(cells, row: row, into: &report)
        }
        guard report.problems.isEmpty else {
            problems.append(contentsOf: report.problems)
            return nil
        }
        return sheetRow
    }

    private mutating func read(_ cells: Cells, row: Int, into report: inout RowReport) -> SheetRow? {
        let volunteer = readVolunteer(cells, into: &report)
        var minutes = duration.flatMap { readMinutes(cells, $0.cell, $0.role, into: &report) }
        var (activity, activityIsValid) = activityFields.read(cells, into: &report)
        if !signTimes.isEmpty {
            let signed = signTimes.read(cells, giveMinutes: duration == nil, into: &report)
            if duration == nil { minutes = signed.minutes }
            if startFromSignIn, activity.start == nil { activity.start = signed.start }
        }
        guard let volunteer else { return nil }
        if activityIsValid, let earlier = participants.earlierRow(activity: activity.id, volunteer: volunteer.name, row: row) {
            let which = activity.id.map { " for activity \"\($0.prefix(40))\"" } ?? ""
            report.add(.duplicate_volunteer, volunteerCell, "\(volunteer.name) is already in row \(earlier)\(which); list each volunteer once per activity")
        }
        guard let minutes else { return nil }
        return SheetRow(row: row, volunteer: volunteer, minutes: minutes, activity: activity)
    }

    private func readVolunteer(_ cells: Cells, into report: inout RowReport) -> AccountID? {
        guard !cells.isUndecodable(volunteerCell) else { return nil }
        guard let cell = cells.bytes(volunteerCell), !cell.isEmpty else {
            report.add(.missing_value, volunteerCell, "the volunteer cell is empty; write the volunteer's id, like V000123")
            return nil
        }
        switch VolunteerCell.read(cell) {
        case .volunteer(let id):
            return id
        case .otherKind(let kind):
            report.add(.bad_volunteer, volunteerCell, "\"\(cells.text(volunteerCell)!.prefix(40))\" is a \(kind) account, not a volunteer; write a volunteer's id, like V000123")
        case .personalData(let kind):
            // Not quoted: the problem report should not carry the number either.
            report.add(.bad_volunteer, volunteerCell, "the cell holds what looks like \(kind), not a volunteer id; personal data never becomes an id: write the volunteer's id, like V000123")
        case .notAnID where cell.contains { $0 >= 0x80 }:
            // Not quoted: text that is not ASCII here is most likely a name.
            report.add(.bad_volunteer, volunteerCell, "the cell holds text that is not a volunteer id (a name, perhaps); write the volunteer's id, like V000123")
        case .notAnID:
            report.add(.bad_volunteer, volunteerCell, "\"\(cells.text(volunteerCell)!.prefix(40))\" is not a volunteer id like V000123 or volunteer:V000123 (letters, digits, '.', '_' or '-')")
        }
        return nil
    }

    private func readMinutes(_ cells: Cells, _ durationCell: Int, _ role: SheetColumn.Role, into report: inout RowReport) -> Int64? {
        guard !cells.isUndecodable(durationCell) else { return nil }
        if role == .duration { return readDuration(cells, durationCell, into: &report) }
        let durationInHours = role == .hours
        let unit = durationInHours ? "hours" : "minutes"
        guard let cell = cells.bytes(durationCell), !cell.isEmpty else {
            report.add(.missing_value, durationCell, "the \(unit) cell is empty; write the \(unit) of service, like \(durationInHours ? "1.5" : "90")")
            return nil
        }
        let read = durationInHours ? DurationCell.hours : DurationCell.minutes
        // Full-width digits (９０), typed with a Chinese input method, read as ASCII.
        let outcome = cell.contains { $0 >= 0x80 } ? CellText.foldingFullWidth(cell).withUnsafeBufferPointer(read) : read(cell)
        if case .minutes(let minutes) = outcome { return minutes }
        let quoted = "\"\(cells.text(durationCell)!.prefix(40))\""
        switch outcome {
        case .minutes:
            preconditionFailure("returned above")
        case .notANumber:
            report.add(.bad_minutes, durationCell, "\(quoted) is not a number of \(unit); write digits only, like \(durationInHours ? "1.5" : "90")")
        case .notWholeMinutes:
            report.add(.bad_minutes, durationCell, durationInHours
                ? "\(quoted) hours is not a whole number of minutes; round it to the minute (1.5 is 90 minutes)"
                : "\(quoted) is not a whole number of minutes (if the column holds hours, head it 时长(小时) or hours)")
        case .outOfRange:
            report.add(.minutes_out_of_range, durationCell, durationInHours
                ? "\(quoted) hours is out of range: a row claims from 1 minute to \(Limits.minutesPerActivity / 60) hours"
                : "\(quoted) minutes is out of range: a row claims 1 to \(Limits.minutesPerActivity) minutes (a day)")
        }
        return nil
    }

    private func readDuration(_ cells: Cells, _ cell: Int, into report: inout RowReport) -> Int64? {
        guard let text = cells.text(cell) else {
            report.add(.missing_value, cell, "the duration cell is empty; write the time served with its unit, like 2小时 or 90分钟")
            return nil
        }
        let folded = String(decoding: CellText.foldingFullWidth(Array(text.utf8)), as: UTF8.self)
        let quoted = "\"\(text.prefix(40))\""
        switch UnitDurationCell.read(folded) {
        case .minutes(let minutes):
            return minutes
        case .noUnit:
            report.add(.bad_minutes, cell, "\(quoted) has no unit: say 小时 or 分钟 (2小时, 90分钟), or head the column 时长(分钟) or 时长(小时)")
        case .date:
            report.add(.bad_minutes, cell, "\(quoted) is a date where minutes belong; write the time served, like 2小时 or 90分钟")
        case .notADuration:
            report.add(.bad_minutes, cell, "\(quoted) is not a duration; write 2小时, 1.5h, 90分钟, 1小时30分 or 2:30")
        case .notWholeMinutes:
            report.add(.bad_minutes, cell, "\(quoted) is not a whole number of minutes; round it to the minute (1.5小时 is 90 minutes)")
        case .outOfRange:
            report.add(.minutes_out_of_range, cell, "\(quoted) is out of range: a row claims 1 minute to 24 hours")
        }
        return nil
    }
}
