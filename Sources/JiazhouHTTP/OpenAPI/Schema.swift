import JiazhouCore

/// The JSON shape of a request or result type, as learnt by
/// ``SchemaRecorder`` from its `Decodable` conformance: what the routes
/// decode and what `/openapi.json` describes are one and the same.
indirect enum Schema: Sendable, Equatable {
    case string(format: String? = nil, pattern: String? = nil)
    case enumeration([String])
    case integer
    case boolean
    /// Any JSON value (a ``JSONValue`` field: an entry, a profile, an explanation).
    case any
    case array(Schema)
    /// An object with exactly these members; unknown members are refused.
    case object([Property])

    struct Property: Sendable, Equatable {
        var name: String
        var schema: Schema
        var required: Bool
    }

    /// The members of an object schema, or none.
    var properties: [Property] {
        if case .object(let properties) = self { return properties }
        return []
    }

    /// As a JSON Schema (2020-12, the dialect of OpenAPI 3.1).
    var json: JSONValue {
        switch self {
        case .string(let format, let pattern):
            var members: [String: JSONValue] = ["type": "string"]
            if let format { members["format"] = .string(format) }
            if let pattern { members["pattern"] = .string(pattern) }
            return .object(members)
        case .enumeration(let values): return ["type": "string", "enum": .array(values.map(JSONValue.string))]
        case .integer: return ["type": "integer", "format": "int64"]
        case .boolean: return ["type": "boolean"]
        case .any: return [:]
        case .array(let element): return ["type": "array", "items": element.json]
        case .object(let properties):
            var members: [String: JSONValue] = [
                "type": "object", "additionalProperties": false,
                "properties": .object(Dictionary(uniqueKeysWithValues: properties.map { ($0.name, $0.schema.json) })),
            ]
            let required = properties.filter(\.required).map(\.name)
            if !required.isEmpty { members["required"] = .array(required.map(JSONValue.string)) }
            return .object(members)
        }
    }
}
