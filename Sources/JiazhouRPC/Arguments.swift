import JiazhouCore

/// One call's params, split as PROTOCOL.md says: `actor` (the acting
/// principal: over stdio the caller is the operator and names who acts),
/// `key` (the idempotency key of a write), and the rest, which is the
/// method's request.
struct Arguments: Sendable {
    let actor: AccountID?
    let key: String?
    /// The params without `actor` and `key`: an object.
    let rest: JSONValue

    init(params: JSONValue?, method: Method) throws(RPCError) {
        let members: [String: JSONValue]
        switch params ?? .object([:]) {
        case .object(let object): members = object
        default: throw .invalidParams("params must be an object of named parameters, not an array: {\"actor\": \"operator:root\", …}")
        }
        if let (path, text) = Self.firstNumberText(in: params ?? .null, path: "params") {
            throw .invalidParams("\(path) must be an integer within ±2^53, not \(text): params carry no fractions, exponents or larger numbers")
        }
        switch members["actor"] {
        case nil, .null?: actor = nil
        case .string(let text)?:
            do { actor = try AccountID(text) } catch { throw .invalidParams("params.actor: \(error.message)") }
        case let other?: throw .invalidParams("params.actor must be a principal id like \"operator:root\", not \(Envelope.describe(other))")
        }
        switch members["key"] {
        case nil, .null?: key = nil
        case .string(let text)?:
            guard method.access == .write else { throw .invalidParams("params.key: \(method.name) only reads, so it takes no idempotency key") }
            key = text
        case let other?: throw .invalidParams("params.key must be a string (an idempotency key), not \(Envelope.describe(other))")
        }
        var rest = members
        rest["actor"] = nil
        rest["key"] = nil
        self.rest = .object(rest)
    }

    /// The acting principal, which every method but the public reads needs.
    func requireActor() throws(RPCError) -> AccountID {
        guard let actor else { throw .invalidParams("params.actor is required: the principal who acts, e.g. \"operator:root\"") }
        return actor
    }

    /// Where a number that is not an integer within ±2^53 occurs, if anywhere.
    private static func firstNumberText(in value: JSONValue, path: String) -> (String, String)? {
        switch value {
        case .numberText(let text): return (path, text)
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let found = firstNumberText(in: item, path: "\(path)[\(index)]") { return found }
            }
        case .object(let members):
            for key in members.keys.sorted() {
                if let found = firstNumberText(in: members[key]!, path: "\(path).\(key)") { return found }
            }
        default: break
        }
        return nil
    }
}
