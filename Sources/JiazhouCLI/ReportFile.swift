import ArgumentParser
import Foundation
import JiazhouCore
import JiazhouSheetAward
import JiazhouSheets

/// Where a report goes: the terminal as text, or a spreadsheet for the
/// office to open in Excel, WPS or LibreOffice (issue 18).
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case csv
    case xlsx

    /// The format a report file's name asks for: `.xlsx`, else CSV.
    static func of(path: String) -> ReportFormat { path.lowercased().hasSuffix(".xlsx") ? .xlsx : .csv }
}

enum ReportFile {
    /// Writes `table` as `format` to `path`, or CSV to standard output
    /// without one. An .xlsx is binary and always goes to a file.
    static func write(_ table: SheetTable, format: ReportFormat, to path: String?, sheet: String) throws {
        let file: ReportFileFormat
        switch format {
        case .text: preconditionFailure("text is printed by the command itself")
        case .csv: file = .csv
        case .xlsx:
            guard path != nil else { throw LedgerError(.invalid_request, "--format xlsx writes a file: give --output FILE.xlsx") }
            file = .xlsx
        }
        let bytes = try file.bytes(of: table, sheet: sheet)
        guard let path else {
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw LedgerError(.invalid_request, "cannot write the report \(path): \(error.localizedDescription)", cause: "\(error)")
        }
    }
}
