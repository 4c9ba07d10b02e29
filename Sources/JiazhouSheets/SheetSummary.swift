/// What the reader found in a sheet, so far or (after the last row) in all.
public struct SheetSummary: Sendable, Hashable {
    /// The encoding the sheet was read in.
    public var encoding: SheetEncoding
    /// How the encoding was chosen.
    public var encodingEvidence: SheetEncoding.Evidence
    /// The delimiter between cells.
    public var delimiter: SheetDelimiter
    /// The header row and its columns.
    public var header: SheetHeader
    /// The worksheet read, for an .xlsx (`nil` for CSV).
    public var sheet: String?
    /// Non-blank rows under the header.
    public var dataRows = 0
    /// Rows returned as ``SheetRow``.
    public var validRows = 0
    /// Rows with at least one problem.
    public var rowsWithProblems = 0
    /// Blank rows under the header, skipped (Excel writes `,,,` for an empty row).
    public var blankRows = 0
    /// Rows under the header that are not participants, skipped with a
    /// note: totals rows (`合计`) and notes under the table (`备注：…`).
    public var skippedRows = 0
    /// Problems found, reported or not.
    public var problems = 0
    /// Problems found past ``SheetOptions/maxProblems``: counted, not reported.
    public var unreportedProblems = 0
    /// Distinct activities named in an activity column (0 without one).
    public var activities = 0
    /// Things worth telling the coordinator that are not problems: columns
    /// ignored, personal data discarded, title rows skipped.
    public var notes: [String] = []

    /// A summary with nothing read under the header yet.
    public init(encoding: SheetEncoding, encodingEvidence: SheetEncoding.Evidence, delimiter: SheetDelimiter, header: SheetHeader) {
        self.encoding = encoding
        self.encodingEvidence = encodingEvidence
        self.delimiter = delimiter
        self.header = header
    }
}
