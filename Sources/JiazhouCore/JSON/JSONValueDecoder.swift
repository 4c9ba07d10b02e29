/// Decodes a request type straight from a parsed ``JSONValue``: no bytes in
/// between, every failure named by its path (`params.activity.minutes must
/// be an integer, not a string`), and members that the type never asks for
/// refused, so that a misspelt optional parameter (`limt`) is an error
/// rather than silently ignored.
///
/// Hand-written because `JSONDecoder` can say neither: a refusal thrown by a
/// field's own `init(from:)` (an ``AccountID`` that is not `KIND:NAME`)
/// comes out of it without the field's path, and unknown keys are skipped.
/// Both transports decode with it — JSON-RPC's params (root `params`) and
/// HTTP's bodies and query parameters — so that they refuse the same things
/// with the same words.
///
/// ```swift
/// let request = try JSONValueDecoder(root: "params").decode(AwardRequest.self, from: params, extra: ["actor", "key"])
/// ```
public struct JSONValueDecoder: Sendable {
    /// What paths in messages start with (`params`, `body`); empty for bare field names.
    public var root: String

    public init(root: String) { self.root = root }

    /// Decodes `T` from `value`; `extra` names the members a transport took
    /// out before (`actor`, `key`), for the message about an unknown member.
    /// Every failure is `invalid_request` with the field's path, unless a
    /// type's own decoding refuses with another reason.
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue, extra: [String] = []) throws(LedgerError) -> T {
        let log = Log(root: root)
        let decoder = ValueDecoder(value: value, codingPath: [], log: log)
        do {
            let decoded = try decoder.decodeValue(T.self)
            try log.refuseUnasked(extra: extra)
            return decoded
        } catch let error as FieldError {
            throw LedgerError(.invalid_request, error.message)
        } catch let error as DecodingError {
            throw LedgerError(.invalid_request, log.message(error))
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.invalid_request, "\(root.isEmpty ? "request" : root): \(error)")
        }
    }

    /// A field that cannot be decoded, with its path in the message.
    struct FieldError: Error {
        var message: String
    }

    /// Which members each object had and which the type asked about
    /// (decoded, or checked for). Keyed by rendered path. A class because
    /// every container of one decoding shares it; one decoding runs on one
    /// thread.
    final class Log {
        let root: String
        private var asked: [String: [String]] = [:]
        private var objects: [(path: String, keys: [String])] = []

        init(root: String) { self.root = root }

        /// A path as the client wrote it: `params.participants[2].minutes`.
        func render(_ path: [any CodingKey]) -> String {
            path.reduce(root) { text, key in
                if let index = key.intValue { return "\(text)[\(index)]" }
                return text.isEmpty ? key.stringValue : "\(text).\(key.stringValue)"
            }
        }

        func register(_ path: String, keys: some Sequence<String>) {
            objects.append((path, keys.sorted()))
        }

        func ask(_ path: String, _ key: String) {
            if asked[path]?.contains(key) != true { asked[path, default: []].append(key) }
        }

        /// Throws for the first member of any object that nothing asked about.
        func refuseUnasked(extra: [String]) throws(FieldError) {
            for (path, keys) in objects {
                let known = asked[path] ?? []
                guard let unknown = keys.first(where: { !known.contains($0) }) else { continue }
                let expected = (path == root ? extra : []) + known
                let name = path.isEmpty ? unknown : "\(path).\(unknown)"
                throw FieldError(message: "\(name) is not a parameter here; expected \(expected.isEmpty ? "none" : expected.joined(separator: ", "))")
            }
        }

        func message(_ error: DecodingError) -> String {
            switch error {
            case .keyNotFound(let key, let context): "\(render(context.codingPath + [key])) is required"
            case .valueNotFound(_, let context): "\(render(context.codingPath)) must not be null"
            case .typeMismatch(let type, let context): "\(render(context.codingPath)) is not a valid \(type): \(context.debugDescription)"
            case .dataCorrupted(let context): "\(render(context.codingPath)): \(context.debugDescription)"
            @unknown default: "\(root): \(error)"
            }
        }
    }
}

extension JSONValue {
    /// The JSON type with its article (`a string`, `an object`), for messages.
    public var typeWithArticle: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer, .numberText: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
