import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

@Suite struct StatementAuditTests {
    private func ledger() async throws -> TestLedger {
        let ledger = try await TestLedger.make(inFile: true)
        for i in 0..<6 {
            _ = try await ledger.service.award(
                AwardRequest(volunteer: TestLedger.volunteer(1 + i % 2), activity: TestLedger.activity("a\(i)", category: "home_visit")),
                actor: TestLedger.root, key: nil)
        }
        return ledger
    }

    @Test func aStatementAndItsCertificateCheckOffline() async throws {
        let ledger = try await ledger()
        defer { ledger.remove() }
        let directory = try #require(ledger.directory)
        let made = try CommandRunner.run(
            ["statement", "--db", try #require(ledger.path), "volunteer:V000001", "--with-profile", "--html", directory + "/cert.html"])
        #expect(made.status == 0, "\(made.stderr)")
        try Data(made.stdout.utf8).write(to: URL(fileURLWithPath: directory + "/statement.json"))
        let checked = try CommandRunner.run(["verify-statement", directory + "/statement.json", "--key", ledger.service.verifierKey])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.contains("ok: volunteer:V000001: 4 entries proven"))
        let html = try String(contentsOfFile: directory + "/cert.html", encoding: .utf8)
        #expect(html.contains("志愿服务证明"))
        #expect(html.contains("测试志愿者1"))
        #expect(html.contains("上门服务"))
        let tampered = made.stdout.replacingOccurrences(of: "\"earned\" : 90", with: "\"earned\" : 900")
        #expect(tampered != made.stdout)
        try Data(tampered.utf8).write(to: URL(fileURLWithPath: directory + "/statement.json"))
        let refused = try CommandRunner.run(["verify-statement", directory + "/statement.json", "--key", ledger.service.verifierKey])
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("FAILED: the entries give 90 points earned, not 900"))
    }

    /// `--issue` numbers the certificate: the number, office and date are on
    /// the paper and on stderr, the check link carries the number, and the
    /// number fetches the very statement printed.
    @Test func anIssuedCertificateCarriesItsNumberOfficeDateAndCheckLink() async throws {
        let ledger = try await ledger()
        defer { ledger.remove() }
        let directory = try #require(ledger.directory), path = try #require(ledger.path)
        let made = try CommandRunner.run(
            ["statement", "--db", path, "volunteer:V000002", "--issue", "--check-link", "https://points.example/", "--html", directory + "/cert.html"])
        #expect(made.status == 0, "\(made.stderr)")
        let number = try #require(made.stderr.firstMatch(of: /certificate (JZ-[0-9A-Z-]+) issued by/)?.1)
        let fetched = try ledger.service.certificate(CertificateGetRequest(number: try #require(CertificateNumber(typed: String(number)))))
        #expect(fetched.volunteer.text == "volunteer:V000002")
        let printed = try JSONDecoder().decode(Statement.self, from: Data(made.stdout.utf8))
        #expect(printed == fetched.statement)
        #expect(made.stderr.contains("check link: https://points.example/#check=\(number)"))
        let html = try String(contentsOfFile: directory + "/cert.html", encoding: .utf8)
        for expected in ["开具单位", LedgerService.defaultCertificateOffice, "证明编号", String(number), "https://points.example/#check=\(number)", "<svg"] {
            #expect(html.contains(expected), "\(expected)")
        }
        #expect(html.contains("开具日期</dt><dd>\(fetched.issued.format(offsetMinutes: 480).prefix(10))</dd>"))

        let personal = try CommandRunner.run(["statement", "--db", path, "volunteer:V000002", "--issue", "--with-profile"])
        #expect(personal.status != 0)
        #expect(personal.stderr.contains("leave out --with-profile"), "\(personal.stderr)")
        let linkAlone = try CommandRunner.run(["statement", "--db", path, "volunteer:V000002", "--check-link", "https://points.example"])
        #expect(linkAlone.status != 0)
        #expect(linkAlone.stderr.contains("--check-link needs --issue"), "\(linkAlone.stderr)")
    }

    @Test func anAuditorSeesTheLogOnlyGrew() async throws {
        let ledger = try await ledger()
        defer { ledger.remove() }
        let path = try #require(ledger.path), seen = try #require(ledger.directory) + "/seen.txt"
        try Data(try ledger.service.checkpoint(CheckpointGetRequest()).note.utf8).write(to: URL(fileURLWithPath: seen))
        for i in 0..<5 {
            _ = try await ledger.service.award(AwardRequest(volunteer: TestLedger.volunteer(3), activity: TestLedger.activity("b\(i)")), actor: TestLedger.root, key: nil)
        }
        let audit = try CommandRunner.run(["audit", "--db", path, "--from", seen, "--verifier-key", ledger.service.verifierKey, "--update"])
        #expect(audit.status == 0, "\(audit.stdout)\(audit.stderr)")
        #expect(audit.stdout.contains("ok: the log only grew, from 24 to 29 entries"))
        #expect(try Checkpoint(body: SignedNote(parsing: String(contentsOfFile: seen, encoding: .utf8)).text).size == 29)
    }

    @Test func anAuditorCatchesRewrittenHistoryEvenSignedWithTheRightKey() async throws {
        let ledger = try await ledger()
        defer { ledger.remove() }
        let path = try #require(ledger.path), directory = try #require(ledger.directory)
        try Data(try ledger.service.checkpoint(CheckpointGetRequest()).note.utf8).write(to: URL(fileURLWithPath: directory + "/seen.txt"))
        // The operator, holding the key, rebuilds the ledger without its last two awards and goes on.
        let export = try CommandRunner.run(["export", "--db", path]).stdout.split(separator: "\n").dropLast(2).joined(separator: "\n") + "\n"
        let rewritten = directory + "/rewritten.sqlite"
        #expect(try CommandRunner.run(["import", "--db", rewritten, "--from-key", path + ".key"], stdin: Data(export.utf8)).status == 0)
        let forger = try LedgerService.open(path: rewritten)
        for i in 0..<5 {
            _ = try await forger.award(AwardRequest(volunteer: TestLedger.volunteer(4), activity: TestLedger.activity("f\(i)", scope: TestLedger.jiangbin)), actor: TestLedger.root, key: nil)
        }
        let audit = try CommandRunner.run(["audit", "--db", rewritten, "--from", directory + "/seen.txt", "--verifier-key", ledger.service.verifierKey])
        #expect(audit.status == 1)
        #expect(audit.stdout.contains("history was rewritten"))
    }
}
