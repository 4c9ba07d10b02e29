import Foundation
import GRDB
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A full disk, a read-only file or folder, a missing or unreadable key, a
/// database locked by another process: each is a clear error (a reason, a
/// readable message, exit 1), nothing partial is written, and once the
/// fault is gone the ledger works and verifies.
@Suite(.serialized, .timeLimit(.minutes(3))) struct ResourceFaultTests {
    static let rows = 400

    /// A sheet of `rows` awards under key `key`, and the import command for it.
    private func importArguments(_ ledger: FaultLedger, key: String) throws -> [String] {
        let sheet = ledger.directory + "/\(key).csv"
        var text = "volunteer,minutes,activity\n"
        for row in 0..<Self.rows { text += "\(FaultLedger.volunteer(1 + row % 20).name),120,\(key)-\(row / 20)\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: sheet))
        return ["award", "import", sheet, "--db", ledger.path, "--category", "environment", "--start", FaultLedger.activityStart,
            "--scope", FaultLedger.scope, "--idempotency-key", key]
    }

    /// After a refused write: nothing of it is there, and the ledger verifies.
    private func expectNothingWritten(_ ledger: FaultLedger, key: String) throws {
        let audit = try LedgerAudit.read(path: ledger.path)
        #expect(audit.report.ok, "\(audit.report.problems.prefix(5))")
        #expect(audit.byKey[key] == nil, "\(audit.byKey[key]?.count ?? 0) rows of the refused sheet were written")
    }

    /// Once the fault is gone the same import goes through whole, and verify passes.
    private func expectRecovery(_ arguments: [String], _ ledger: FaultLedger, key: String) throws {
        let again = try CommandRunner.run(arguments)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try LedgerAudit.read(path: ledger.path).byKey[key]?.count == Self.rows)
        #expect(try ledger.verifyPasses())
    }

    @Test func aFullDiskRefusesTheSheetWholeAndTheLedgerGoesOnOnceThereIsRoom() async throws {
        let ledger = try await FaultLedger.make(volunteers: 20)
        defer { ledger.remove() }
        let pages = try await DatabaseQueue(path: ledger.path).read { try Int.fetchOne($0, sql: "PRAGMA page_count") ?? 0 }
        let arguments = try importArguments(ledger, key: "full")
        let full = try CommandRunner.run(arguments, environment: ["JIAZHOU_MAX_PAGES": "\(pages + 8)"])
        #expect(full.status == 1)
        #expect(full.stderr.contains("the disk is full") && full.stderr.contains("[storage_unavailable]"), "\(full.stderr)")
        try expectNothingWritten(ledger, key: "full")
        // Over JSON-RPC: the writes before the disk filled are answered and kept, the rest refused with the reason.
        let lines = (0..<300).map { FaultLedger.rpcLine(id: $0, method: "award", key: "rpc-\($0)", params: FaultLedger.award(volunteer: 1 + $0 % 20, activity: "rpc-\($0)")) }
        let rpc = try ChildProcess(["rpc", "--db", ledger.path], environment: ["JIAZHOU_MAX_PAGES": "\(pages + 16)"])
        rpc.writeInBackground(lines.joined(separator: "\n") + "\n", thenClose: true)
        var (answered, refused): ([String: Int64], Int) = ([:], 0)
        while let line = rpc.readLine() {
            let response = try JSONParser.parse(Array(line.utf8))
            if let seq = response["result"]?["seq"]?.integerValue {
                answered["rpc-\(response["id"]?.integerValue ?? -1)"] = seq
            } else {
                #expect(response["error"]?["data"]?["reason"] == "storage_unavailable", "\(line)")
                refused += 1
            }
        }
        #expect(rpc.waitForExit() == 0)
        #expect(refused > 0)
        let audit = try LedgerAudit.read(path: ledger.path)
        #expect(audit.report.ok)
        for (key, seq) in answered { #expect(audit.byKey[key]?.map(\.seq) == [seq]) }
        #expect(audit.byKey.keys.filter { $0.hasPrefix("rpc-") }.count == answered.count, "a refused write was kept")
        try expectRecovery(arguments, ledger, key: "full")
    }

    @Test func aLedgerLockedByAnotherProcessIsRefusedClearlyAndWorksOnceReleased() async throws {
        let ledger = try await FaultLedger.make(volunteers: 20)
        defer { ledger.remove() }
        let arguments = try importArguments(ledger, key: "locked")
        var config = Configuration()
        config.busyMode = .timeout(10)
        // The lock is held across two accesses, on purpose.
        config.allowsUnsafeTransactions = true
        let holder = try DatabaseQueue(path: ledger.path, configuration: config)
        try await holder.writeWithoutTransaction { try $0.execute(sql: "BEGIN EXCLUSIVE") }
        let started = Date()
        let locked = try CommandRunner.run(arguments, environment: ["JIAZHOU_LOCK_WAIT_SECONDS": "2"])
        // It waited for the lock before giving up, rather than failing at once.
        #expect(Date().timeIntervalSince(started) >= 1.9)
        // Readers go on: WAL lets verify read while the write lock is held.
        #expect(try CommandRunner.run(["verify", "--db", ledger.path]).status == 0)
        try await holder.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
        try holder.close()
        #expect(locked.status == 1)
        #expect(locked.stderr.contains("locked by another writer; try again") && locked.stderr.contains("[storage_unavailable]"), "\(locked.stderr)")
        try expectNothingWritten(ledger, key: "locked")
        try expectRecovery(arguments, ledger, key: "locked")
    }

    @Test func aMissingOrUnreadableKeyRefusesWritesButNotVerify() async throws {
        let ledger = try await FaultLedger.make(volunteers: 20)
        defer { ledger.remove() }
        let arguments = try importArguments(ledger, key: "keyless")
        let key = ledger.path + ".key", aside = ledger.directory + "/aside.key"
        try FileManager.default.moveItem(atPath: key, toPath: aside)
        let missing = try CommandRunner.run(arguments)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no signing key at \(key)") && missing.stderr.contains("[ledger_invalid]"), "\(missing.stderr)")
        #expect(try CommandRunner.run(["verify", "--db", ledger.path]).status == 0, "verify needs no key")
        // A key path that cannot be read as a file (a folder: unreadable even to root).
        try FileManager.default.createDirectory(atPath: key, withIntermediateDirectories: false)
        let unreadable = try CommandRunner.run(arguments)
        #expect(unreadable.status == 1)
        #expect(unreadable.stderr.contains("cannot be read") && unreadable.stderr.contains("[storage_unavailable]"), "\(unreadable.stderr)")
        try expectNothingWritten(ledger, key: "keyless")
        try FileManager.default.removeItem(atPath: key)
        try FileManager.default.moveItem(atPath: aside, toPath: key)
        try expectRecovery(arguments, ledger, key: "keyless")
    }

    @Test func aReadOnlyFileOrFolderRefusesWritesClearly() async throws {
        let ledger = try await FaultLedger.make(volunteers: 20)
        defer {
            chmod(ledger.directory, 0o755)
            ledger.remove()
        }
        let arguments = try importArguments(ledger, key: "readonly")
        let unprivileged = try Unprivileged(owning: ledger.directory)
        // A read-only file: reads work, writes are refused.
        chmod(ledger.path, 0o444)
        let file = try unprivileged.run(arguments)
        #expect(file.status == 1)
        #expect(file.stderr.contains("cannot be written (read-only or no permission)") && file.stderr.contains("[storage_unavailable]"), "\(file.stderr)")
        #expect(try unprivileged.run(["verify", "--db", ledger.path]).status == 0)
        chmod(ledger.path, 0o644)
        try expectNothingWritten(ledger, key: "readonly")
        // A read-only folder (with no -wal and -shm beside the file): SQLite cannot even read.
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: ledger.path + suffix) }
        chmod(ledger.directory, 0o555)
        let folder = try unprivileged.run(arguments)
        #expect(folder.status == 1)
        #expect(folder.stderr.contains("[storage_unavailable]"), "\(folder.stderr)")
        let verify = try unprivileged.run(["verify", "--db", ledger.path])
        #expect(verify.status == 1)
        #expect(verify.stderr.contains("its folder is read-only"), "\(verify.stderr)")
        chmod(ledger.directory, 0o755)
        try expectNothingWritten(ledger, key: "readonly")
        try expectRecovery(arguments, ledger, key: "readonly")
    }
}

/// Runs the binary as a user that file permissions apply to: the test's own
/// user, or, when the tests run as root (as CI does), `nobody` through
/// setpriv, with the folder handed to it.
struct Unprivileged {
    let prefix: [String]

    init(owning directory: String) throws {
        guard geteuid() == 0 else {
            prefix = []
            return
        }
        let setpriv = "/usr/bin/setpriv"
        try #require(FileManager.default.isExecutableFile(atPath: setpriv), "running as root needs setpriv to drop to nobody")
        for item in [directory] + (try FileManager.default.contentsOfDirectory(atPath: directory)).map({ directory + "/" + $0 }) {
            try #require(chown(item, 65534, 65534) == 0, "chown \(item)")
        }
        prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "--", CommandRunner.executable()]
    }

    func run(_ arguments: [String]) throws -> CommandRunner.Outcome {
        guard !prefix.isEmpty else { return try CommandRunner.run(arguments) }
        return try CommandRunner.run(Array(prefix.dropFirst()) + arguments, executable: prefix[0])
    }
}
