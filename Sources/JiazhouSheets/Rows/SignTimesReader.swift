import JiazhouCore

/// Reads a row's sign-in and sign-out cells (`签到时间`, `签退时间`): the
/// minutes between them when the sheet has no duration column, and the
/// sign-in as the start when it has no start column and the sign-in has a date.
struct SignTimesReader {
    private let signInCell: Int?
    private let signOutCell: Int?
    private let utcOffsetMinutes: Int

    init(header: SheetHeader, utcOffsetMinutes: Int) {
        signInCell = header.column(.signIn).map { $0.index - 1 }
        signOutCell = header.column(.signOut).map { $0.index - 1 }
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    var isEmpty: Bool { signInCell == nil && signOutCell == nil }

    /// The minutes signed (`nil` unless both cells are good) and the
    /// sign-in's date and time, if it has a date. `giveMinutes`: the sheet
    /// has no duration column, so empty cells and an absurd span are problems.
    func read(_ cells: Cells, giveMinutes: Bool, into report: inout RowReport) -> (minutes: Int64?, start: String?) {
        let signIn = value(signInCell, "sign-in", cells, required: giveMinutes, into: &report)
        let signOut = value(signOutCell, "sign-out", cells, required: giveMinutes, into: &report)
        var start: String?
        if case .dateTime(let text, _) = signIn { start = text }
        guard let signIn, let signOut, let outCell = signOutCell else { return (nil, start) }
        let seconds = SignTimeCell.seconds(from: signIn, to: signOut, utcOffsetMinutes: utcOffsetMinutes)
        let span = "\"\(cells.text(signInCell!)!.prefix(40))\" to \"\(cells.text(outCell)!.prefix(40))\""
        if seconds < 0 {
            report.add(.sign_out_before_sign_in, outCell, "the sign-out is before the sign-in (\(span)); correct the times, and write the dates if the service ran past midnight")
            return (nil, start)
        }
        guard giveMinutes else { return (nil, start) }
        let minutes = seconds / 60
        guard (1...Limits.minutesPerActivity).contains(minutes) else {
            let why = minutes == 0 ? "less than a minute" : "over 24 hours"
            report.add(.minutes_out_of_range, outCell, "\(span) is \(why); a row claims 1 minute to 24 hours")
            return (nil, start)
        }
        return (minutes, start)
    }

    private func value(_ cell: Int?, _ name: String, _ cells: Cells, required: Bool, into report: inout RowReport) -> SignTimeCell.Value? {
        guard let cell, !cells.isUndecodable(cell) else { return nil }
        guard let text = cells.text(cell) else {
            if required { report.add(.missing_value, cell, "the \(name) cell is empty; write the \(name) time, like 08:30 or 2026-11-23 08:30") }
            return nil
        }
        let folded = String(decoding: CellText.foldingFullWidth(Array(text.utf8)), as: UTF8.self)
        guard let value = SignTimeCell.read(folded, utcOffsetMinutes: utcOffsetMinutes) else {
            report.add(.bad_time, cell, "\"\(text.prefix(40))\" is not a \(name) time; write 08:30, or 2026-11-23 08:30 with the date")
            return nil
        }
        return value
    }
}
