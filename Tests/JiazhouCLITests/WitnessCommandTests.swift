import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// The built binary end to end: two `jiazhou witness serve`, a `jiazhou serve
/// --witness …` that submits to both, and `verify-statement
/// --min-witnesses` over what they cosigned (SPEC §16).
@Suite(.timeLimit(.minutes(3)))
struct WitnessCommandTests {
    @Test func twoWitnessesCosignAServedLedgerAndVerifyStatementRequiresThem() async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        let directory = try #require(ledger.directory), path = try #require(ledger.path)
        for n in 0..<3 {
            _ = try await ledger.service.award(AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity("w\(n)")), actor: TestLedger.root, key: nil)
        }
        var keys: [String] = []
        var witnesses: [ChildProcess] = []
        var urls: [String] = []
        for n in 1...2 {
            let made = try CommandRunner.run(["witness", "init", "--key", "\(directory)/w\(n).key", "--name", "witness.test/w\(n)"])
            #expect(made.status == 0, "\(made.stderr)")
            let key = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try CosignatureVerifier(verifierKey: key).name == "witness.test/w\(n)")
            let mode = try FileManager.default.attributesOfItem(atPath: "\(directory)/w\(n).key")[.posixPermissions] as? Int
            #expect(mode == 0o600)
            keys.append(key)
            let witness = try ChildProcess([
                "witness", "serve", "--key", "\(directory)/w\(n).key", "--state", "\(directory)/w\(n).sqlite", "--port", "0",
                "--log", "\(ledger.service.origin)=\(ledger.service.verifierKey)", "--log-level", "warning",
            ])
            let bound = try #require(witness.waitForStderr(matching: #"listening on http://127\.0\.0\.1:[0-9]+"#, timeoutSeconds: 60), "\(witness.stderr)")
            urls.append("http://" + bound.split(separator: "/").last!)
            witnesses.append(witness)
        }
        // Refuses to overwrite a key.
        #expect(try CommandRunner.run(["witness", "init", "--key", "\(directory)/w1.key", "--name", "x.test/w"]).status != 0)

        let serve = try ChildProcess([
            "serve", "--db", path, "--port", "0", "--log-level", "warning", "--witness-poll", "0.05",
            "--witness", "\(urls[0])=\(keys[0])", "--witness", "\(urls[1])=\(keys[1])",
        ])
        #expect(serve.waitForStderr(matching: "listening on", timeoutSeconds: 60) != nil, "\(serve.stderr)")
        let size = try ledger.service.latestCheckpointSize()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, try ledger.service.info().witnesses?.filter({ $0.size == size }).count != 2 {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(try ledger.service.info().witnesses?.map(\.size) == [size, size], "\(serve.stderr)")
        serve.send(signal: SIGTERM)
        #expect(serve.waitForExit() == 0)
        for witness in witnesses {
            witness.send(signal: SIGTERM)
            #expect(witness.waitForExit() == 0)
        }

        let info = try CommandRunner.run(["info", "--db", path])
        #expect(info.stdout.contains("witness:      witness.test/w1+"), "\(info.stdout)")
        #expect(info.stdout.contains("cosigned size \(size) at"))
        for key in keys { #expect(info.stdout.contains("              key \(key)\n"), "\(info.stdout)") }
        let statement = try CommandRunner.run(["statement", "--db", path, "volunteer:V000001"])
        #expect(statement.status == 0, "\(statement.stderr)")
        let file = directory + "/statement.json"
        try Data(statement.stdout.utf8).write(to: URL(fileURLWithPath: file))
        let witnessArguments = ["--witness-key", keys[0], "--witness-key", keys[1], "--min-witnesses", "2"]
        let checked = try CommandRunner.run(["verify-statement", file, "--key", ledger.service.verifierKey] + witnessArguments)
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.contains("cosigned by 2 of 2 witnesses (2 required)"))

        // The same statement with witness 2's cosignature taken out.
        let document = try JSONDecoder().decode(Statement.self, from: Data(statement.stdout.utf8))
        var one = document
        one.checkpoint = document.checkpoint.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("witness.test/w2") }
            .joined(separator: "\n")
        #expect(one.checkpoint != document.checkpoint)
        try JSONEncoder().encode(one).write(to: URL(fileURLWithPath: file))
        let refused = try CommandRunner.run(["verify-statement", file, "--key", ledger.service.verifierKey] + witnessArguments)
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("FAILED: the checkpoint is cosigned by 1 of the witnesses given, 2 required"), "\(refused.stdout)")
        #expect(refused.stdout.contains("witness.test/w2+"))
        let lenient = try CommandRunner.run(
            ["verify-statement", file, "--key", ledger.service.verifierKey, "--witness-key", keys[0], "--witness-key", keys[1], "--min-witnesses", "1"])
        #expect(lenient.status == 0, "\(lenient.stdout)")

        // verify-proof takes the same options; a proof carries the cosigned checkpoint.
        let proof = try CommandRunner.run(["prove", "--db", path, "3"])
        #expect(proof.status == 0, "\(proof.stderr)")
        try Data(proof.stdout.utf8).write(to: URL(fileURLWithPath: directory + "/proof.json"))
        let proven = try CommandRunner.run(["verify-proof", directory + "/proof.json", "--key", ledger.service.verifierKey] + witnessArguments)
        #expect(proven.status == 0, "\(proven.stdout)\(proven.stderr)")
    }

    /// A witness killed with SIGKILL after cosigning comes back with its
    /// memory: a fork of the ledger (same origin and key, another history)
    /// submitted through `jiazhou rpc --witness` is refused, 409 then 422.
    @Test func aKilledWitnessRemembersAndRefusesAForkSubmittedByRPC() async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        let fork = try await TestLedger.make(inFile: true)
        defer { fork.remove() }
        #expect(fork.service.verifierKey == ledger.service.verifierKey)
        _ = try await ledger.service.award(AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity("a")), actor: TestLedger.root, key: nil)
        for id in ["b", "c"] {
            _ = try await fork.service.award(AwardRequest(volunteer: TestLedger.volunteer(2), activity: TestLedger.activity(id)), actor: TestLedger.root, key: nil)
        }
        let directory = try #require(ledger.directory)
        let made = try CommandRunner.run(["witness", "init", "--key", "\(directory)/w.key", "--name", "witness.test/w"])
        let key = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let verifier = try CosignatureVerifier(verifierKey: key)
        func startWitness() throws -> (ChildProcess, String) {
            let witness = try ChildProcess([
                "witness", "serve", "--key", "\(directory)/w.key", "--state", "\(directory)/w.sqlite", "--port", "0",
                "--log", "\(ledger.service.origin)=\(ledger.service.verifierKey)", "--log-level", "warning",
            ])
            guard let bound = witness.waitForStderr(matching: #"listening on http://127\.0\.0\.1:[0-9]+"#, timeoutSeconds: 60) else {
                throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "witness serve printed no port: \(witness.stderr)"])
            }
            return (witness, "http://" + bound.split(separator: "/").last!)
        }
        func rpc(_ path: String, _ url: String) throws -> ChildProcess {
            try ChildProcess(["rpc", "--db", path, "--witness", "\(url)=\(key)", "--witness-poll", "0.05", "--log-level", "warning"])
        }
        func waitFor(_ condition: () throws -> Bool) async throws -> Bool {
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                if try condition() { return true }
                try await Task.sleep(for: .milliseconds(50))
            }
            return try condition()
        }

        var (witness, url) = try startWitness()
        let first = try rpc(try #require(ledger.path), url)
        let size = try ledger.service.latestCheckpointSize()
        #expect(try await waitFor { try ledger.service.cosignedSize(by: verifier) == size }, "\(first.stderr)")
        first.closeInput()
        #expect(first.waitForExit() == 0)
        witness.killHard()

        (witness, url) = try startWitness()
        let forked = try rpc(try #require(fork.path), url)
        #expect(forked.waitForStderr(matching: "HTTP 422", timeoutSeconds: 60) != nil, "\(forked.stderr)")
        forked.closeInput()
        #expect(forked.waitForExit() == 0)
        #expect(try fork.service.cosignedSize(by: verifier) == 0)
        #expect(witness.stderr.contains("consistency proof refused"))

        // The real ledger goes on being cosigned from where it was.
        _ = try await ledger.service.award(AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity("d")), actor: TestLedger.root, key: nil)
        let again = try rpc(try #require(ledger.path), url)
        let grown = try ledger.service.latestCheckpointSize()
        #expect(try await waitFor { try ledger.service.cosignedSize(by: verifier) == grown }, "\(again.stderr)")
        again.closeInput()
        #expect(again.waitForExit() == 0)
        witness.send(signal: SIGTERM)
        #expect(witness.waitForExit() == 0)
    }
}
