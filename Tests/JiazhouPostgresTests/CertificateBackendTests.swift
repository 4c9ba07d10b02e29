import Foundation
import JiazhouCore
import JiazhouService
import JiazhouStorage
import JiazhouTesting
import Testing

/// Certificates (志愿服务证明编号, SPEC §18) on SQLite and on PostgreSQL alike:
/// issued by whom may read the volunteer, fetched by number alone, kept as
/// the hash of the number and a statement that verifies by itself.
@Suite(.timeLimit(.minutes(5))) struct CertificateBackendTests {
    private func awarded(_ backend: Backend) async throws -> (TestLedger, Backend.Place) {
        let (ledger, place) = try await backend.ledger()
        for (n, minutes) in [(1, 120), (1, 90), (2, 60)] as [(Int, Int64)] {
            _ = try await ledger.service.award(
                AwardRequest(volunteer: TestLedger.volunteer(n), activity: TestLedger.activity("cleanup-\(n)-\(minutes)", minutes: minutes)),
                actor: TestLedger.baiyangOffice, key: nil)
        }
        return (ledger, place)
    }

    @Test(arguments: Backend.allCases)
    func anIssuedCertificateIsFetchedByItsNumberAndItsStatementVerifies(backend: Backend) async throws {
        let (ledger, place) = try await awarded(backend)
        defer { place.remove() }
        let issued = try await ledger.service.issueCertificate(CertificateIssueRequest(volunteer: TestLedger.volunteer(1)), actor: TestLedger.volunteer(1), key: nil)
        #expect(issued.office == LedgerService.defaultCertificateOffice)
        #expect(issued.volunteer == TestLedger.volunteer(1))
        #expect(issued.statement.minutes == 210 && issued.statement.profile == nil)
        #expect(issued.number.description.wholeMatch(of: /JZ(-[0-9A-HJKMNP-TV-Z]{4}){7}/) != nil)

        let fetched = try ledger.service.certificate(CertificateGetRequest(number: issued.number))
        #expect(fetched == issued)
        let report = StatementVerifier.verify(fetched.statement, verifierKey: ledger.service.verifierKey)
        #expect(report.ok, "\(report.problems)")
        // As typed from paper: lower case, no dashes, O for 0 and l for 1 read the same.
        let typed = String(issued.number.description.lowercased().filter { $0 != "-" }.map { $0 == "0" ? "o" : $0 == "1" ? "l" : $0 })
        #expect(try ledger.service.certificate(CertificateGetRequest(number: #require(CertificateNumber(typed: typed)))) == issued)
    }

    @Test(arguments: Backend.allCases)
    func aCertificateIsASnapshotThatStillVerifiesAfterLaterEntries(backend: Backend) async throws {
        let (ledger, place) = try await awarded(backend)
        defer { place.remove() }
        let issued = try await ledger.service.issueCertificate(CertificateIssueRequest(volunteer: TestLedger.volunteer(1)), actor: TestLedger.baiyangOffice, key: nil)
        _ = try await ledger.service.award(
            AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity("later", minutes: 30)), actor: TestLedger.baiyangOffice, key: nil)
        let fetched = try ledger.service.certificate(CertificateGetRequest(number: issued.number))
        #expect(fetched.statement.minutes == 210, "the statement of the moment it was issued")
        #expect(fetched.statement.size < (try ledger.service.info().size))
        #expect(StatementVerifier.verify(fetched.statement, verifierKey: ledger.service.verifierKey).ok)
    }

    @Test(arguments: Backend.allCases)
    func anUnknownNumberIsUnknownCertificate(backend: Backend) async throws {
        let (ledger, place) = try await awarded(backend)
        defer { place.remove() }
        let issued = try await ledger.service.issueCertificate(CertificateIssueRequest(volunteer: TestLedger.volunteer(1)), actor: TestLedger.root, key: nil)
        // One symbol changed: a well-formed number that was never issued.
        var characters = Array(issued.number.characters)
        characters[27] = characters[27] == "0" ? "1" : "0"
        let other = try #require(CertificateNumber(typed: String(characters)))
        #expect(refusal { try ledger.service.certificate(CertificateGetRequest(number: other)) } == .unknown_certificate)
    }

    @Test(arguments: Backend.allCases)
    func whoMayIssueIsWhoMayReadTheVolunteer(backend: Backend) async throws {
        let (ledger, place) = try await awarded(backend)
        defer { place.remove() }
        let request = CertificateIssueRequest(volunteer: TestLedger.volunteer(1))
        #expect(await refusal { try await ledger.service.issueCertificate(request, actor: TestLedger.volunteer(2), key: nil) } == .forbidden)
        #expect(await refusal { try await ledger.service.issueCertificate(request, actor: TestLedger.merchant, key: nil) } == .forbidden)
        #expect(await refusal { try await ledger.service.issueCertificate(request, actor: TestLedger.jiangbinOffice, key: nil) } == .forbidden)
        #expect(await refusal { try await ledger.service.issueCertificate(request, actor: TestLedger.volunteer(1), key: "again") } == .invalid_request)
        #expect(
            await refusal { try await ledger.service.issueCertificate(CertificateIssueRequest(volunteer: TestLedger.merchant), actor: TestLedger.root, key: nil) }
                == .invalid_request)
        #expect(
            await refusal {
                try await ledger.service.issueCertificate(CertificateIssueRequest(volunteer: TestLedger.volunteer(404)), actor: TestLedger.root, key: nil)
            } == .unknown_account)
        #expect(try ledger.service.store.read { try $0.count("certificates") } == 0, "no refusal left a row")
        _ = try await ledger.service.issueCertificate(request, actor: TestLedger.baiyangOffice, key: nil)
        _ = try await ledger.service.issueCertificate(request, actor: TestLedger.volunteer(1), key: nil)
        #expect(try ledger.service.store.read { try $0.count("certificates") } == 2)
    }

    @Test(arguments: Backend.allCases)
    func theStoredRowHoldsTheHashOfTheNumberNeverTheNumber(backend: Backend) async throws {
        let (ledger, place) = try await awarded(backend)
        defer { place.remove() }
        let issued = try await ledger.service.issueCertificate(CertificateIssueRequest(volunteer: TestLedger.volunteer(1)), actor: TestLedger.volunteer(1), key: nil)
        let hash = TreeHasher.sha256(Array(issued.number.description.utf8))
        let stored = try #require(try ledger.service.store.read { try $0.certificate(numberHash: hash) })
        #expect(stored.volunteer == TestLedger.volunteer(1) && stored.issuedBy == TestLedger.volunteer(1))
        #expect(stored.statement == (try JSONValueEncoder().encode(issued.statement).canonicalBytes))
        switch backend {
        case .sqlite:
            // The database's bytes on disk, log included: the number is nowhere in them.
            let bytes = [place.path, place.path + "-wal"].compactMap { FileManager.default.contents(atPath: $0) }.reduce(Data(), +)
            #expect(bytes.range(of: Data(hash.bytes)) != nil)
            #expect(bytes.range(of: Data(issued.number.description.utf8)) == nil)
            #expect(bytes.range(of: Data(issued.number.characters.utf8)) == nil)
        case .postgres:
            let server = try PostgresServer.shared()
            #expect(try server.psql(place.database, "SELECT encode(number_hash, 'hex') FROM certificates").trimmingCharacters(in: .whitespacesAndNewlines) == hash.hex)
            let holding = "SELECT count(*) FROM certificates c WHERE strpos(c::text, '\(issued.number.characters)') > 0 OR strpos(convert_from(statement, 'UTF8'), '\(issued.number.characters)') > 0"
            #expect(try server.psql(place.database, holding).trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        }
    }

    @Test(arguments: Backend.allCases)
    func theSchemaRefusesANumberHashOfTheWrongLength(backend: Backend) async throws {
        let (ledger, place) = try await awarded(backend)
        defer { place.remove() }
        let bad = "INSERT INTO certificates (number_hash, volunteer, issued, office, issued_by, statement) VALUES"
        switch backend {
        case .sqlite:
            let sql = "\(bad) (x'00', 'volunteer:V000001', 0, 'o', 'operator:root', x'7b7d');"
            #expect(try sqlite3(place.path, sql) != 0, "sqlite3 refuses the row")
        case .postgres:
            let sql = "\(bad) ('\\x00'::bytea, 'volunteer:V000001', 0, 'o', 'operator:root', '\\x7b7d'::bytea)"
            #expect(throws: (any Error).self) { try PostgresServer.shared().psql(place.database, sql) }
        }
        #expect(try ledger.service.store.read { try $0.count("certificates") } == 0)
    }
}

/// Runs `sql` with the sqlite3 shell on `path`; returns its exit status.
private func sqlite3(_ path: String, _ sql: String) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = [path, sql]
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
}
