/// The limits of the sheet reader, in one place (STYLE.md, convention 7).
///
/// They live here rather than in `JiazhouCore.Limits` because only this
/// reader reads spreadsheets. Each is enforced as the bytes come in: a cell
/// or row over its limit is counted and dropped, never buffered whole, so
/// that the reader's memory stays the same for a 2 KiB sheet and a 2 GB one.
public enum SheetLimits {
    /// Bytes read from the source at a time.
    public static let chunkBytes = 64 * 1024
    /// Bytes looked at to choose the encoding and the delimiter: the first
    /// 64 KiB, a few hundred rows of any real sheet.
    public static let detectionBytes = 64 * 1024
    /// Longest cell kept, in UTF-8 bytes. A remark a page long fits; a
    /// runaway quoted cell does not.
    public static let cellBytes = 4 * 1024
    /// Longest row kept, in UTF-8 bytes, all its cells together.
    public static let rowBytes = 64 * 1024
    /// Most columns in a row.
    public static let columns = 256
    /// Most data rows: Excel's and WPS's 1,048,576 rows less the header. No
    /// spreadsheet holds more, and it bounds the duplicate check, which keeps
    /// one entry per distinct (activity, volunteer).
    public static let dataRows = 1_048_575
    /// Most problems reported one by one; the rest are only counted.
    public static let problems = 1000
    /// Non-blank rows searched for the header, so that a title row or two
    /// above it ("白杨社区环境整治签到表") does not stop the reader.
    public static let headerSearchRows = 10
    /// Bytes of an .xlsx file, read whole (an archive is read from its end):
    /// a sheet of a few hundred thousand rows. Larger ones go as CSV, which streams.
    public static let workbookBytes = 64 * 1024 * 1024
    /// Bytes of one part of an .xlsx once inflated: its worksheet XML.
    public static let workbookPartBytes = 256 * 1024 * 1024
    /// Parts over ``ratioCheckedBytes`` inflating more than this many times
    /// are refused as zip bombs. Sheet XML inflates 5 to 30 times; a bomb,
    /// thousands.
    public static let compressionRatio = 200
    /// Parts smaller than this are not checked for their ratio: a tiny part of
    /// repeated tags may inflate 300 times and harm no one.
    public static let ratioCheckedBytes = 1024 * 1024
    /// Cells with a value in an .xlsx sheet, held at once (about 12 bytes
    /// each and their text): 200,000 participants of 10 columns.
    public static let workbookCells = 2_000_000
    /// Rows and columns of a worksheet, as Excel has them (1,048,576 × XFD).
    public static let workbookRows = 1_048_576
    public static let workbookColumns = 16_384
    /// Worksheets listed in a workbook.
    public static let worksheets = 1024
    /// Skipped totals and note rows named one by one in the notes; the rest
    /// are only counted (``SheetSummary/skippedRows``).
    public static let skippedRowNotes = 20
    /// Rows of a table written back to a spreadsheet: Excel's rows less the header.
    public static let writtenRows = 1_048_575
}
