import Foundation
import JiazhouCore
import JiazhouHTTP
import JiazhouService
import Logging
import NIOCore

/// `jiazhou demo --serve`: the demo ledger served on loopback, with one
/// sign-in link for each kind of user, so that a newcomer sees every page
/// in a browser after one command.
struct DemoServer {
    var path: String
    var world: DemoWorld
    var volunteer: AccountID?

    func run(port: Int) async throws {
        // Opened again with the system clock: the demo's own service keeps
        // the simulated week's time, and codes must expire in real minutes.
        let logger = Logger(label: "jiazhou.demo")
        let service = try LedgerService.open(path: path, logger: logger)
        let tokens = BearerTokens(service: service)
        let people: [(String, AccountID?)] = [
            ("志愿者 volunteer  ", volunteer ?? world.volunteers.first?.id), ("商户 merchant    ", world.merchants.first?.id),
            ("社区 coordinator ", world.coordinators.first?.id), ("管理员 operator  ", AccountID.rootOperator),
        ]
        var links: [(String, AccountID, String)] = []
        for case let (label, principal?) in people {
            links.append((label, principal, try tokens.issue(principal: principal, expires: nil).token))
        }
        let signIns = links
        let server = HTTPServer(service: service, configuration: .init(host: "127.0.0.1", port: port), logger: logger)
        try await server.runUntilSignalled { address in
            let base = "http://127.0.0.1:\(address.port ?? port)"
            var lines = ["\nserving the demo at \(base) (Ctrl-C stops); open a link on this machine:"]
            for (label, principal, token) in signIns {
                lines.append("  \(label) \(SignInLink.make(base: base, token: token))   (\(principal))")
            }
            lines.append("  公开核验 public      \(base)/#public")
            print(lines.joined(separator: "\n"))
            // Flushed at once (nil: every stream): whoever waits for the links, a person or a test, sees them now.
            fflush(nil)
        }
    }
}
