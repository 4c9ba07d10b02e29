import Hummingbird
import JiazhouCore
import JiazhouSheetAward

/// `/openapi.json`: an OpenAPI 3.1 description built from ``RouteTable``
/// (paths, parameters, bodies, results and errors), so that it describes
/// exactly what the router serves.
enum OpenAPIDocument {
    static func make(routes: [Route], version: String) -> JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        for route in routes {
            paths[route.path, default: [:]][route.method.rawValue.lowercased()] = operation(route)
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Jiazhou Points (嘉州积分)", "version": .string(version),
                "description": .string(
                    "A volunteer points ledger. Every operation is the service's, as over JSON-RPC (PROTOCOL.md), with the same request and result shapes. Writes are answered once durable; the Idempotency-Key header is the service's idempotency key. Errors are {\"error\":{\"reason\",\"message\"}} (and `rows` for a batch refused whole)."),
            ],
            "paths": .object(paths.mapValues { .object($0) }),
            "components": [
                "securitySchemes": [
                    "bearer": ["type": "http", "scheme": "bearer", "description": "A token from `jiazhou token create --principal P`; its principal is the acting principal."]
                ],
                "schemas": ["Error": errorSchema(sheet: SchemaRecorder.schema(of: SheetUploadResult.self).json), "JSONValue": Schema.jsonValue],
            ],
        ]
    }

    private static func operation(_ route: Route) -> JSONValue {
        var members: [String: JSONValue] = [
            "operationId": .string(route.operation), "summary": .string(route.summary),
            "security": route.access == .bearer ? [["bearer": []]] : [],
        ]
        var parameters: [JSONValue] = []
        switch route.input {
        case .none: break
        case .parameters(let schema):
            for property in schema.properties {
                let inPath = route.pathParameters.contains(property.name)
                parameters.append([
                    "name": .string(property.name), "in": .string(inPath ? "path" : "query"), "required": .bool(inPath || property.required),
                    "schema": property.schema.json,
                ])
            }
        case .body(let schema):
            // A path's {name}s are the request's members too, given by the path, not the body.
            let inPath = schema.properties.filter { route.pathParameters.contains($0.name) }
            for property in inPath {
                parameters.append(["name": .string(property.name), "in": "path", "required": true, "schema": property.schema.json])
            }
            let body = schema.keeping { !route.pathParameters.contains($0) }
            members["requestBody"] = ["required": true, "content": ["application/json": ["schema": body.json]]]
        case .sheet(let schema):
            for property in schema.properties {
                parameters.append(["name": .string(property.name), "in": "query", "required": .bool(property.required), "schema": property.schema.json])
            }
            let file: JSONValue = ["schema": ["type": "string", "format": "binary"]]
            members["requestBody"] = [
                "required": true, "description": "The sheet file's bytes, as saved (CSV or tab-separated text; the reader detects encoding and delimiter).",
                "content": ["text/csv": file, "text/tab-separated-values": file, "text/plain": file, "application/octet-stream": file],
            ]
        }
        if route.takesIdempotencyKey {
            parameters.append([
                "name": "Idempotency-Key", "in": "header", "required": false,
                "description": "The service's idempotency key: the same key with the same body returns the first result and writes nothing; with another body, 409 idempotency_conflict.",
                "schema": Schema.string(pattern: DomainPatterns.oneLine, length: 1...Limits.idempotencyKeyBytes).json,
            ])
        }
        if !parameters.isEmpty { members["parameters"] = .array(parameters) }
        var responses: [String: JSONValue] = ["200": success(route.output)]
        for failure in route.documentedFailures {
            responses[String(failure.status)] = errorResponse(failure.reasons, headers: headers(status: failure.status))
        }
        members["responses"] = .object(responses)
        return .object(members)
    }

    private static func success(_ output: Route.Output) -> JSONValue {
        switch output {
        case .json(let schema): ["description": "OK", "content": ["application/json": ["schema": schema.json]]]
        case .text(let type): ["description": "OK", "content": .object([type: ["schema": ["type": "string"]]])]
        case .report(let schema):
            [
                "description": "OK: JSON, or with `format=csv` or `format=xlsx` the report as an attachment",
                "content": .object(
                    ["application/json": ["schema": schema.json]].merging(
                        ReportFileFormat.allCases.map { ($0.contentType, ["schema": ["type": "string", "format": "binary"]] as JSONValue) },
                        uniquingKeysWith: { a, _ in a })),
            ]
        }
    }

    private static func errorResponse(_ reasons: [String], headers: [String: JSONValue] = [:]) -> JSONValue {
        var response: [String: JSONValue] = [
            "description": .string("error.reason: " + reasons.joined(separator: ", ")),
            "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]],
        ]
        if !headers.isEmpty { response["headers"] = .object(headers) }
        return .object(response)
    }

    /// The headers that come with an error status (RFC 6750 §3, RFC 9110 §10.2.3).
    private static func headers(status: Int) -> [String: JSONValue] {
        switch status {
        case 401: ["WWW-Authenticate": ["description": "Bearer realm=\"jiazhou\"", "schema": ["type": "string"]]]
        case 429, 503: ["Retry-After": ["description": "Seconds to wait before trying again.", "schema": ["type": "integer"]]]
        default: [:]
        }
    }

    /// The Error object; `sheet` is `POST /v1/sheets`' result, which a `sheet_invalid` refusal carries.
    private static func errorSchema(sheet: JSONValue) -> JSONValue {
        var sheet = sheet.objectValue ?? [:]
        sheet["description"] = "sheet_invalid: the sheet as read, with every problem (row, column, reason, message); nothing was written."
        return [
            "type": "object", "required": ["error"], "additionalProperties": false,
            "properties": [
                "error": [
                    "type": "object", "required": ["reason", "message"], "additionalProperties": false,
                    "properties": [
                        "reason": ["type": "string", "enum": .array((Reason.allCases.map(\.rawValue) + EdgeReason.allCases.map(\.rawValue)).map(JSONValue.string))],
                        "message": ["type": "string"],
                        "retry_after_seconds": ["description": "rate_limited: seconds to wait (also the Retry-After header).", "type": "integer"],
                        "sheet": .object(sheet),
                        "rows": [
                            "description": "A batch refused whole: each bad row, 1-based, with its volunteer, reason and message.",
                            "type": "array",
                            "items": [
                                "type": "object", "required": ["row", "volunteer", "reason", "message"], "additionalProperties": false,
                                "properties": [
                                    "row": ["type": "integer"], "volunteer": ["type": "string"],
                                    "reason": ["type": "string", "enum": .array(Reason.allCases.map { JSONValue.string($0.rawValue) })],
                                    "message": ["type": "string"],
                                ],
                            ],
                        ],
                    ],
                ]
            ],
        ]
    }
}
