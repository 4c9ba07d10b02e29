import Foundation
import JiazhouCore

/// Request lines for the end-to-end tests, and a reader for response lines.
enum Requests {
    static func line(id: Int, method: String, params: JSONValue) -> String {
        JSONValue.object(["jsonrpc": "2.0", "id": .integer(Int64(id)), "method": .string(method), "params": params]).canonicalText
    }

    static func openIssuer(id: Int) -> String {
        line(id: id, method: "account.open", params: [
            "actor": "operator:root", "key": "open-issuer", "account": "issuer:shizhong", "scope": "shizhong", "budget": 10_000_000,
        ])
    }

    static func openVolunteer(id: Int, _ n: Int) -> String {
        line(id: id, method: "account.open", params: [
            "actor": "operator:root", "key": .string("open-\(n)"), "account": .string(volunteer(n)), "scope": "shizhong/tongjiang/baiyang",
        ])
    }

    static func award(id: Int, _ n: Int, key: String) -> String {
        line(id: id, method: "award", params: [
            "actor": "operator:root", "key": .string(key), "volunteer": .string(volunteer(n)),
            "activity": [
                "id": .string("e2e-\(id / 100)"), "category": "environment", "minutes": 120, "start": "2026-11-23T08:30:00+08:00",
                "scope": "shizhong/tongjiang/baiyang",
            ],
        ])
    }

    static func accountGet(id: Int, _ n: Int) -> String {
        line(id: id, method: "account.get", params: ["actor": "operator:root", "account": .string(volunteer(n))])
    }

    static func volunteer(_ n: Int) -> String { "volunteer:V" + String(String(n + 1_000_000).dropFirst()) }

    /// A response line, parsed (ids may be any number, so numbers are kept as text).
    static func parse(_ line: String) throws -> JSONValue {
        try JSONParser.parseKeepingNumberText(Array(line.utf8))
    }
}
