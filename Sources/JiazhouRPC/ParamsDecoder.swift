import JiazhouCore

/// Decodes a request type straight from parsed params: no bytes in between,
/// every failure named by its path (`params.activity.minutes must be an
/// integer, not a string`), and members that the type never asks for
/// refused, so that a misspelt optional parameter (`limt`) is an error
/// rather than silently ignored.
///
/// Hand-written because `JSONDecoder` can say neither: a refusal thrown by a
/// field's own `init(from:)` (an ``AccountID`` that is not `KIND:NAME`)
/// comes out of it without the field's path, and unknown keys are skipped.
enum ParamsDecoder {
    /// A field that cannot be decoded, with its path in the message.
    struct FieldError: Error {
        var message: String
    }

    /// Decodes `T` from `params`; `extra` names the members taken out before
    /// (`actor`, `key`), for the message about an unknown member.
    static func decode<T: Decodable>(_ type: T.Type, from params: JSONValue, extra: [String]) throws(RPCError) -> T {
        let log = Log()
        let decoder = ValueDecoder(value: params, codingPath: [], log: log)
        do {
            let value = try decoder.decodeValue(T.self)
            try log.refuseUnasked(extra: extra)
            return value
        } catch let error as FieldError {
            throw .invalidParams(error.message)
        } catch let error as DecodingError {
            throw .invalidParams(message(error))
        } catch let error as LedgerError {
            throw RPCError(error)
        } catch {
            throw .invalidParams("params: \(error)")
        }
    }

    /// A path as the client wrote it: `params.participants[2].minutes`.
    static func render(_ path: [any CodingKey]) -> String {
        path.reduce("params") { text, key in key.intValue.map { "\(text)[\($0)]" } ?? "\(text).\(key.stringValue)" }
    }

    private static func message(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context): "\(render(context.codingPath + [key])) is required"
        case .valueNotFound(_, let context): "\(render(context.codingPath)) must not be null"
        case .typeMismatch(let type, let context): "\(render(context.codingPath)) is not a valid \(type): \(context.debugDescription)"
        case .dataCorrupted(let context): "\(render(context.codingPath)): \(context.debugDescription)"
        @unknown default: "params: \(error)"
        }
    }

    /// Which members each object had and which the type asked about
    /// (decoded, or checked for). Keyed by rendered path. A class because
    /// every container of one decoding shares it; one decoding runs on one
    /// thread.
    final class Log {
        private var asked: [String: [String]] = [:]
        private var objects: [(path: String, keys: [String])] = []

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
                let expected = (path == "params" ? extra : []) + known
                throw FieldError(message: "\(path).\(unknown) is not a parameter here; expected \(expected.isEmpty ? "none" : expected.joined(separator: ", "))")
            }
        }
    }
}
