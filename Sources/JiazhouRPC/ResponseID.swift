import JiazhouCore

/// The `id` of a response: the request's id, echoed exactly as it was
/// written (JSON-RPC 2.0 §5), or `null` when it could not be read.
///
/// Numbers keep their text: `1.5`, `1e400` and `9007199254740993` come back
/// as sent, because the parser keeps numbers beyond ±2^53 and fractions as
/// text. `-0` is the one integer whose parsed value (0) does not say how it
/// was written, so for it the text is read back from the line itself.
struct ResponseID: Sendable, Equatable {
    /// The JSON text of the id.
    let bytes: [UInt8]

    static let null = ResponseID(bytes: Array("null".utf8))

    /// The id of a request whose `id` member is `value`; `rawText` gives
    /// its text as written, asked for only when `value` is 0. `nil` when
    /// `value` is not a string, a number or null.
    init?(_ value: JSONValue, rawText: () -> ArraySlice<UInt8>?) {
        switch value {
        case .integer(0):
            bytes = rawText()?.elementsEqual("-0".utf8) == true ? Array("-0".utf8) : Array("0".utf8)
        case .string, .integer, .null:
            bytes = value.canonicalBytes
        case .numberText(let text):
            bytes = Array(text.utf8)
        case .bool, .array, .object:
            return nil
        }
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }
}
