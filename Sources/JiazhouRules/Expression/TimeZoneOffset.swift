/// Time zones for the timestamp accessors (`getHours("+08:00")`): a fixed
/// offset, or one of a few IANA names that map to a fixed offset.
///
/// CEL allows any IANA name, which needs the tz database and its daylight-
/// saving rules. This subset names zones whose offset has not changed for
/// decades, so that no database is needed and a rule means the same thing on
/// every machine. China has kept UTC+8 without daylight saving since 1991;
/// Hong Kong, Macau and Taipei since 1979. An instant from before those years
/// reads with today's offset.
public enum TimeZoneOffset {
    /// The supported names and their offsets in seconds east of UTC.
    public static let names: [String: Int] = [
        "UTC": 0, "Etc/UTC": 0, "GMT": 0,
        "Asia/Shanghai": 8 * 3600, "Asia/Chongqing": 8 * 3600, "Asia/Harbin": 8 * 3600, "PRC": 8 * 3600,
        "Asia/Hong_Kong": 8 * 3600, "Asia/Macau": 8 * 3600, "Asia/Taipei": 8 * 3600,
    ]

    /// Seconds east of UTC for `zone`: `"+08:00"`, `"-09:30"`, `"08:00"` (CEL
    /// reads an unsigned offset as east), or a name from ``names``; `nil` otherwise.
    public static func seconds(_ zone: String) -> Int? {
        var text = zone
        // Read in place: this runs on every evaluation of getHours("+08:00").
        return text.withUTF8(fixedOffset) ?? names[zone]
    }

    private static func fixedOffset(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var start = 0, sign = 1
        if let first = b.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            sign = first == UInt8(ascii: "-") ? -1 : 1
            start = 1
        }
        guard b.count - start == 5, b[start + 2] == UInt8(ascii: ":"),
            b[start].isDigit, b[start + 1].isDigit, b[start + 3].isDigit, b[start + 4].isDigit
        else { return nil }
        let hours = Int(b[start] - 48) * 10 + Int(b[start + 1] - 48), minutes = Int(b[start + 3] - 48) * 10 + Int(b[start + 4] - 48)
        guard hours < 24, minutes < 60 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }

    /// What to tell someone whose zone is not understood.
    static func refusal(_ zone: String) -> String {
        "unknown time zone \"\(zone)\": use a fixed offset like \"+08:00\" or one of \(names.keys.sorted().joined(separator: ", "))"
    }
}
