import JiazhouCore
import JiazhouService
import JiazhouHTTP
import JiazhouTesting
import Testing

/// Request bodies as JSON, made from the service's own request types.
enum Body {
    static func of(_ value: some Encodable) -> JSONValue { try! JSONValueEncoder().encode(value) }

    static func award(_ volunteer: Int, activity: Activity = TestLedger.activity()) -> JSONValue {
        of(AwardRequest(volunteer: TestLedger.volunteer(volunteer), activity: activity))
    }

    static func reverse(_ seq: Int64, reason: String = "entered twice") -> JSONValue { of(ReverseRequest(seq: seq, reason: reason)) }
}

extension TestServer {
    /// Awards as the operator; returns the seq.
    func award(_ volunteer: Int, token: String, key: String? = nil, activity: Activity = TestLedger.activity()) async throws -> Int64 {
        let reply = try await send("POST", "/v1/awards", token: token, key: key, body: Body.award(volunteer, activity: activity))
        guard reply.status == 200, let seq = reply.json?["seq"]?.integerValue else { throw Unexpected(reply: reply) }
        return seq
    }
}

struct Unexpected: Error, CustomStringConvertible {
    let reply: HTTPReply
    var description: String { "unexpected \(reply.status): \(reply.text.prefix(300))" }
}

/// Runs `body` with a fresh server, and stops it however `body` ends.
func withServer(
    maxBodyBytes: Int = HTTPLimits.defaultMaxBodyBytes, maxSheetBytes: Int = HTTPLimits.defaultMaxSheetBytes,
    throttle: FailureThrottle.Policy = .authentication, readonly: Bool = false, _ body: (TestServer) async throws -> Void
) async throws {
    let server = try await TestServer.start(maxBodyBytes: maxBodyBytes, maxSheetBytes: maxSheetBytes, throttle: throttle, readonly: readonly)
    do {
        try await body(server)
    } catch {
        await server.stop()
        throw error
    }
    await server.stop()
}
