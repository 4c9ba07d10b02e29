import Hummingbird
import JiazhouCore
import NIOCore

/// A write route's request, from its JSON body: at most the server's body
/// limit, parsed strictly (duplicate members, numbers that are not integers
/// within ±2^53, nesting past the limit are refused), then decoded with the
/// names and types the service's request type defines.
enum BodyInput {
    /// `pathMembers` (a route's `{name}`s, as text) join the body's members;
    /// the body may not give them too.
    static func decode<T: Decodable>(_ type: T.Type, request: Request, limit: Int, pathMembers: [String: String] = [:]) async throws -> T {
        if request.uri.query.map({ !$0.isEmpty }) == true {
            throw HTTPFailure.invalid("\(request.method) \(request.uri.path) takes a JSON body and no query parameters")
        }
        var value = try await json(request, limit: limit)
        if !pathMembers.isEmpty, case .object(var members) = value {
            for (name, text) in pathMembers {
                guard members[name] == nil else { throw HTTPFailure.invalid("\(name) is given by the path; the body may not give it too") }
                members[name] = .string(text)
            }
            value = .object(members)
        }
        do {
            return try JSONValueDecoder(root: "body").decode(T.self, from: value)
        } catch {
            throw HTTPFailure(error)
        }
    }

    static func json(_ request: Request, limit: Int) async throws -> JSONValue {
        let bytes = try await self.bytes(request, limit: limit, what: "the body")
        guard !bytes.isEmpty else {
            throw HTTPFailure.invalid("\(request.method) \(request.uri.path) needs a JSON object body")
        }
        do {
            return try JSONParser.parseAcceptingZeroFractions(bytes)
        } catch {
            throw HTTPFailure.invalid("the body is not valid JSON: \(error.message) at byte \(error.offset)")
        }
    }

    /// The whole body, refused with 413 `too_large` past `limit` bytes: by
    /// its Content-Length before reading, or as it arrives.
    static func bytes(_ request: Request, limit: Int, what: String) async throws -> [UInt8] {
        let tooLarge = HTTPFailure(LedgerError(.too_large, "\(what) is over \(limit) bytes, this server's limit"))
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit { throw tooLarge }
        do {
            return Array(try await request.body.collect(upTo: limit).readableBytesView)
        } catch is NIOTooManyBytesError {
            throw tooLarge
        }
    }
}
