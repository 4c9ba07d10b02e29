import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// `GET /tlog/…`: the C2SP tlog-tiles read paths, checked against the
/// RFC 9162 root of the entries' own bytes, computed here from scratch.
@Suite(.timeLimit(.minutes(2))) struct TlogRouteTests {
    /// RFC 9162 §2.1.1, recursively, from leaf hashes: nothing of the ledger's tree code.
    static func rootOf(_ leaves: ArraySlice<[UInt8]>) -> [UInt8] {
        if leaves.isEmpty { return TreeHasher.sha256([]).bytes }
        if leaves.count == 1 { return leaves.first! }
        var split = 1
        while split * 2 < leaves.count { split *= 2 }
        let cut = leaves.startIndex + split
        return TreeHasher.sha256([0x01] + rootOf(leaves[..<cut]) + rootOf(leaves[cut...])).bytes
    }

    static func get(_ server: TestServer, _ path: String) async throws -> HTTPReply {
        try await HTTPClient.send(port: server.port, method: "GET", path: path)
    }

    @Test func theTilesHashToTheSignedCheckpointWithNoToken() async throws {
        try await withServer { server in
            try await server.ledger.grow(to: 600)
            let checkpointReply = try await Self.get(server, "/tlog/checkpoint")
            #expect(checkpointReply.status == 200)
            #expect(checkpointReply.header("Content-Type") == "text/plain; charset=utf-8")
            #expect(checkpointReply.header("Cache-Control") == "public, max-age=5")
            let (_, verifier) = try SuiteCatalog.standard.verifier(verifierKey: server.ledger.service.verifierKey)
            let checkpoint = try Checkpoint.verified(note: checkpointReply.text, by: verifier)
            #expect(checkpoint.size == 600)

            // Entry bundles: 16-bit big-endian lengths, then the entries' canonical bytes.
            var leaves: [[UInt8]] = []
            for path in ["/tlog/tile/entries/000", "/tlog/tile/entries/001", "/tlog/tile/entries/002.p/88"] {
                let bundle = try await Self.get(server, path)
                #expect(bundle.status == 200, "\(path)")
                #expect(bundle.header("Content-Type") == "application/octet-stream")
                var offset = 0
                while offset < bundle.body.count {
                    let length = Int(bundle.body[offset]) << 8 | Int(bundle.body[offset + 1])
                    let entry = Array(bundle.body[(offset + 2)..<(offset + 2 + length)])
                    #expect((try? JSONParser.parse(entry)) != nil)
                    leaves.append(TreeHasher.sha256([0x00] + entry).bytes)
                    offset += 2 + length
                }
            }
            #expect(leaves.count == 600)
            #expect(Self.rootOf(leaves[...]) == checkpoint.root.bytes)

            let full = try await Self.get(server, "/tlog/tile/0/001")
            #expect(full.status == 200)
            #expect(full.header("Cache-Control") == "public, max-age=31536000, immutable")
            #expect(full.body == Array(leaves[256..<512].joined()))
            let partial = try await Self.get(server, "/tlog/tile/0/002.p/88")
            #expect(partial.header("Cache-Control") == "public, max-age=5")
            #expect(partial.body == Array(leaves[512..<600].joined()))
            // An older checkpoint's partial tile is still there: the first hashes of the same tile.
            #expect(try await Self.get(server, "/tlog/tile/0/002.p/3").body == Array(leaves[512..<515].joined()))
            // Level 1: each hash is a full level-0 tile's root.
            let level1 = try await Self.get(server, "/tlog/tile/1/000.p/2")
            #expect(level1.body == Self.rootOf(leaves[0..<256]) + Self.rootOf(leaves[256..<512]))
        }
    }

    @Test func tilesBeyondTheTreeAre404AndMalformedPaths400() async throws {
        try await withServer { server in
            try await server.ledger.grow(to: 300)
            for path in ["/tlog/tile/0/001", "/tlog/tile/0/001.p/45", "/tlog/tile/1/000", "/tlog/tile/2/000.p/1", "/tlog/tile/entries/002.p/1"] {
                let reply = try await Self.get(server, path)
                #expect(reply.status == 404, "\(path)")
                #expect(reply.reason == "unknown_entry")
            }
            #expect(try await Self.get(server, "/tlog/tile/0/001.p/44").status == 200)
            #expect(try await Self.get(server, "/tlog/tile/1/000.p/1").status == 200)
            for path in ["/tlog/tile/0/x1/2", "/tlog/tile/0/000.p/0", "/tlog/tile/0/000.p/257", "/tlog/tile/0/00a", "/tlog/tile/0/../000", "/tlog/tile/x"] {
                let reply = try await Self.get(server, path)
                #expect(reply.status == 400 || reply.status == 404, "\(path): \(reply.status)")
            }
            #expect(try await Self.get(server, "/tlog/tile/0/0001").reason == "invalid_request")
            let post = try await HTTPClient.send(port: server.port, method: "POST", path: "/tlog/checkpoint")
            #expect(post.status == 405)
            #expect(post.header("Allow") == "GET")
        }
    }

    @Test func anAuditorChecksTheServedTilesOverHTTPWithOnlyTheVerifierKey() async throws {
        try await withServer { server in
            try await server.ledger.grow(to: 520)
            let base = "http://127.0.0.1:\(server.port)/tlog/"
            let seen = try #require(server.ledger.directory) + "/seen.txt"
            let first = try await CommandRunner.running(["audit", "--tiles", base, "--verifier-key", server.ledger.service.verifierKey, "--from", seen, "--update", "--entries"])
            #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
            #expect(first.stdout.contains("ok: 7 tiles of 520 entries hash to the signed root"), "\(first.stdout)")
            #expect(first.stdout.contains("520 entries hashed"))
            try await server.ledger.grow(to: 530)
            let again = try await CommandRunner.running(["audit", "--tiles", base, "--verifier-key", server.ledger.service.verifierKey, "--from", seen])
            #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
            #expect(again.stdout.contains("of 530 entries hash to the signed root"), "\(again.stdout)")
            #expect(again.stdout.contains("grown from 520"))
            let otherKey = try NoteSigner.generate(name: "jiazhou.test/shizhong").verifier.verifierKey
            let wrongKey = try await CommandRunner.running(["audit", "--tiles", base, "--verifier-key", otherKey])
            #expect(wrongKey.status == 1)
            #expect(wrongKey.stdout.contains("FAILED: checkpoint is not signed by"), "\(wrongKey.stdout)\(wrongKey.stderr)")
            let nowhere = try await CommandRunner.running(["audit", "--tiles", "http://127.0.0.1:1/tlog/", "--verifier-key", server.ledger.service.verifierKey])
            #expect(nowhere.status == 1)
            #expect(nowhere.stderr.contains("cannot fetch http://127.0.0.1:1/tlog/checkpoint"), "\(nowhere.stderr)")
        }
    }
}
