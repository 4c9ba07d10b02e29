/// A text encoding that coordinators' spreadsheets are saved in.
///
/// Excel and WPS write UTF-8 (with a byte order mark, "CSV UTF-8"), UTF-16
/// little-endian with a mark ("Unicode text", tab-separated), and, in a
/// Chinese locale, plain "CSV" in GB18030 (a superset of GBK and GB2312).
public enum SheetEncoding: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case utf8 = "UTF-8"
    case utf16LittleEndian = "UTF-16LE"
    case utf16BigEndian = "UTF-16BE"
    case gb18030 = "GB18030"

    public var description: String { rawValue }

    /// The byte order mark of this encoding, if it has one.
    public var byteOrderMark: [UInt8] {
        switch self {
        case .utf8: [0xEF, 0xBB, 0xBF]
        case .utf16LittleEndian: [0xFF, 0xFE]
        case .utf16BigEndian: [0xFE, 0xFF]
        case .gb18030: []
        }
    }

    /// Why the reader settled on an encoding.
    public enum Evidence: String, Sendable, Hashable, CustomStringConvertible {
        /// The sheet starts with that encoding's byte order mark.
        case byteOrderMark = "byte order mark"
        /// No mark, and the first bytes are valid UTF-8.
        case validUTF8 = "valid UTF-8"
        /// No mark, and the first bytes are not UTF-8: GB18030, the other
        /// encoding spreadsheets save CSV in.
        case notUTF8 = "not UTF-8"
        /// The caller chose it.
        case forced = "chosen by the caller"

        public var description: String { rawValue }
    }

    /// Chooses the encoding of a sheet from its first bytes: a byte order
    /// mark first; else UTF-8 if the bytes are valid UTF-8 (a character cut
    /// by the window's end does not count against it, unless the sheet ends
    /// there); else GB18030.
    static func detect(_ window: UnsafeBufferPointer<UInt8>, isWholeSheet: Bool) -> (SheetEncoding, Evidence) {
        for encoding in [SheetEncoding.utf8, .utf16LittleEndian, .utf16BigEndian] where window.starts(with: encoding.byteOrderMark) {
            return (encoding, .byteOrderMark)
        }
        switch UTF8Validation.check(window) {
        case .valid: return (.utf8, .validUTF8)
        case .truncated where !isWholeSheet: return (.utf8, .validUTF8)
        case .truncated, .invalid: return (.gb18030, .notUTF8)
        }
    }
}
