import Foundation
import Hummingbird
import JiazhouCore

/// A GET route's request, from its path parameters and query: each value
/// typed by the request type's schema (`seq=12` is an integer because
/// `EntryGetRequest.seq` is one), then decoded by the decoder that decodes
/// JSON-RPC params, so both refuse the same things.
enum ParameterInput {
    /// `pathParameters` are the `{name}`s of `path`, worked out once per route.
    static func decode<T: Decodable>(
        _ type: T.Type, schema: Schema, path: String, pathParameters: [String], request: Request, context: LedgerRequestContext
    ) throws -> T {
        var members: [String: JSONValue] = [:]
        for name in pathParameters {
            members[name] = try typed(try pathText(name, context: context), name: name, in: schema)
        }
        let queryNames = schema.properties.map(\.name).filter { !pathParameters.contains($0) }
        let query = request.uri.query == nil ? [] : request.uri.queryParameters.map { (String($0.key), String($0.value)) }
        for (name, value) in query {
            guard queryNames.contains(name) else {
                let expected = queryNames.isEmpty ? "none" : queryNames.joined(separator: ", ")
                throw HTTPFailure.invalid("\(name.prefix(64)) is not a query parameter of \(request.method) \(path); expected \(expected)")
            }
            guard members[name] == nil else { throw HTTPFailure.invalid("the query parameter \(name) is given twice") }
            members[name] = try typed(value, name: name, in: schema)
        }
        do {
            return try JSONValueDecoder(root: "").decode(T.self, from: .object(members))
        } catch {
            throw HTTPFailure(error)
        }
    }

    /// The path parameter `name`, percent-decoded.
    static func pathText(_ name: String, context: LedgerRequestContext) throws -> String {
        guard let raw = context.parameters.get(name) else { throw HTTPFailure.invalid("the path needs {\(name)}") }
        // Hummingbird hands parameters over as written: an issuer's id carries its '/' as %2F.
        guard let text = raw.utf8.contains(UInt8(ascii: "%")) ? raw.removingPercentEncoding : String(raw) else {
            throw HTTPFailure.invalid("{\(name)} is not valid percent-encoded UTF-8")
        }
        return text
    }

    /// `text` as the JSON value the schema's member `name` takes.
    private static func typed(_ text: String, name: String, in schema: Schema) throws -> JSONValue {
        switch schema.properties.first(where: { $0.name == name })?.schema {
        case .integer?:
            // As in a JSON body: within ±2^53, so that the same number means the same in both.
            guard let number = Int64(text), Schema.jsonIntegers.contains(number) else {
                throw HTTPFailure.invalid("\(name) must be an integer within ±2^53, not \"\(text.prefix(64))\"")
            }
            return .integer(number)
        case .boolean?:
            guard let flag = Bool(text) else { throw HTTPFailure.invalid("\(name) must be true or false, not \"\(text.prefix(64))\"") }
            return .bool(flag)
        default:
            return .string(text)
        }
    }
}
