import Foundation
import JiazhouCore
import JiazhouPostgres
import JiazhouService
import JiazhouTesting
import Testing

/// A ledger on a PostgreSQL server across a network: TLS as libpq's
/// `sslmode` asks for it, against a real server with a certificate made
/// here by OpenSSL for `localhost` (and not for 127.0.0.1), which accepts
/// TCP logins only over TLS.
@Suite(.serialized, .timeLimit(.minutes(5))) struct PostgresTLSTests {
    /// The certificates and the two servers: one with TLS, one plain over TCP.
    final class Fixture: Sendable {
        let folder: String
        let tlsServer: PostgresServer
        let plainServer: PostgresServer
        /// The authority that signed the server's certificate, and one that did not.
        let authority: String
        let otherAuthority: String

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("jiazhou-tls-\(UUID().uuidString.prefix(8))").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            authority = folder + "/ca.pem"
            otherAuthority = folder + "/other-ca.pem"
            try Self.makeAuthority(folder + "/ca", subject: "Jiazhou Test CA")
            try Self.makeAuthority(folder + "/other-ca", subject: "Another CA")
            try "subjectAltName=DNS:localhost\n".write(toFile: folder + "/san.cnf", atomically: true, encoding: .utf8)
            try Self.openssl([
                "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", folder + "/server.key", "-out", folder + "/server.csr",
                "-subj", "/CN=localhost",
            ])
            try Self.openssl([
                "x509", "-req", "-in", folder + "/server.csr", "-CA", authority, "-CAkey", folder + "/ca.key", "-CAcreateserial", "-days", "2",
                "-extfile", folder + "/san.cnf", "-out", folder + "/server.pem",
            ])
            tlsServer = try PostgresServer.startPrivate(tcp: .init(certificateFile: folder + "/server.pem", keyFile: folder + "/server.key"))
            plainServer = try PostgresServer.startPrivate(tcp: .init())
        }

        private static func makeAuthority(_ path: String, subject: String) throws {
            try openssl([
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", path + ".key", "-out", path + ".pem",
                "-days", "2", "-subj", "/CN=\(subject)",
            ])
        }

        private static func openssl(_ arguments: [String]) throws {
            let result = try CommandRunner.run(arguments, executable: "/usr/bin/openssl")
            guard result.status == 0 else { throw FixtureError("openssl \(arguments.first ?? "") failed: \(result.stderr)") }
        }

        /// A new empty database on `server`, by name.
        func database(on server: PostgresServer) throws -> String {
            let url = try server.createDatabase()
            return URLComponents(string: url).map { String($0.path.dropFirst()) } ?? ""
        }
    }

    struct FixtureError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Started once for the suite; the servers' watchdogs stop them when the test process ends.
    private static let shared = Result { try Fixture() }

    private func fixture() throws -> Fixture { try Self.shared.get() }

    /// A ledger made and used at `url`: init, an award, a read and a verify.
    private func useLedger(at url: String) async throws {
        let key = FileManager.default.temporaryDirectory.appendingPathComponent("tls-\(UUID().uuidString).key").path
        defer { try? FileManager.default.removeItem(atPath: key) }
        let ledger = try await TestLedger.make(atPath: url, keyPath: key)
        let award = try await ledger.service.award(
            AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity()), actor: TestLedger.baiyangOffice, key: "over-tls")
        #expect(try ledger.service.account(AccountGetRequest(account: TestLedger.volunteer(1)), actor: TestLedger.root).earned == award.points)
        #expect(try ledger.service.verify(VerifyRequest(semantic: true), actor: TestLedger.root).ok)
    }

    private func refusal(at url: String) -> LedgerError? {
        do {
            _ = try LedgerService.openStore(path: url)
            return nil
        } catch { return error }
    }

    @Test func requireKeepsALedgerOverTLS() async throws {
        let fixture = try fixture()
        let database = try fixture.database(on: fixture.tlsServer)
        try await useLedger(at: fixture.tlsServer.tcpURL(database: database, host: "127.0.0.1", query: "sslmode=require"))
        // The server takes TCP logins only over TLS (hostssl): a plain one is refused, so the ledger above was encrypted.
        let plain = refusal(at: fixture.tlsServer.tcpURL(database: database, query: "sslmode=disable"))
        #expect(plain?.reason == .storage_unavailable)
        #expect(plain?.message.contains("pg_hba.conf") == true, "\(String(describing: plain))")
        #expect(plain?.message.contains("sslmode=require") == true)
        #expect(plain?.cause?.contains("no encryption") == true, "\(String(describing: plain))")
    }

    @Test func preferIsTheDefaultAndUsesTLSWhenOffered() async throws {
        let fixture = try fixture()
        let database = try fixture.database(on: fixture.tlsServer)
        try await useLedger(at: fixture.tlsServer.tcpURL(database: database))
    }

    @Test func verifyFullChecksTheAuthorityAndTheHostName() async throws {
        let fixture = try fixture()
        let database = try fixture.database(on: fixture.tlsServer)
        let trusted = "sslmode=verify-full&sslrootcert=\(fixture.authority)"
        try await useLedger(at: fixture.tlsServer.tcpURL(database: database, host: "localhost", query: trusted))

        // Signed by an authority the client does not trust.
        let untrusted = refusal(at: fixture.tlsServer.tcpURL(database: database, query: "sslmode=verify-full&sslrootcert=\(fixture.otherAuthority)"))
        #expect(untrusted?.reason == .storage_unavailable)
        #expect(untrusted?.message.contains("TLS handshake failed") == true, "\(String(describing: untrusted))")
        #expect(untrusted?.message.contains(fixture.otherAuthority) == true)

        // The certificate names localhost, not 127.0.0.1.
        let misnamed = refusal(at: fixture.tlsServer.tcpURL(database: database, host: "127.0.0.1", query: trusted))
        #expect(misnamed?.message.contains("TLS handshake failed") == true, "\(String(describing: misnamed))")
        #expect(misnamed?.message.contains("127.0.0.1") == true)
    }

    @Test func verifyCAChecksTheAuthorityButNotTheHostName() async throws {
        let fixture = try fixture()
        let database = try fixture.database(on: fixture.tlsServer)
        let url = fixture.tlsServer.tcpURL(database: database, host: "127.0.0.1", query: "sslmode=verify-ca&sslrootcert=\(fixture.authority)")
        try await useLedger(at: url)
        let untrusted = refusal(at: fixture.tlsServer.tcpURL(database: database, host: "127.0.0.1", query: "sslmode=verify-ca&sslrootcert=\(fixture.otherAuthority)"))
        #expect(untrusted?.message.contains("TLS handshake failed") == true, "\(String(describing: untrusted))")
    }

    @Test func requireWithARootCertificateChecksTheAuthorityAsLibpqDoes() throws {
        let fixture = try fixture()
        let database = try fixture.database(on: fixture.tlsServer)
        let untrusted = refusal(at: fixture.tlsServer.tcpURL(database: database, query: "sslmode=require&sslrootcert=\(fixture.otherAuthority)"))
        #expect(untrusted?.message.contains("TLS handshake failed") == true, "\(String(describing: untrusted))")
    }

    @Test func aServerWithoutTLSIsRefusedWhenTLSIsRequiredAndUsedPlainWhenPreferred() async throws {
        let fixture = try fixture()
        let database = try fixture.database(on: fixture.plainServer)
        let required = refusal(at: fixture.plainServer.tcpURL(database: database, query: "sslmode=require"))
        #expect(required?.reason == .storage_unavailable)
        #expect(required?.message.contains("does not offer TLS") == true, "\(String(describing: required))")
        #expect(required?.message.contains("sslmode=require") == true)
        try await useLedger(at: fixture.plainServer.tcpURL(database: database, query: "sslmode=prefer"))
    }

    @Test func theURLsTLSSettingsAreReadAsLibpqReadsThem() throws {
        let environment: [String: String] = [:]
        #expect(try PostgresLocation(url: "postgres://u@db.example/l", environment: environment).tlsMode == .prefer)
        #expect(try PostgresLocation(url: "postgres://u@db.example/l?sslmode=verify-full", environment: environment).tlsMode == .verifyFull)
        #expect(try PostgresLocation(url: "postgres://u@db.example/l", environment: ["PGSSLMODE": "require"]).tlsMode == .require)
        // The URL wins over the environment.
        #expect(try PostgresLocation(url: "postgres://u@db.example/l?sslmode=disable", environment: ["PGSSLMODE": "require"]).tlsMode == .disable)
        #expect(try PostgresLocation(url: "postgres://u@db.example/l?sslmode=require", environment: environment).description.hasSuffix("?sslmode=require"))

        for mode in ["allow", "on", "REQUIRE"] {
            let error = #expect(throws: LedgerError.self) { try PostgresLocation(url: "postgres://u@db.example/l?sslmode=\(mode)", environment: environment) }
            #expect(error?.reason == .invalid_request)
            #expect(error?.message.contains("verify-full") == true, "\(error?.message ?? "")")
        }
        let missing = #expect(throws: LedgerError.self) {
            try PostgresLocation(url: "postgres://u@db.example/l?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem", environment: environment)
        }
        #expect(missing?.message.contains("/nonexistent/ca.pem") == true)
    }

    @Test func aRootCertificateFileThatIsNotPEMIsRefusedClearly() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-ca-\(UUID().uuidString).pem").path
        try "not a certificate\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let fixture = try fixture()
        let error = refusal(at: fixture.tlsServer.tcpURL(database: "postgres", query: "sslmode=verify-full&sslrootcert=\(file)"))
        #expect(error?.reason == .invalid_request, "\(String(describing: error))")
        #expect(error?.message.contains("not a PEM file") == true)
    }
}
