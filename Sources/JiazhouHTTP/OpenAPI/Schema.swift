import JiazhouCore

/// The JSON shape of a request or result type, as learnt by
/// ``SchemaRecorder`` from its `Decodable` conformance: what the routes
/// decode and what `/openapi.json` describes are one and the same. The
/// bounds a type's validation enforces beyond its members' types (ranges,
/// lengths, counts, which members an account's kind takes) are stated by
/// the type through ``SchemaConstraining`` and carried here.
indirect enum Schema: Sendable, Equatable {
    /// `length` is in UTF-8 bytes, as the service counts; JSON Schema's
    /// minLength/maxLength count characters, which agree in ASCII.
    case string(format: String? = nil, pattern: String? = nil, length: ClosedRange<Int>? = nil)
    case enumeration([String])
    case integer(ClosedRange<Int64>? = nil)
    case boolean
    /// Any JSON value (a ``JSONValue`` field: an entry, a profile, an explanation).
    case any
    /// Any JSON object.
    case anyObject
    /// `unique`: no two elements alike.
    case array(Schema, count: ClosedRange<Int>? = nil, unique: Bool = false)
    /// An object with exactly these members; unknown members are refused.
    case object([Property])
    /// Exactly one of these shapes: an object whose id's kind decides its members.
    case oneOf([Schema])

    /// The integers JSON carries exactly, all that ``JSONParser`` (and a query's
    /// integer) takes: ±``Limits/maxSafeInteger``.
    static let jsonIntegers = -Int64(Limits.maxSafeInteger)...Int64(Limits.maxSafeInteger)

    struct Property: Sendable, Equatable {
        var name: String
        var schema: Schema
        var required: Bool
    }

    /// The members of an object schema (of every shape, for ``oneOf``), or none.
    var properties: [Property] {
        switch self {
        case .object(let properties): return properties
        case .oneOf(let shapes):
            var seen: [Property] = []
            for property in shapes.flatMap(\.properties) where !seen.contains(where: { $0.name == property.name }) { seen.append(property) }
            return seen
        default: return []
        }
    }

    /// As a JSON Schema (2020-12, the dialect of OpenAPI 3.1).
    var json: JSONValue {
        switch self {
        case .string(let format, let pattern, let length):
            var members: [String: JSONValue] = ["type": "string"]
            if let format { members["format"] = .string(format) }
            if let pattern { members["pattern"] = .string(pattern) }
            if let length {
                // The service counts UTF-8 bytes; JSON Schema counts characters, the same in ASCII.
                members["minLength"] = .integer(Int64(length.lowerBound))
                members["maxLength"] = .integer(Int64(length.upperBound))
                members["description"] = .string("\(length.lowerBound)–\(length.upperBound) bytes of UTF-8 (characters, in ASCII)")
            }
            return .object(members)
        case .enumeration(let values): return ["type": "string", "enum": .array(values.map(JSONValue.string))]
        case .integer(let range):
            var members: [String: JSONValue] = ["type": "integer", "format": "int64"]
            if let range {
                members["minimum"] = .integer(range.lowerBound)
                members["maximum"] = .integer(range.upperBound)
            }
            return .object(members)
        case .boolean: return ["type": "boolean"]
        case .any: return [:]
        case .anyObject: return ["type": "object", "additionalProperties": ["$ref": .string(Self.jsonValueReference)]]
        case .array(let element, let count, let unique):
            var members: [String: JSONValue] = ["type": "array", "items": element.json]
            if unique { members["uniqueItems"] = true }
            if let count {
                members["minItems"] = .integer(Int64(count.lowerBound))
                members["maxItems"] = .integer(Int64(count.upperBound))
            }
            return .object(members)
        case .object(let properties):
            var members: [String: JSONValue] = [
                "type": "object", "additionalProperties": false,
                "properties": .object(Dictionary(uniqueKeysWithValues: properties.map { ($0.name, $0.required ? $0.schema.json : Self.orNull($0.schema.json)) })),
            ]
            let required = properties.filter(\.required).map(\.name)
            if !required.isEmpty { members["required"] = .array(required.map(JSONValue.string)) }
            return .object(members)
        case .oneOf(let shapes): return ["oneOf": .array(shapes.map(\.json))]
        }
    }

    /// Where ``jsonValue`` is, among the document's components.
    static let jsonValueReference = "#/components/schemas/JSONValue"

    /// Any JSON value a request may carry: numbers are integers within
    /// ±2^53 (``JSONParser`` refuses the rest), at any depth.
    static var jsonValue: JSONValue {
        let reference: JSONValue = ["$ref": .string(jsonValueReference)]
        return [
            "anyOf": [
                ["type": ["string", "boolean", "null"]], Schema.integer(jsonIntegers).json, ["type": "array", "items": reference],
                ["type": "object", "additionalProperties": reference],
            ]
        ]
    }

    /// `schema`, or null: an optional member may be given as null, which the
    /// decoders read as absent (`decodeIfPresent`).
    static func orNull(_ schema: JSONValue) -> JSONValue {
        guard var members = schema.objectValue, !members.isEmpty else { return schema }
        if let type = members["type"]?.stringValue, members["enum"] == nil {
            members["type"] = [.string(type), "null"]
            return .object(members)
        }
        return ["anyOf": [schema, ["type": "null"]]]
    }

    /// Only the members named, for a body whose other members come from the path.
    func keeping(_ keep: (String) -> Bool) -> Schema {
        switch self {
        case .object(let properties): .object(properties.filter { keep($0.name) })
        case .oneOf(let shapes): .oneOf(shapes.map { $0.keeping(keep) })
        default: self
        }
    }
}
