import JiazhouCore

/// The JSON-RPC 2.0 envelope of one line (§4, §6): a request object, or a
/// batch array of them.
///
/// Everything that the specification calls an invalid request is decided
/// here, before any method runs; what a method's params mean is not.
enum Envelope {
    /// One request, as the envelope says it.
    struct Request: Sendable {
        /// `nil` for a notification (no `id` member): it gets no response.
        let id: ResponseID?
        let method: String
        /// An object or an array, or `nil` when absent.
        let params: JSONValue?
    }

    /// One element of a line: a request, or why it is not one (always
    /// answered, with the id when it could be read, else `null` — §5).
    enum Item: Sendable {
        case request(Request)
        case invalid(ResponseID, RPCError)
    }

    /// What a line holds.
    enum Line: Sendable {
        case single(Item)
        case batch([Item])
        /// The whole line is refused with one response, id `null`.
        case refused(RPCError)
    }

    /// Reads a line. Numbers that are not integers within ±2^53 are kept as
    /// text so that such an id can be echoed; params refuse them later.
    static func parse(_ line: [UInt8]) -> Line {
        let value: JSONValue
        do { value = try JSONParser.parseKeepingNumberText(line) } catch { return .refused(.parse(error)) }
        switch value {
        case .object:
            return .single(item(value) { RawMember.text(of: "id", in: line) })
        case .array(let elements):
            guard !elements.isEmpty else { return .refused(.invalidRequest("an empty batch is not a request: send at least one request object")) }
            guard elements.count <= RPCLimits.batchCalls else {
                return .refused(.tooLarge("a batch holds at most \(RPCLimits.batchCalls) requests, not \(elements.count); split it"))
            }
            var rawIDs: [ArraySlice<UInt8>?]?  // found once, if some id is 0
            return .batch(elements.enumerated().map { index, element in
                item(element) {
                    let found = rawIDs ?? RawMember.texts(of: "id", inBatch: line)
                    rawIDs = found
                    return index < found.count ? found[index] : nil
                }
            })
        default:
            return .refused(.invalidRequest("a request is a JSON object (or a batch array of them), not \(Self.describe(value))"))
        }
    }

    /// `rawID` gives the text of the `id` member as written (see ``ResponseID``).
    private static func item(_ value: JSONValue, rawID: () -> ArraySlice<UInt8>?) -> Item {
        guard case .object(let members) = value else {
            return .invalid(.null, .invalidRequest("a batch element must be a request object, not \(describe(value))"))
        }
        var id: ResponseID?
        if let raw = members["id"] {
            guard let valid = ResponseID(raw, rawText: rawID) else {
                return .invalid(.null, .invalidRequest("id must be a string, a number or null, not \(describe(raw))"))
            }
            id = valid
        }
        guard members["jsonrpc"] == .string("2.0") else {
            return .invalid(id ?? .null, .invalidRequest("jsonrpc must be the string \"2.0\""))
        }
        guard case .string(let method)? = members["method"] else {
            return .invalid(id ?? .null, .invalidRequest("method must be a string, not \(members["method"].map(describe) ?? "missing")"))
        }
        if let params = members["params"] {
            switch params {
            case .object, .array: break
            default: return .invalid(id ?? .null, .invalidRequest("params must be an object or an array (§4.2), not \(describe(params))"))
            }
        }
        return .request(Request(id: id, method: method, params: members["params"]))
    }

    /// A JSON value's type, with its article, for messages.
    static func describe(_ value: JSONValue) -> String { value.typeWithArticle }
}
