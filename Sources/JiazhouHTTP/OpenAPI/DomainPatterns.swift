import Foundation
import JiazhouCore

/// The ledger's text formats as JSON Schema patterns, built from the
/// constants their parsers check (``AccountID``, ``Scope``, ``Timestamp``),
/// so that a pattern accepts what the parser accepts. Patterns are ASCII
/// and anchored with `^…$`; their lengths are characters and bytes alike.
enum DomainPatterns {
    /// A scope segment: 1–32 of `a-z 0-9 -`.
    static let scopeSegment = "[a-z0-9-]{1,\(Scope.maxSegmentBytes)}"
    /// `a/b/c`, at most ``Scope/maxDepth`` segments.
    static let scopePath = "\(scopeSegment)(?:/\(scopeSegment)){0,\(Scope.maxDepth - 1)}"
    static let scope = Schema.string(pattern: "^\(scopePath)$")

    /// An id of one of `kinds`, `KIND:NAME`: NAME is as long as both
    /// ``AccountID/maxNameBytes`` and the whole id's ``Limits/accountIDBytes``
    /// allow; an issuer's NAME is a scope, and `maxLength` bounds the whole.
    static func accountID(kinds: [AccountID.Kind] = AccountID.Kind.allCases) -> Schema {
        let nameCharacters = "[" + AccountID.nameCharacters.replacingOccurrences(of: "-", with: "") + "-]"
        let alternatives = kinds.map { kind -> String in
            if kind == .issuer { return "issuer:\(scopePath)" }
            let longest = min(AccountID.maxNameBytes, Limits.accountIDBytes - kind.rawValue.utf8.count - 1)
            return "\(kind.rawValue):\(nameCharacters){1,\(longest)}"
        }
        let body = alternatives.count == 1 ? alternatives[0] : "(?:" + alternatives.joined(separator: "|") + ")"
        return .string(pattern: "^\(body)$", length: kinds.contains(.issuer) ? 1...Limits.accountIDBytes : nil)
    }

    /// RFC 3339 as ``Timestamp/init(rfc3339:)`` reads it, narrowed to what it
    /// takes from any writer: a year from 1971 (no offset takes it before
    /// 1970), days a month has outside February's 29th, at most three digits
    /// of fraction, `Z` or `±hh:mm`.
    static let time =
        "^(?:197[1-9]|19[89][0-9]|[2-9][0-9]{3})-"
            + "(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
            + "T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{1,3})?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$"

    /// `YYYY-MM` from 1970, as the reports take a month.
    static let month = "^(?:19[7-9][0-9]|[2-9][0-9]{3})-(?:0[1-9]|1[0-2])$"

    /// Text with no control character (below U+0020): one line.
    static let oneLine = "^[^\\u0000-\\u001f]*$"
    /// Text that is not only blanks (what `trimmingCharacters(in: .whitespaces)`
    /// removes: tab and the Unicode space separators).
    static let notBlank = "[^\\t \\u00a0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000]"
}
