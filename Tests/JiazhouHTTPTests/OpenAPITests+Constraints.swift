import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// The document states the bounds the service enforces, with the service's
/// own constants, and the service holds to them: a value the document
/// calls valid at its boundary is taken, one past it is refused with 400.
extension OpenAPITests {
    @Test func historyLimitIsDocumentedAsTheServiceEnforcesIt() async throws {
        try await withServer { server in
            let limit = server.contract.parameter("limit", of: "get", "/v1/accounts/{account}/history")
            #expect(limit?["minimum"] == 1)
            #expect(limit?["maximum"] == .integer(Int64(Limits.historyPage)))
            let token = try server.token(TestLedger.root)
            let path = "/v1/accounts/volunteer:V000001/history?limit="
            #expect(try await server.send("GET", path + "1", token: token).status == 200)
            #expect(try await server.send("GET", path + "\(Limits.historyPage)", token: token).status == 200)
            #expect(try await server.send("GET", path + "0", token: token).status == 400)
            #expect(try await server.send("GET", path + "\(Limits.historyPage + 1)", token: token).status == 400)
        }
    }

    @Test func batchParticipantsAndActivityMinutesCarryTheirBounds() async throws {
        try await withServer { server in
            let batch = server.contract.requestBody("post", "/v1/awards/batch")
            for shape in batch?["oneOf"]?.arrayValue ?? [] {
                #expect(shape["properties"]?["participants"]?["minItems"] == 1)
                #expect(shape["properties"]?["participants"]?["maxItems"] == .integer(Int64(Limits.batchParticipants)))
            }
            #expect(batch?["oneOf"]?.arrayValue?.count == 2)
            let minutes = server.contract.requestBody("post", "/v1/awards")?["properties"]?["activity"]?["properties"]?["minutes"]
            #expect(minutes?["minimum"] == 1)
            #expect(minutes?["maximum"] == .integer(Limits.minutesPerActivity))

            let token = try server.token(TestLedger.root)
            let longest = try await server.send("POST", "/v1/awards/evaluate", token: token, body: Body.award(1, activity: TestLedger.activity(minutes: Limits.minutesPerActivity)))
            #expect(longest.status == 200, "\(longest.text)")
            let tooLong = try await server.send("POST", "/v1/awards/evaluate", token: token, body: Body.award(1, activity: TestLedger.activity(minutes: Limits.minutesPerActivity + 1)))
            #expect(tooLong.status == 400)
            let empty = AwardBatchRequest(activity: BatchActivity(id: "b", category: "environment", minutes: 60, start: "2026-11-23T08:30:00+08:00", scope: TestLedger.baiyang), participants: [])
            #expect(try await server.send("POST", "/v1/awards/batch", token: token, body: Body.of(empty)).status == 400)
        }
    }

    /// The id pattern and ``AccountID/init(_:)`` agree, at the lengths where they could part.
    @Test func theAccountIdPatternAcceptsWhatTheParserAccepts() async throws {
        try await withServer { server in
            let pattern = try #require(server.contract.parameter("account", of: "get", "/v1/accounts/{account}")?["pattern"]?.stringValue)
            let maxLength = server.contract.parameter("account", of: "get", "/v1/accounts/{account}")?["maxLength"]?.integerValue
            #expect(maxLength == Int64(Limits.accountIDBytes))
            let longestVolunteer = "volunteer:" + String(repeating: "a", count: Limits.accountIDBytes - 10)
            let deepIssuer = "issuer:" + Array(repeating: "a", count: Scope.maxDepth).joined(separator: "/")
            let samples = [
                "volunteer:V000001", "merchant:jiulongxiang-cafe", "issuer:shizhong/tongjiang", "operator:root", "sink:settled", longestVolunteer,
                longestVolunteer + "a", "coordinator:" + String(repeating: "b", count: AccountID.maxNameBytes), deepIssuer, deepIssuer + "/a",
                "volunteer:a/b", "volunteer:", "Volunteer:x", "issuer:Shizhong", "issuer:a//b", "volunteer:x\n", "volunteer:志愿者", "merchant:a b",
                "issuer:" + String(repeating: "a", count: Scope.maxSegmentBytes + 1),
            ]
            for sample in samples {
                let parses = (try? AccountID(sample)) != nil
                let documented = matches(pattern, sample) && sample.count <= maxLength.map(Int.init) ?? .max
                #expect(documented == parses, "\(sample): pattern \(documented), parser \(parses)")
            }
            #expect(matches(pattern, "volunteer:V000001"))
            #expect(!matches(pattern, "volunteer:a/b"))
        }
    }

    /// Every time the pattern admits is one ``Timestamp`` reads; the pattern is a safe subset.
    @Test func theActivityStartPatternAdmitsOnlyTimesTheParserReads() async throws {
        try await withServer { server in
            let start = server.contract.requestBody("post", "/v1/awards")?["properties"]?["activity"]?["properties"]?["start"]
            let pattern = try #require(start?["pattern"]?.stringValue)
            let admitted = [
                "2026-11-23T08:30:00+08:00", "1971-01-01T00:00:00-23:59", "9999-12-31T23:59:59.999Z", "2026-02-28T00:00:00.5Z", "2026-04-30T12:00:00Z",
            ]
            for time in admitted {
                #expect(matches(pattern, time), "\(time)")
                #expect(Timestamp(rfc3339: time) != nil, "\(time)")
            }
            for refused in ["2026-04-31T12:00:00Z", "1969-12-31T23:59:59Z", "2026-11-23 08:30:00Z", "2026-11-23T24:00:00Z", "2026-11-23T08:30:00"] {
                #expect(!matches(pattern, refused), "\(refused)")
                #expect(Timestamp(rfc3339: refused) == nil, "\(refused)")
            }
        }
    }

    /// A budget belongs to issuers only, and an issuer's scope is its name: the shapes say so.
    @Test func accountOpeningIsOneShapePerKind() async throws {
        try await withServer { server in
            let shapes = server.contract.requestBody("post", "/v1/accounts")?["oneOf"]?.arrayValue ?? []
            #expect(shapes.count == 2)
            let issuer = try #require(shapes.first { $0["properties"]?["budget"] != nil })
            let issuerPattern = try #require(issuer["properties"]?["account"]?["pattern"]?.stringValue)
            #expect(matches(issuerPattern, "issuer:shizhong"))
            #expect(!matches(issuerPattern, "merchant:M001"))
            #expect(issuer["properties"]?["scope"] == nil)
            let others = try #require(shapes.first { $0["properties"]?["budget"] == nil })
            #expect(others["required"]?.arrayValue?.contains("scope") == true)

            let token = try server.token(TestLedger.root)
            let issuerOnly = try await server.send("POST", "/v1/accounts", token: token, body: ["account": "issuer:shizhong/tongjiang/jiangbin/g02", "budget": 100])
            #expect(issuerOnly.status == 200, "\(issuerOnly.text)")
            let budgeted = try await server.send("POST", "/v1/accounts", token: token, body: ["account": "merchant:M002", "scope": "shizhong", "budget": 100])
            #expect(budgeted.status == 400)
            #expect(try await server.send("POST", "/v1/accounts", token: token, body: ["account": "merchant:M002"]).status == 400)
        }
    }

    /// Whether `text` matches as JSON Schema matches (ECMA-262, unanchored):
    /// there `$` is the end of the text, where in ICU it is also before a final newline.
    private func matches(_ pattern: String, _ text: String) -> Bool {
        let pattern = pattern.hasSuffix("$") ? pattern.dropLast() + "\\z" : pattern
        guard let regex = try? NSRegularExpression(pattern: pattern) else {
            Issue.record("not a regular expression: \(pattern)")
            return false
        }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}

extension APIContract {
    func parameter(_ name: String, of method: String, _ path: String) -> JSONValue? {
        document["paths"]?[path]?[method]?["parameters"]?.arrayValue?.first { $0["name"]?.stringValue == name }?["schema"]
    }

    func requestBody(_ method: String, _ path: String) -> JSONValue? {
        document["paths"]?[path]?[method]?["requestBody"]?["content"]?["application/json"]?["schema"]
    }
}
