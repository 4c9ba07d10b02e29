public import JiazhouService
public import JiazhouCore
public import JiazhouSheets

/// The office's reports as sheets, built once for `jiazhou report`, `award
/// import --report` and the HTTP downloads alike, so that a file from the
/// terminal and one from the page are the same file.
public enum ReportTables {
    /// A merchant's month as one sheet: the takings by day and their total,
    /// then, under a blank row, the settlements.
    public static func merchant(_ report: MerchantReport) -> SheetTable {
        var table = SheetTable(header: ["day", "redeemed", "reversed", "takings"])
        for day in report.days { table.append([.text(day.day), .number(day.redeemed), .number(day.reversed), .number(day.takings)]) }
        table.append([.text("total"), .empty, .empty, .number(report.total)])
        table.append([])
        table.append([.text("settlements of \(report.merchant.text) in \(report.month)")])
        table.append(["day", "seq", "through", "points"])
        for settlement in report.settlements {
            table.append([.text(settlement.day), .number(settlement.seq), .number(settlement.throughSeq), .number(settlement.points)])
        }
        return table
    }

    /// A scope's month, a row a volunteer, and the total.
    public static func scope(_ report: ScopeReport) -> SheetTable {
        var table = SheetTable(header: ["志愿者编号 volunteer", "姓名 name", "次数 awards", "时长(分钟) minutes", "时长(小时) hours", "积分 points"])
        for v in report.volunteers {
            table.append([.text(v.volunteer.text), .text(v.name ?? ""), .number(Int64(v.awards)), .number(v.minutes), .text(hours(v.minutes)), .number(v.points)])
        }
        table.append([.text("合计 total"), .empty, .empty, .number(report.minutes), .text(hours(report.minutes)), .number(report.points)])
        return table
    }

    /// A sheet's problems by row, for the coordinator to fix in the file
    /// they came from: one row a problem (none for a sheet without any), in
    /// the order of the sheet.
    public static func problems(_ problems: [AwardSheetResult.Problem], unreported: Int) -> SheetTable {
        var table = SheetTable(header: ["行 row", "列 column", "原因 reason", "说明 message"])
        for problem in problems {
            table.append([.number(Int64(problem.row)), problem.column.map(SheetTable.Value.text) ?? .empty, .text(problem.reason), .text(problem.message)])
        }
        if unreported > 0 { table.append([.empty, .empty, .empty, .text("… and \(unreported) more problems")]) }
        return table
    }

    /// Hours with one decimal, as a sheet shows them: 90 minutes is 1.5.
    public static func hours(_ minutes: Int64) -> String {
        let tenths = minutes * 10 / 60
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}

/// The two files a report is downloaded as.
public enum ReportFileFormat: String, Sendable, CaseIterable {
    /// UTF-8 with a byte-order mark, which Excel needs to read it as UTF-8.
    case csv
    case xlsx

    public var contentType: String {
        switch self {
        case .csv: "text/csv; charset=utf-8"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        }
    }

    /// `table`'s bytes in this format; `sheet` names an .xlsx's one worksheet.
    public func bytes(of table: SheetTable, sheet: String) throws(LedgerError) -> [UInt8] {
        switch self {
        case .csv: return table.csvBytes
        case .xlsx:
            do throws(SheetError) { return try table.xlsxBytes(sheet: sheet) } catch { throw error.ledgerError }
        }
    }
}
