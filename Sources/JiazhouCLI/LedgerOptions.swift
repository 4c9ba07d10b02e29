public import ArgumentParser
import Foundation
public import JiazhouCore
import JiazhouService

/// `--db PATH`, shared by every command that touches a ledger.
struct LedgerOptions: ParsableArguments {
    @Option(name: .long, help: "The ledger: a SQLite file, or postgres://user@host:port/dbname (default: $JIAZHOU_DB, else jiazhou.sqlite in the current folder).")
    var db: String?

    @Option(name: .long, help: "The signing key file (default: the database path + .key; required with a postgres:// ledger).")
    var key: String?

    var path: String {
        db ?? ProcessInfo.processInfo.environment["JIAZHOU_DB"] ?? "jiazhou.sqlite"
    }

    /// `$JIAZHOU_MAX_PAGES`: caps the database at that many 4 KiB pages, so
    /// that a write past it fails as on a full disk. For fault tests and
    /// drills (README, "Faults and recovery"); unset in normal use.
    var maxPages: Int? {
        ProcessInfo.processInfo.environment["JIAZHOU_MAX_PAGES"].flatMap(Int.init)
    }

    /// `$JIAZHOU_LOCK_WAIT_SECONDS`: how long a write waits for another
    /// process's write (default ``Limits/lockWaitSeconds``); fault tests
    /// shorten it.
    var lockWaitSeconds: Double {
        ProcessInfo.processInfo.environment["JIAZHOU_LOCK_WAIT_SECONDS"].flatMap(Double.init) ?? Limits.lockWaitSeconds
    }

    func open(readonly: Bool = false) throws(LedgerError) -> LedgerService {
        try LedgerService.open(path: path, keyPath: key, readonly: readonly, maxPages: maxPages, lockWaitSeconds: lockWaitSeconds)
    }
}

/// Runs a command body, turning a refusal into a clear message on stderr and
/// exit status 1 — never a crash or a stack trace.
func reportingErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as LedgerError {
        Terminal.error("\(error.message) [\(error.reason.rawValue)]\(error.cause.map { "\n  cause: \($0)" } ?? "")")
        throw ExitCode(1)
    }
}

enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("jiazhou: \(message)\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }
}

extension AccountID: ExpressibleByArgument {
    public init?(argument: String) {
        guard let id = try? AccountID(argument) else { return nil }
        self = id
    }
}
