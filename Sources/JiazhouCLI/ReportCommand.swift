import ArgumentParser
import JiazhouCore
import JiazhouService
import JiazhouSheetAward
import JiazhouSheets

/// `jiazhou report …`: the office's read-only views.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Print the office's reports (read-only).", subcommands: [MerchantReportCommand.self, ScopeReportCommand.self])
}

struct MerchantReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merchant", abstract: "A merchant's takings by day for a month, the month's total, and its settlements in the month.")

    @OptionGroup var ledger: LedgerOptions

    @Argument(help: "The merchant, e.g. merchant:jiulongxiang-cafe.")
    var merchant: AccountID

    @Option(help: "The month, YYYY-MM (days in the rule set's zone).")
    var month: String

    @Option(help: "text (the default), csv (UTF-8 with a BOM, as Excel opens it) or xlsx.")
    var format: ReportFormat = .text

    @Option(help: "The file to write a csv or xlsx report to (csv goes to standard output without one).")
    var output: String?

    func run() async throws {
        try await reportingErrors {
            let report = try ledger.open(readonly: true).merchantReport(MerchantReportRequest(merchant: merchant, month: month), actor: .rootOperator)
            guard format == .text else {
                try ReportFile.write(ReportTables.merchant(report), format: format, to: output, sheet: month)
                return
            }
            print("\(report.merchant)  takings in \(report.month)")
            print(Self.row("day", "redeemed", "reversed", "takings"))
            for day in report.days { print(Self.row(day.day, "\(day.redeemed)", "\(day.reversed)", "\(day.takings)")) }
            print(Self.row("total", "", "", "\(report.total)"))
            if report.settlements.isEmpty {
                print("no settlements in \(report.month)")
            } else {
                print("settlements in \(report.month)")
                print(Self.row("day", "seq", "through", "points"))
                for settlement in report.settlements {
                    print(Self.row(settlement.day, "\(settlement.seq)", "\(settlement.throughSeq)", "\(settlement.points)"))
                }
            }
        }
    }

    /// A row of the plain table: the first column left-aligned, the figures right-aligned.
    static func row(_ first: String, _ columns: String...) -> String {
        first + String(repeating: " ", count: max(1, 12 - first.count)) + columns.map { String(repeating: " ", count: max(1, 10 - $0.count)) + $0 }.joined()
    }
}

struct ScopeReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scope",
        abstract: "A scope's awards in a month, per volunteer: name (where the profile is kept), awards, hours and points, less reversals.")

    @OptionGroup var ledger: LedgerOptions

    @Argument(help: "The scope, e.g. shizhong/tongjiang/baiyang: its awards and those below it.")
    var scope: String

    @Option(help: "The month of the activities, YYYY-MM.")
    var month: String

    @Option(help: "The acting principal: an operator, or a coordinator governing the scope.")
    var actor: String = AccountID.rootOperator.text

    @Option(help: "text (the default), csv (UTF-8 with a BOM, as Excel opens it) or xlsx.")
    var format: ReportFormat = .text

    @Option(help: "The file to write a csv or xlsx report to (csv goes to standard output without one).")
    var output: String?

    func run() async throws {
        try await reportingErrors {
            let report = try ledger.open(readonly: true).scopeReport(ScopeReportRequest(scope: try Scope(scope), month: month), actor: try AccountID(actor))
            guard format == .text else {
                try ReportFile.write(ReportTables.scope(report), format: format, to: output, sheet: month)
                return
            }
            print("\(report.scope)  awards of \(report.month)")
            print(MerchantReportCommand.row("volunteer", "awards", "hours", "points") + "  name")
            for v in report.volunteers {
                print(MerchantReportCommand.row(v.volunteer.name, "\(v.awards)", ReportTables.hours(v.minutes), "\(v.points)") + "  \(v.name ?? "")")
            }
            print(MerchantReportCommand.row("total", "", ReportTables.hours(report.minutes), "\(report.points)"))
        }
    }
}
