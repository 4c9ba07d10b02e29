/// What a sheet's first bytes say it is. Told by content, not by the name:
/// a coordinator's `签到表.csv` may well be an .xlsx renamed, and an upload
/// has no name at all.
enum SheetFileKind: Equatable {
    /// CSV or tab-separated text.
    case text
    /// A ZIP archive: an .xlsx (ECMA-376 Part 2, Open Packaging Conventions).
    case workbook
    /// An OLE compound file (D0 CF 11 E0 A1 B1 1A E1): an old .xls, or an
    /// .xlsx with a password, which Excel stores encrypted inside one.
    case compoundFile

    static let zipMagic: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    static let compoundFileMagic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    /// Bytes needed to tell.
    static let magicBytes = 8

    init(opening bytes: [UInt8]) {
        if bytes.starts(with: Self.zipMagic) {
            self = .workbook
        } else if bytes.starts(with: Self.compoundFileMagic) {
            self = .compoundFile
        } else {
            self = .text
        }
    }

    /// The refusal of a compound file: Excel's own words for what to do.
    static var compoundFileError: SheetError {
        SheetError(
            .unsupported_format,
            "the file is an old Excel .xls or a password-protected .xlsx, which cannot be read; open it in Excel or WPS, remove any password, and save as .xlsx or CSV")
    }
}
