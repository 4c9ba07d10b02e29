import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// Ledger/SPEC.md §11.1 "Tamper matrix" on PostgreSQL's tables: the rows
/// SQLite's matrix runs (``TamperMatrix``), each edit on its own copy of a
/// real ledger database (`CREATE DATABASE … TEMPLATE`), made with psql as the
/// superuser with foreign keys switched off (`session_replication_role =
/// replica`), as someone who owns the server could. CHECK constraints stay
/// on, as they do on SQLite.
@Suite(.timeLimit(.minutes(10))) struct PostgresTamperMatrixTests {
    static let template = Template()

    /// The template database, made once; each row copies it.
    actor Template {
        private var made: Task<String, any Error>?
        /// `CREATE DATABASE … TEMPLATE` refuses while another copy is made from it.
        private var copying = false

        func name() async throws -> String {
            if made == nil { made = Task { try await Template.make() } }
            return try await made!.value
        }

        private static func make() async throws -> String {
            let server = try PostgresServer.shared()
            let url = try server.createDatabase("tamper_template")
            let folder = try CommandRunner.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try await TamperMatrix.makeTemplate(path: url, keyPath: folder + "/ledger.key")
            let name = try #require(URLComponents(string: url)).path.dropFirst()
            // A template may have no sessions: the ones the template's service left idle are ended.
            try server.psql("postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(name)'")
            return String(name)
        }

        /// A new database copied from the template; returns its URL.
        func copy() async throws -> String {
            let template = try await name()
            while copying { await Task.yield() }
            copying = true
            defer { copying = false }
            let server = try PostgresServer.shared()
            let copy = "tamper_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
            try server.psql("postgres", "CREATE DATABASE \(copy) TEMPLATE \(template)")
            return server.url(database: copy)
        }
    }

    @Test(arguments: TamperMatrix.rows) func aDirectEditHasItsDocumentedOutcome(_ row: TamperMatrix.Row) async throws {
        let url = try await Self.template.copy()
        let database = String(try #require(URLComponents(string: url)).path.dropFirst())
        let sql = TamperMatrix.postgresSQL(row.sql)
        let tag = try PostgresServer.shared().psql(database, "SET session_replication_role = replica; \(sql)")
        // psql prints the command's tag ("UPDATE 1", "DELETE 2"): an edit that matched no row tests nothing.
        let changed = tag.split(separator: "\n").last.flatMap { $0.split(separator: " ").last }.flatMap { Int($0) }
        #expect((changed ?? 0) > 0, "the edit changed nothing: \(sql) → \(tag)")
        let outcome = Result<VerifyReport, any Error> { try LedgerService.verify(store: LedgerService.openStore(path: url, readonly: true), semantic: false) }
        if let mismatch = row.outcome.mismatch(outcome) { Issue.record(Comment(rawValue: mismatch)) }
        _ = try? PostgresServer.shared().psql("postgres", "DROP DATABASE \(database) WITH (FORCE)")
    }
}
