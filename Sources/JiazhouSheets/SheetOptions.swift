/// How to read a sheet. The defaults suit the district: detect everything,
/// local times at +08:00.
public struct SheetOptions: Sendable, Hashable {
    /// The encoding, if the caller knows better than detection (`nil`: detect).
    public var encoding: SheetEncoding?
    /// The delimiter, if the caller knows better than detection (`nil`: detect).
    public var delimiter: SheetDelimiter?
    /// The offset from UTC of times written without one (`2026-11-23 08:30`),
    /// in minutes: 480 for China Standard Time, +08:00.
    public var utcOffsetMinutes: Int
    /// Problems reported one by one; past this they are only counted.
    public var maxProblems: Int
    /// Data rows accepted before the sheet is refused as too large.
    public var maxDataRows: Int
    /// Bytes read from the source at a time (tests use tiny chunks to cut
    /// characters and quoted cells).
    public var chunkBytes: Int
    /// The worksheet of an .xlsx to read, by name (`nil`: the first).
    /// Ignored for CSV.
    public var sheet: String?

    /// Options; the defaults detect encoding and delimiter and read local times at +08:00.
    public init(
        encoding: SheetEncoding? = nil, delimiter: SheetDelimiter? = nil, utcOffsetMinutes: Int = 8 * 60,
        maxProblems: Int = SheetLimits.problems, maxDataRows: Int = SheetLimits.dataRows, chunkBytes: Int = SheetLimits.chunkBytes,
        sheet: String? = nil
    ) {
        precondition((-14 * 60...14 * 60).contains(utcOffsetMinutes), "a UTC offset is within ±14 hours")
        precondition(maxProblems >= 0 && maxDataRows >= 0, "limits are not negative")
        precondition((1...SheetLimits.chunkBytes).contains(chunkBytes), "a chunk is 1 to \(SheetLimits.chunkBytes) bytes")
        self.encoding = encoding
        self.delimiter = delimiter
        self.utcOffsetMinutes = utcOffsetMinutes
        self.maxProblems = maxProblems
        self.maxDataRows = maxDataRows
        self.chunkBytes = chunkBytes
        self.sheet = sheet
    }
}
