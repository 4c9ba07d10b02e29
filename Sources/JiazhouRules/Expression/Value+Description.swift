public import JiazhouCore

/// Values written as CEL literals (`[1, "a"]`, `{"k": 2}`,
/// `timestamp("2009-02-13T23:31:30Z")`), one canonical way: map keys sorted
/// (ints, then strings by code point), strings double-quoted with escapes for
/// quotes, backslashes and control characters only. The conformance suite
/// compares results in this form.
extension Value: CustomStringConvertible {
    public var description: String {
        switch self {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .int(let n): String(n)
        case .string(let s): Self.quoted(s)
        case .list(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .map(let map): "{" + map.keys.sorted().map { "\($0): \(map[$0]!)" }.joined(separator: ", ") + "}"
        case .timestamp(let t): "timestamp(\"\(t.rfc3339)\")"
        }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0B}": out += "\\v"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The value as JSON, for output: timestamps become RFC 3339 text and int
    /// map keys their decimal text (JSON keys are strings).
    public var json: JSONValue {
        switch self {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let n): .integer(n)
        case .string(let s): .string(s)
        case .list(let items): .array(items.map(\.json))
        case .timestamp(let t): .string(t.rfc3339)
        case .map(let map):
            .object(Dictionary(map.keys.map { key in
                switch key {
                case .int(let n): (String(n), map[key]!.json)
                case .string(let s): (s, map[key]!.json)
                }
            }, uniquingKeysWith: { first, _ in first }))
        }
    }
}
