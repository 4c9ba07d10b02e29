import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// `jiazhou tiles --to DIR` writes a static tlog-tiles mirror, incrementally;
/// `jiazhou audit --tiles DIR` checks one with only the verifier key, and
/// catches a tampered tile, a tampered entry and a rewritten history.
@Suite struct TilesCommandTests {
    func mirror(_ path: String, to directory: String) throws -> CommandRunner.Outcome {
        try CommandRunner.run(["tiles", "--db", path, "--to", directory])
    }

    func audit(_ directory: String, key: String, _ more: [String] = []) throws -> CommandRunner.Outcome {
        try CommandRunner.run(["audit", "--tiles", directory, "--verifier-key", key] + more)
    }

    @Test func aMirrorGrowsByItsNewTilesAndAuditsClean() async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        let path = try #require(ledger.path), folder = try #require(ledger.directory)
        let mirror = folder + "/mirror", seen = folder + "/seen.txt", key = ledger.service.verifierKey
        try await ledger.grow(to: 600)
        let first = try self.mirror(path, to: mirror)
        #expect(first.status == 0, "\(first.stderr)")
        // Entry bundles 000, 001, 002.p/88; level 0 the same; level 1 000.p/2.
        #expect(first.stdout.contains("tiles of 600 entries in \(mirror): 7 written"), "\(first.stdout)")
        #expect(first.stdout.hasSuffix("0 kept\n"))
        for file in ["checkpoint", "tile/0/000", "tile/0/002.p/88", "tile/1/000.p/2", "tile/entries/001", "tile/entries/002.p/88"] {
            #expect(FileManager.default.fileExists(atPath: mirror + "/" + file), "\(file)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: mirror + "/tile/0/000"))
            == Data(ledger.service.tile(#require(Tile(path: "tile/0/000"))) ))
        let audited = try audit(mirror, key: key, ["--from", seen, "--update", "--entries"])
        #expect(audited.status == 0, "\(audited.stdout)\(audited.stderr)")
        #expect(audited.stdout.contains("600 entries hashed"))

        try await ledger.grow(to: 900)
        let second = try self.mirror(path, to: mirror)
        // New: entries 002 and 003.p/132, the same at level 0, level 1 000.p/3; kept: the four full tiles of the first run.
        #expect(second.stdout.contains("tiles of 900 entries in \(mirror): 5 written"), "\(second.stdout)")
        #expect(second.stdout.hasSuffix("4 kept\n"))
        let grown = try audit(mirror, key: key, ["--from", seen, "--entries"])
        #expect(grown.status == 0, "\(grown.stdout)\(grown.stderr)")
        #expect(grown.stdout.contains("of 900 entries hash to the signed root"))
        #expect(grown.stdout.contains("grown from 600"))
    }

    @Test func aTamperedTileOrEntryFailsTheAudit() async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        let path = try #require(ledger.path), mirror = try #require(ledger.directory) + "/mirror", key = ledger.service.verifierKey
        try await ledger.grow(to: 300)
        #expect(try self.mirror(path, to: mirror).status == 0)

        let tile = URL(fileURLWithPath: mirror + "/tile/0/000")
        let original = try Data(contentsOf: tile)
        var bent = original
        bent[100] ^= 0x01
        try bent.write(to: tile)
        let refused = try audit(mirror, key: key)
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("FAILED: the level-0 tiles hash to"), "\(refused.stdout)")
        try original.write(to: tile)
        #expect(try audit(mirror, key: key).status == 0)

        // An entry changed in its bundle: the tiles still agree, the entry does not.
        let bundle = URL(fileURLWithPath: mirror + "/tile/entries/000")
        var entries = try Data(contentsOf: bundle)
        let seven = try #require(entries.firstIndex(of: UInt8(ascii: "7")))
        entries[seven] = UInt8(ascii: "8")
        try entries.write(to: bundle)
        #expect(try audit(mirror, key: key).status == 0)
        let checked = try audit(mirror, key: key, ["--entries"])
        #expect(checked.status == 1)
        #expect(checked.stdout.contains("in tile/entries/000 does not hash to its leaf in tile/0/000"), "\(checked.stdout)")

        try FileManager.default.removeItem(atPath: mirror + "/tile/0/001.p/44")
        let missing = try audit(mirror, key: key)
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("FAILED: tile/0/001.p/44 is missing"), "\(missing.stdout)")
    }

    @Test func aMirrorOfRewrittenHistoryIsCaughtAgainstTheCheckpointKept() async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        let path = try #require(ledger.path), folder = try #require(ledger.directory), key = ledger.service.verifierKey
        try await ledger.grow(to: 280)
        #expect(try self.mirror(path, to: folder + "/mirror").status == 0)
        #expect(try audit(folder + "/mirror", key: key, ["--from", folder + "/seen.txt", "--update"]).status == 0)

        // The operator, holding the key, rebuilds the ledger without its last entry and goes on.
        let export = try CommandRunner.run(["export", "--db", path]).stdout.split(separator: "\n").dropLast(1).joined(separator: "\n") + "\n"
        let rewritten = folder + "/rewritten.sqlite"
        #expect(try CommandRunner.run(["import", "--db", rewritten, "--from-key", path + ".key"], stdin: Data(export.utf8)).status == 0)
        try await TestLedger.grow(try LedgerService.open(path: rewritten), to: 400, prefix: "F")
        #expect(try self.mirror(rewritten, to: folder + "/forged").status == 0)
        // Alone, the forged mirror is a well-formed log signed with the right key ...
        #expect(try audit(folder + "/forged", key: key).status == 0)
        // ... but not an extension of the tree seen before.
        let caught = try audit(folder + "/forged", key: key, ["--from", folder + "/seen.txt"])
        #expect(caught.status == 1)
        #expect(caught.stdout.contains("does not begin with the tree of size 280 kept from last time: history was rewritten"), "\(caught.stdout)")
    }
}
