import Foundation
import JiazhouTesting
import Testing

@Suite struct CommandLineTests {
    @Test func initCreatesALedgerThatVerifiesAndShowsItsKey() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let created = try CommandRunner.run(["init", "--origin", "jiazhou.test/cli"], directory: directory)
        #expect(created.status == 0)
        #expect(created.stdout.contains("verifier key: jiazhou.test/cli+"))
        #expect(FileManager.default.fileExists(atPath: directory + "/jiazhou.sqlite"))
        let info = try CommandRunner.run(["info"], directory: directory)
        #expect(info.stdout.contains("size:         5"))
        let again = try CommandRunner.run(["init"], directory: directory)
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists"))
    }

    @Test func theDatabaseCanBeNamedByTheEnvironment() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try CommandRunner.run(["init"], directory: directory, environment: ["JIAZHOU_DB": "env.sqlite"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: directory + "/env.sqlite"))
        let balance = try CommandRunner.run(["balance", "sink:expired"], directory: directory, environment: ["JIAZHOU_DB": "env.sqlite"])
        #expect(balance.stdout.contains("balance: 0 points"))
    }

    @Test func aMissingLedgerIsAClearErrorNotACrash() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let outcome = try CommandRunner.run(["balance", "--db", "nowhere.sqlite", "volunteer:V000001"], directory: directory)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("no ledger at nowhere.sqlite"))
        #expect(outcome.stderr.contains("jiazhou init"))
    }

    @Test func aFileThatIsNotALedgerIsNamedAsSuch() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = FileManager.default.createFile(atPath: directory + "/photo.jpg", contents: Data(repeating: 0xFF, count: 4096))
        let outcome = try CommandRunner.run(["verify", "--db", "photo.jpg"], directory: directory)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("not a Jiazhou ledger") || outcome.stderr.contains("not a SQLite database"))
    }

    @Test func aMalformedAccountIsAUsageError() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try CommandRunner.run(["init"], directory: directory).status == 0)
        let outcome = try CommandRunner.run(["balance", "V000001"], directory: directory)
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains("V000001"))
        let unknown = try CommandRunner.run(["balance", "volunteer:V999999"], directory: directory)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("[unknown_account]"))
    }

    @Test func theDemoPlaysAWeekAndEndsVerified() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let seeds = RepositoryFiles.root().appendingPathComponent("seeds").path
        let outcome = try CommandRunner.run(["demo", "--db", directory + "/demo.sqlite", "--seeds", seeds], timeoutSeconds: 300)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("mistaken award"))
        #expect(outcome.stdout.contains("0 entries written"))
        #expect(outcome.stdout.contains("verify --semantic: ok"))
        #expect(try CommandRunner.run(["verify", "--db", directory + "/demo.sqlite", "--semantic"]).status == 0)
    }
}

/// ArgumentParser checks a command's declaration (e.g. two options with one
/// name) only when it runs; `--help` runs every command's check.
@Suite struct CommandDeclarationTests {
    @Test(arguments: [
        "init", "demo", "info", "verify", "balance", "history", "checkpoint", "prove", "verify-proof", "statement", "verify-statement", "audit",
        "export", "import", "bench", "bench ledger", "bench rpc", "bench proofs", "rpc", "rules", "rules expr", "rules check", "rules publish", "rules show", "rules eval", "award", "award import", "bench rules", "bench import", "bench expire", "bench suites", "backup", "expire",
    ])
    func everyCommandExplainsItself(command: String) throws {
        let outcome = try CommandRunner.run(command.split(separator: " ").map(String.init) + ["--help"])
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout.contains("USAGE: jiazhou \(command)"))
    }
}
