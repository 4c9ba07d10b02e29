import Foundation
import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

/// Every read route answers what the service answers, in the shapes of PROTOCOL.md.
@Suite(.timeLimit(.minutes(2))) struct ReadRouteTests {
    @Test func infoIsPublicAndIsTheServicesLedgerInfo() async throws {
        try await withServer { server in
            let reply = try await server.send("GET", "/v1/info")
            #expect(reply.status == 200)
            let info = try server.ledger.service.info()
            #expect(reply.json == Body.of(info))
            #expect(reply.json?["verifier_key"]?.stringValue == info.verifierKey)
        }
    }

    /// A witness's cosignature kept by the service: `/v1/info` lists the
    /// witness with the verifier key that checked it, for the check pages.
    @Test func infoListsEachWitnessWithItsVerifierKey() async throws {
        try await withServer { server in
            let witness = try CosignatureSigner(name: "witness.test/w1", seed: Array(repeating: 3, count: 32))
            let service = server.ledger.service
            let size = try service.latestCheckpointSize()
            let body = try SignedNote(parsing: try service.checkpoint(CheckpointGetRequest()).note).text
            try await service.keepCosignature(witness.signatureLine(for: body, timestamp: 1_796_000_000), size: size, witness: witness.verifier)
            let reply = try await server.send("GET", "/v1/info")
            #expect(reply.status == 200)
            let listed = try #require(reply.json?["witnesses"]?.arrayValue)
            #expect(listed.count == 1)
            #expect(listed.first?["witness"]?.stringValue == LedgerService.witnessID(witness.verifier))
            #expect(listed.first?["verifier_key"]?.stringValue == witness.verifier.verifierKey)
            #expect(listed.first?["size"]?.integerValue == size && listed.first?["timestamp"]?.integerValue == 1_796_000_000)
            // The key parses back to the witness that signed: what a page is given checks the line.
            #expect(try CosignatureVerifier(verifierKey: try #require(listed.first?["verifier_key"]?.stringValue)) == witness.verifier)
        }
    }

    @Test func anAccountReadsAsAccountGetDoes() async throws {
        try await withServer { server in
            let token = try server.token(TestLedger.root)
            _ = try await server.award(1, token: token)
            let reply = try await server.send("GET", "/v1/accounts/volunteer:V000001", token: token)
            #expect(reply.status == 200)
            let view = try server.ledger.service.account(AccountGetRequest(account: TestLedger.volunteer(1)), actor: TestLedger.root)
            #expect(reply.json == Body.of(view))
            #expect(reply.json?["balance"] == .integer(20))
            #expect(reply.json?["opened_seq"]?.integerValue != nil)
        }
    }

    @Test func anIssuerIdWithSlashesIsAddressedPercentEncoded() async throws {
        try await withServer { server in
            let reply = try await server.send("GET", "/v1/accounts/issuer:shizhong%2Ftongjiang%2Fbaiyang", token: try server.token(TestLedger.root))
            #expect(reply.status == 200)
            #expect(reply.json?["account"] == "issuer:shizhong/tongjiang/baiyang")
        }
    }

    @Test func historyPagesWithAfterAndLimit() async throws {
        try await withServer { server in
            let token = try server.token(TestLedger.root)
            for n in 1...3 { _ = try await server.award(1, token: token, activity: TestLedger.activity("cleanup-\(n)")) }
            let first = try await server.send("GET", "/v1/accounts/volunteer:V000001/history?limit=2", token: token)
            #expect(first.status == 200)
            #expect(first.json?["entries"]?.arrayValue?.count == 2)
            let next = try #require(first.json?["next"]?.integerValue)
            let rest = try await server.send("GET", "/v1/accounts/volunteer:V000001/history?after=\(next)&limit=10", token: token)
            #expect(rest.json?["entries"]?.arrayValue?.map { $0["kind"] } == ["award", "award"])
            #expect(rest.json?["next"] == nil)
        }
    }

    @Test func anEntryAndItsProofsVerify() async throws {
        try await withServer { server in
            let token = try server.token(TestLedger.root)
            let seq = try await server.award(2, token: token)
            let entry = try await server.send("GET", "/v1/entries/\(seq)", token: token)
            #expect(entry.status == 200)
            #expect(entry.json?["entry"]?["kind"] == "award")
            let proofReply = try await server.send("GET", "/v1/entries/\(seq)/proof", token: token)
            let inclusion = try JSONDecoder().decode(InclusionProofResult.self, from: Data(proofReply.body))
            #expect(inclusion.proof.verifies(leafHash: inclusion.leafHash, root: inclusion.root, using: .sha256Ed25519))
            let sized = try await server.send("GET", "/v1/entries/\(seq)/proof?size=\(seq + 1)", token: token)
            #expect(sized.json?["size"] == .integer(seq + 1))
            let consistency = try await server.send("GET", "/v1/proofs/consistency?from=3&to=\(seq + 1)", token: token)
            #expect(consistency.status == 200)
            let result = try JSONDecoder().decode(ConsistencyProofResult.self, from: Data(consistency.body))
            let expected = try server.ledger.service.consistencyProof(ConsistencyProofRequest(from: 3, to: seq + 1), actor: TestLedger.root)
            #expect(result == expected)
        }
    }

    @Test func theCheckpointIsPublicSignedNoteText() async throws {
        try await withServer { server in
            let reply = try await server.send("GET", "/v1/checkpoint")
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type")?.hasPrefix("text/plain") == true)
            #expect(reply.text == (try server.ledger.service.checkpoint(CheckpointGetRequest()).note))
            let older = try await server.send("GET", "/v1/checkpoint?size=5")
            #expect(older.text.split(separator: "\n").dropFirst().first == "5")
            let missing = try await server.send("GET", "/v1/checkpoint?size=100000")
            #expect(missing.status == 404)
            #expect(missing.reason == "unknown_entry")
        }
    }

    @Test func healthzAnswersOkWithoutAToken() async throws {
        try await withServer { server in
            let reply = try await server.send("GET", "/healthz")
            #expect(reply.status == 200)
            #expect(reply.json == ["status": "ok"])
        }
    }
}
