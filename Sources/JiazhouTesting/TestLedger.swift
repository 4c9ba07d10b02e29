public import JiazhouCore
public import JiazhouService
import Foundation

/// A small district for tests: one street with two communities, an issuer
/// for each, a coordinator for each community and one for the street, and a
/// few volunteers and a merchant — on a fresh ledger, in memory or in a file.
public struct TestLedger: Sendable {
    public let service: LedgerService
    public let clock: ManualClock
    /// The folder holding the file ledger (or a PostgreSQL ledger's key), if any.
    public let directory: String?
    /// The database path of a file ledger.
    public let path: String?

    public static let district = try! Scope("shizhong")
    public static let street = try! Scope("shizhong/tongjiang")
    public static let baiyang = try! Scope("shizhong/tongjiang/baiyang")
    public static let jiangbin = try! Scope("shizhong/tongjiang/jiangbin")
    public static let baiyangGrid = try! Scope("shizhong/tongjiang/baiyang/g01")

    public static let root = AccountID.rootOperator
    public static let streetOffice = AccountID(unchecked: .coordinator, "office-tongjiang")
    public static let baiyangOffice = AccountID(unchecked: .coordinator, "office-baiyang")
    public static let jiangbinOffice = AccountID(unchecked: .coordinator, "office-jiangbin")
    public static let gridWorker = AccountID(unchecked: .coordinator, "gw-baiyang-g01")
    public static let merchant = AccountID(unchecked: .merchant, "jiulongxiang-cafe")

    /// `volunteer:V00000n`, living in the baiyang grid (n = 1…3) or in jiangbin (n = 4…5).
    public static func volunteer(_ n: Int) -> AccountID {
        AccountID(unchecked: .volunteer, "V" + String(repeating: "0", count: 6 - String(n).count) + String(n))
    }

    /// The default rule set's categories and rates with nothing else: no
    /// bonuses, no points caps or budgets, a whole day countable, spendable
    /// at once. Tests about the chain use it, so that their figures are plain
    /// minutes × rate; tests about the rules pass `DefaultRuleSet.text`.
    public static let plainRules = """
        version: 1
        name: plain test rules
        categories:
          environment: {label: 环境整治, points_per_hour: 10}
          elder_care: {label: 帮扶老弱, points_per_hour: 15}
          home_visit: {label: 上门服务, points_per_hour: 15}
          culture: {label: 文体宣教, points_per_hour: 8}
          outreach: {label: 政策宣传, points_per_hour: 8}
        caps:
          day: {minutes: none}

        """

    /// The district's default rule set (`seeds/rules/shizhong.yaml`).
    public static let defaultRules = LedgerSetup(origin: "x", district: district).rules

    /// Where ``make(inFile:rules:suite:)`` keeps a ledger that is not asked
    /// to be a file: `$JIAZHOU_TEST_BACKEND=postgres` puts each in a new
    /// database of the tests' PostgreSQL server (``PostgresServer``), so that
    /// the service's whole suite runs on that backend too (.ci/run does);
    /// otherwise SQLite in memory.
    public static let backendUnderTest = ProcessInfo.processInfo.environment["JIAZHOU_TEST_BACKEND"] ?? "sqlite"

    /// A fresh ledger with the test district opened. `inFile` puts it in a
    /// temporary SQLite file (WAL, FULL sync) rather than in memory (or in
    /// PostgreSQL, see ``backendUnderTest``); `suite` is its hash suite.
    public static func make(inFile: Bool = false, rules: String? = nil, suite: HashSuite = .sha256Ed25519) async throws -> TestLedger {
        try await make(inFile: inFile, rules: rules, suite: suite, backend: backendUnderTest)
    }

    /// A fresh ledger in memory on SQLite, whatever ``backendUnderTest``
    /// says: for what belongs to SQLite's own path (its allocation counts).
    public static func makeOnSQLite(rules: String? = nil) async throws -> TestLedger {
        try await make(inFile: false, rules: rules, suite: .sha256Ed25519, backend: "sqlite")
    }

    private static func make(inFile: Bool, rules: String?, suite: HashSuite, backend: String) async throws -> TestLedger {
        let clock = ManualClock()
        let setup = LedgerSetup(origin: "jiazhou.test/shizhong", district: district, rules: rules ?? plainRules, suite: suite)
        let service: LedgerService
        var directory: String?
        if inFile {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jiazhou-test-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            directory = dir
            service = try await LedgerService.initialize(path: dir + "/ledger.sqlite", setup: setup, clock: clock, random: SeededRandom())
        } else if backend == "postgres" {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jiazhou-test-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            directory = dir
            service = try await LedgerService.initialize(
                path: try PostgresServer.shared().createDatabase(), keyPath: dir + "/ledger.key", setup: setup, clock: clock, random: SeededRandom())
        } else {
            service = try await LedgerService.inMemory(setup: setup, clock: clock, random: SeededRandom())
        }
        let ledger = TestLedger(service: service, clock: clock, directory: directory, path: inFile ? directory.map { $0 + "/ledger.sqlite" } : nil)
        try await ledger.openDistrict()
        return ledger
    }

    /// A fresh ledger with the test district opened at `path`: a SQLite file,
    /// or a `postgres://` URL of an empty database (``PostgresServer``), with
    /// its key at `keyPath` (required for a URL).
    public static func make(atPath path: String, keyPath: String?, rules: String? = nil) async throws -> TestLedger {
        let clock = ManualClock()
        let setup = LedgerSetup(origin: "jiazhou.test/shizhong", district: district, rules: rules ?? plainRules)
        let service = try await LedgerService.initialize(path: path, keyPath: keyPath, setup: setup, clock: clock, random: SeededRandom())
        let ledger = TestLedger(service: service, clock: clock, directory: nil, path: nil)
        try await ledger.openDistrict()
        return ledger
    }

    private func openDistrict() async throws {
        let opens: [AccountOpenRequest] = [
            AccountOpenRequest(account: .issuer(for: Self.district), scope: Self.district, budget: 500_000),
            AccountOpenRequest(account: .issuer(for: Self.baiyang), scope: Self.baiyang, budget: 30_000),
            AccountOpenRequest(account: .issuer(for: Self.jiangbin), scope: Self.jiangbin, budget: 30_000),
            AccountOpenRequest(account: Self.streetOffice, scope: Self.street),
            AccountOpenRequest(account: Self.baiyangOffice, scope: Self.baiyang),
            AccountOpenRequest(account: Self.jiangbinOffice, scope: Self.jiangbin),
            AccountOpenRequest(account: Self.gridWorker, scope: Self.baiyangGrid),
            AccountOpenRequest(account: Self.merchant, scope: Self.baiyang, tags: ["cafe"]),
        ]
        for request in opens { _ = try await service.openAccount(request, actor: Self.root, key: nil) }
        for n in 1...5 {
            _ = try await service.openAccount(
                AccountOpenRequest(account: Self.volunteer(n), scope: n <= 3 ? Self.baiyangGrid : Self.jiangbin, tags: n == 1 ? ["silver_age"] : [],
                    profile: ["name": .string("测试志愿者\(n)"), "phone": .string("1990000000\(n)")]),
                actor: Self.root, key: nil)
        }
    }

    /// An activity in `scope` (default: the baiyang community).
    public static func activity(
        _ id: String = "cleanup-1", category: String = "environment", minutes: Int64 = 120, scope: Scope = baiyang,
        start: String = "2026-11-23T08:30:00+08:00"
    ) -> Activity {
        Activity(id: id, category: category, minutes: minutes, start: start, scope: scope, tags: [])
    }

    /// Grows the ledger to `size` entries with account openings (volunteers
    /// `<prefix>N`), in one commit group: enough entries for full tiles.
    public func grow(to size: Int64, prefix: String = "T") async throws {
        try await Self.grow(service, to: size, prefix: prefix)
    }

    /// ``grow(to:prefix:)`` for a ledger of the test district opened elsewhere.
    public static func grow(_ service: LedgerService, to size: Int64, prefix: String = "T") async throws {
        let from = try service.info().size
        let writes = (from..<size).map { n in
            service.enqueueOpenAccount(
                AccountOpenRequest(account: AccountID(unchecked: .volunteer, "\(prefix)\(n)"), scope: baiyangGrid), actor: root, key: nil)
        }
        for write in writes { _ = try await write.value }
    }

    /// Removes the temporary folder of a file ledger.
    public func remove() {
        if let directory { try? FileManager.default.removeItem(atPath: directory) }
    }
}
