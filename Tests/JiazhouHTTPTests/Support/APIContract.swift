import Foundation
import JiazhouCore
import Testing

/// What `/openapi.json` promises, checked against what the server does.
struct APIContract: Sendable {
    let document: JSONValue

    init(document: JSONValue) { self.document = document }

    /// The documented operations: path template → method (lowercase) → operation object.
    var operations: [(path: String, method: String, operation: JSONValue)] {
        (document["paths"]?.objectValue ?? [:]).flatMap { path, methods in
            (methods.objectValue ?? [:]).map { (path, $0.key, $0.value) }
        }
    }

    /// The template a concrete path matches (`/v1/entries/12/proof` → `/v1/entries/{seq}/proof`).
    func template(for path: String) -> String? {
        let segments = Self.segments(path)
        return operations.map(\.path).first { template in
            let parts = Self.segments(template)
            return parts.count == segments.count && zip(parts, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }
    }

    private static func segments(_ path: String) -> [String] {
        String(path.split(separator: "?", maxSplits: 1).first ?? "").split(separator: "/").map(String.init)
    }

    /// The status must be documented for the route; a JSON 200 must fit its schema, an error the Error schema.
    func check(method: String, path: String, reply: HTTPReply, sourceLocation: SourceLocation) {
        guard let template = template(for: path), let operation = document["paths"]?[template]?[method.lowercased()] else {
            // No such route: only the edge's own answers are allowed.
            #expect(["not_found", "method_not_allowed"].contains(reply.reason ?? ""), "\(method) \(path) is undocumented but answered \(reply.status)", sourceLocation: sourceLocation)
            return
        }
        guard let response = operation["responses"]?[String(reply.status)] else {
            Issue.record("\(method) \(template) answered \(reply.status) \(reply.text.prefix(200)), which /openapi.json does not document", sourceLocation: sourceLocation)
            return
        }
        for header in (response["headers"]?.objectValue ?? [:]).keys {
            #expect(reply.header(header) != nil, "\(method) \(template) \(reply.status) documents the header \(header)", sourceLocation: sourceLocation)
        }
        guard let content = response["content"]?.objectValue else { return }
        // The reply's media type must be one the response documents (a report is JSON, CSV or .xlsx).
        let mediaType = (reply.header("Content-Type") ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard content.keys.contains(where: { $0.split(separator: ";").first.map(String.init) == mediaType }) else {
            Issue.record("\(method) \(template) \(reply.status) answered \(mediaType), not one of \(content.keys.sorted())", sourceLocation: sourceLocation)
            return
        }
        guard mediaType == "application/json" else { return }
        guard let schema = content["application/json"]?["schema"], let body = reply.json else {
            Issue.record("\(method) \(template) answered \(reply.status) without a JSON body", sourceLocation: sourceLocation)
            return
        }
        for problem in SchemaCheck(document: document).problems(body, schema, at: "body") {
            Issue.record("\(method) \(template) \(reply.status): \(problem)", sourceLocation: sourceLocation)
        }
    }
}

/// A small JSON Schema checker: the keywords `/openapi.json` uses (type,
/// properties, required, additionalProperties, items, enum, pattern, $ref).
struct SchemaCheck {
    let document: JSONValue

    func problems(_ value: JSONValue, _ schema: JSONValue, at path: String) -> [String] {
        if let reference = schema["$ref"]?.stringValue {
            let target = reference.dropFirst(2).split(separator: "/").reduce(document) { $0[String($1)] ?? .null }
            return problems(value, target, at: path)
        }
        var found: [String] = []
        if let type = schema["type"]?.stringValue, !Self.matches(value, type: type) {
            return ["\(path) is \(value.typeName), the document says \(type)"]
        }
        if let values = schema["enum"]?.arrayValue, !values.contains(value) { found.append("\(path) = \(value) is not among \(values.count) documented values") }
        if let pattern = schema["pattern"]?.stringValue, let text = value.stringValue, text.range(of: pattern, options: .regularExpression) == nil {
            found.append("\(path) \"\(text)\" does not match \(pattern)")
        }
        if case .object(let members) = value {
            let properties = schema["properties"]?.objectValue ?? [:]
            for required in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[required] == nil {
                found.append("\(path).\(required) is required but missing")
            }
            for (name, member) in members {
                if let property = properties[name] {
                    found += problems(member, property, at: "\(path).\(name)")
                } else if schema["additionalProperties"] == .bool(false) {
                    found.append("\(path).\(name) is not documented")
                }
            }
        }
        if case .array(let items) = value, let itemSchema = schema["items"] {
            for (index, item) in items.enumerated() { found += problems(item, itemSchema, at: "\(path)[\(index)]") }
        }
        return found
    }

    static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("integer", .integer), ("boolean", .bool), ("null", .null): true
        default: false
        }
    }
}
