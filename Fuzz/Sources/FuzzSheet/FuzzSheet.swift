import FuzzSupport
import JiazhouSheets

/// The coordinator's sheet reader: encoding detection (UTF-8, UTF-16,
/// GB18030 through iconv), delimiter detection, the header search, the CSV
/// scanner and every row check.
///
/// Properties: nothing traps; a whole-sheet failure is a ``SheetError`` and
/// a bad row is a problem, not a failure; the report is the same whether the
/// sheet arrives whole or cut into small reads (inside characters, inside
/// quoted cells); the reader's memory stays within its bound.
@main
enum FuzzSheet {
    /// What the reader may hold (LimitTests' bound for a million-row sheet).
    static let heldBytesBound = 512 * 1024

    static func main() {
        runFuzzer { data, size in
            FuzzSheet.check(inputBytes(data, size))
            return 0
        }
    }

    static func check(_ input: [UInt8]) {
        let whole = read(input, chunkBytes: SheetLimits.chunkBytes)
        let cut = read(input, chunkBytes: 1 + input.count % 13)
        switch (whole, cut) {
        case (.success(let a), .success(let b)):
            require(a == b, "the report depends on how the sheet is cut into reads")
            require(a.summary.validRows == a.rows.count, "\(a.summary.validRows) valid rows counted, \(a.rows.count) returned")
            require(
                a.summary.dataRows == a.summary.validRows + a.summary.rowsWithProblems,
                "\(a.summary.dataRows) rows, \(a.summary.validRows) valid, \(a.summary.rowsWithProblems) with problems")
            require(a.problems.count + a.summary.unreportedProblems == a.summary.problems, "problems miscounted")
        case (.failure(let a), .failure(let b)):
            require(a.reason == b.reason, "the error depends on how the sheet is cut into reads: \(a) and \(b)")
        default:
            require(false, "the outcome depends on how the sheet is cut into reads: \(whole) and \(cut)")
        }
    }

    static func read(_ input: [UInt8], chunkBytes: Int) -> Result<SheetReport, SheetError> {
        let options = SheetOptions(maxProblems: 50, chunkBytes: chunkBytes)
        do {
            let reader = try SheetReader(source: SheetBytes(input, chunkBytes: chunkBytes), options: options)
            let report = try reader.readAll()
            require(reader.peakHeldBytes < heldBytesBound, "the reader held \(reader.peakHeldBytes) bytes")
            return .success(report)
        } catch {
            return .failure(error)
        }
    }
}
