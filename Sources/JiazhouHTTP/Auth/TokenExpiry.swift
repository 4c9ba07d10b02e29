public import JiazhouCore

/// When a token expires, as an operator writes it: a lifetime (`30d`,
/// `12h`, `90m`) from now, or an RFC 3339 time.
public enum TokenExpiry {
    /// The expiry `text` names, counted from `now` for a lifetime.
    public static func parse(_ text: String, now: Timestamp) throws(LedgerError) -> Timestamp {
        if let time = Timestamp(rfc3339: text) { return time }
        let units: [Character: Int64] = ["d": 86_400_000, "h": 3_600_000, "m": 60_000]
        guard let unit = text.last.flatMap({ units[$0] }), let count = Int64(text.dropLast()), count > 0, count <= 3650 * 86_400_000 / unit else {
            throw LedgerError(.invalid_request, "--expires \"\(text.prefix(40))\" is neither a lifetime like 30d, 12h or 90m nor an RFC 3339 time like 2027-01-01T00:00:00+08:00")
        }
        return Timestamp(millisecondsSince1970: now.millisecondsSince1970 + count * unit)
    }
}
