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
}
