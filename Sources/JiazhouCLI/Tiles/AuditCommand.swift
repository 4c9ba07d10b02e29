import ArgumentParser
import Foundation
import JiazhouCore
import JiazhouService

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check that the ledger only grew since a checkpoint you kept: signatures and an RFC 9162 consistency proof, or a whole mirror's tiles.",
        discussion: """
            Reads the checkpoint you saved earlier (`jiazhou checkpoint > seen.txt`), takes the ledger's latest one and a \
            consistency proof between them, and checks both signatures and the proof with the verifier key. --update saves \
            the new checkpoint for next time.

            With --tiles URL|DIR it needs no ledger, only the verifier key: it fetches the C2SP tlog-tiles of a log \
            (`jiazhou serve`'s /tlog/, or a folder or site written by `jiazhou tiles --to`), recomputes the root from the \
            level-0 tiles, checks every higher tile, and, given --from, that the tree you saw before is a prefix of this \
            one. --entries also hashes every entry of the bundles.

            --witness-key (repeatable) and --min-witnesses refuse a checkpoint that too few of those witnesses cosigned.
            """)

    @OptionGroup var ledger: LedgerOptions

    @Option(help: "The checkpoint file seen before (with --tiles and --update: written the first time if missing).")
    var from: String?

    @Option(help: "Audit a tlog-tiles log instead of a ledger: an http(s) URL prefix or a folder.")
    var tiles: String?

    @Flag(help: "With --tiles: also fetch the entry bundles and hash every entry into its leaf.")
    var entries = false

    @Option(name: .customLong("verifier-key"), help: VerifierKeyHelp.text)
    var verifierKey: String

    @Flag(help: "On success, write the latest checkpoint to the --from file.")
    var update = false

    @OptionGroup var witnesses: WitnessOptions

    func validate() throws {
        if tiles == nil, from == nil { throw ValidationError("give --from (the checkpoint you kept), or --tiles to audit a mirror") }
        if tiles == nil, entries { throw ValidationError("--entries is for --tiles") }
    }

    func run() async throws {
        try await reportingErrors {
            if let tiles { return try await auditTiles(tiles) }
            guard let from else { return }
            guard let data = FileManager.default.contents(atPath: from), let note = String(data: data, encoding: .utf8) else {
                throw LedgerError(.invalid_request, "cannot read the checkpoint file \(from)")
            }
            let (suite, verifier) = try SuiteCatalog.standard.verifier(verifierKey: verifierKey)
            let old = try Checkpoint.verified(note: note, by: verifier)
            let service = try ledger.open(readonly: true)
            guard service.suite == suite else {
                throw LedgerError(
                    .invalid_request,
                    "the ledger's hash suite is \(service.suite.name), but the verifier key is an \(suite.signatureName) key of the \(suite.name) suite")
            }
            let latestNote = try service.checkpoint(CheckpointGetRequest()).note
            let latest = try Checkpoint.verified(note: latestNote, by: verifier)
            if let problem = try witnesses.policy().problem(with: latestNote) {
                print("FAILED: \(problem)")
                throw ExitCode(1)
            }
            guard latest.size >= old.size else {
                print("FAILED: the ledger's latest checkpoint (size \(latest.size)) is smaller than the one you kept (size \(old.size))")
                throw ExitCode(1)
            }
            let proof = try service.consistencyProof(ConsistencyProofRequest(from: old.size, to: latest.size), actor: .rootOperator)
            guard proof.proof.verifies(firstRoot: old.root, secondRoot: latest.root, using: suite) else {
                print("FAILED: the ledger at size \(latest.size) is not an extension of the one you kept at size \(old.size): history was rewritten")
                throw ExitCode(1)
            }
            print("ok: the log only grew, from \(old.size) to \(latest.size) entries (root \(latest.root.hex))\(try witnesses.summary(note: latestNote))")
            if update {
                guard FileManager.default.createFile(atPath: from, contents: Data(latestNote.utf8)) else {
                    throw LedgerError(.storage_unavailable, "cannot write \(from)")
                }
            }
        }
    }

    func auditTiles(_ source: String) async throws {
        let (suite, verifier) = try SuiteCatalog.standard.verifier(verifierKey: verifierKey)
        var previous: Checkpoint?
        if let from {
            if let data = FileManager.default.contents(atPath: from) {
                guard let note = String(data: data, encoding: .utf8) else { throw LedgerError(.invalid_request, "\(from) is not a checkpoint note") }
                previous = try Checkpoint.verified(note: note, by: verifier)
            } else if !update {
                throw LedgerError(.invalid_request, "cannot read the checkpoint file \(from) (with --update, a missing file is written the first time)")
            }
        }
        let policy = try witnesses.policy()
        let tiles = TileSource(source)
        let report: TileAudit.Report
        do {
            report = try await TileAudit.run(fetch: tiles.fetch, suite: suite, verifier: verifier, previous: previous, checkEntries: entries)
            await tiles.shutdown()
        } catch let failure as TileAudit.Failure {
            await tiles.shutdown()
            print("FAILED: \(failure)")
            throw ExitCode(1)
        } catch {
            await tiles.shutdown()
            throw error
        }
        if let problem = policy.problem(with: report.note) {
            print("FAILED: \(problem)")
            throw ExitCode(1)
        }
        let checked = entries ? ", \(report.entriesChecked) entries hashed" : ""
        let grew = previous.map { ", grown from \($0.size)" } ?? ""
        print("ok: \(report.tilesFetched) tiles of \(report.checkpoint.size) entries hash to the signed root \(report.checkpoint.root.hex)\(grew)\(checked)\(try witnesses.summary(note: report.note))")
        if update, let from {
            guard FileManager.default.createFile(atPath: from, contents: Data(report.note.utf8)) else {
                throw LedgerError(.storage_unavailable, "cannot write \(from)")
            }
        }
    }
}
