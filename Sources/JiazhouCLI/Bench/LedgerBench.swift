import Foundation
import JiazhouCore
import JiazhouRules
import JiazhouService
import JiazhouStore

/// The figures of `jiazhou bench`: each measured once, in one run, so that
/// the ratios compare like with like on the same machine at the same moment.
struct LedgerBench {
    let place: BenchPlace
    let entries: Int
    let durable: Int
    let requests: Int

    static let volunteers = 10_000
    var figures: [String: Double] = [:]

    init(place: BenchPlace, entries: Int, durable: Int, requests: Int) {
        self.place = place
        self.entries = entries
        self.durable = durable
        self.requests = requests
    }

    mutating func run() async throws {
        print("jiazhou bench: \(entries) entries, \(ProcessInfo.processInfo.activeProcessorCount) cores, \(place.description)\n")
        measureSHA256()
        let service = try await LedgerService.initialize(
            path: place.ledger, keyPath: place.key, setup: LedgerSetup(origin: "jiazhou.bench/shizhong", district: try Scope("shizhong")))
        let rules = try RuleSet(yaml: DefaultRuleSet.text)
        try await Self.openAccounts(service)
        try await measureBatchedAppend(service, rules: rules)
        try measurePlainBaseline(service)
        try measureSchemaFloor(service)
        try await measureDurableAppends(service, rules: rules)
        try await measureServiceAwards(service)
        try await measureRedemptions()
        try measureDecode(service)
        try measureReadAndHash(service)
        try measureVerify(service)
        try measureVerifyReads()
        try measurePointSelect()
        try measureBalanceLookup(service)
        try await measureAllocations(service, rules: rules)
        if place.isPostgres { try await measureWriterProcesses() }
        printSummary()
    }

    /// The backend's name, for the baselines' lines.
    var backend: String { place.isPostgres ? "PostgreSQL" : "SQLite" }

    func line(_ name: String, _ value: String, _ note: String = "") {
        print(name.padding(toLength: 37, withPad: " ", startingAt: 0) + value.padding(toLength: 26, withPad: " ", startingAt: 0) + note)
    }

    static func rate(_ count: Int, _ seconds: Double) -> Double { Double(count) / max(seconds, 1e-9) }

    static func format(_ value: Double) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.maximumFractionDigits = 0
        return formatter.string(from: NSNumber(value: value)) ?? "\(Int(value))"
    }

    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func time(_ body: () async throws -> Void) async rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try await body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private mutating func measureSHA256() {
        let buffer = [UInt8](repeating: 0x5A, count: 400)
        var sink: UInt8 = 0
        let count = 300_000
        let seconds = Self.time { for _ in 0..<count { sink ^= TreeHasher.leafHash(buffer).bytes[0] } }
        figures["sha256"] = Self.rate(count, seconds)
        line("raw SHA-256 (400-byte leaves)", "\(Self.format(figures["sha256"]!)) hashes/s", sink == 0xFF ? " " : "")
    }

    static func openAccounts(_ service: LedgerService, volunteers count: Int = volunteers) async throws {
        let time = SystemClock().now()
        try await service.appendBatch { writer in
            func open(_ id: AccountID, _ scope: String) throws {
                try writer.append(
                    Entry(
                        seq: writer.head.size, prev: writer.head.last, time: time, kind: .accountOpen, actor: .rootOperator, key: nil, postings: [],
                        data: ["account": .string(id.text), "scope": .string(scope), "tags": []]))
            }
            try open(AccountID(unchecked: .issuer, "shizhong"), "shizhong")
            for n in 0..<count { try open(Self.volunteer(n), "shizhong/tongjiang/baiyang/g01") }
        }
    }

    /// Made once, before any timing: `String(format:)` costs microseconds
    /// (4% of a profiled run), which is the benchmark's input, not the ledger's work.
    private static let volunteerIDs: [AccountID] = (0..<volunteers).map(makeVolunteer)

    static func volunteer(_ n: Int) -> AccountID { n >= 0 && n < volunteers ? volunteerIDs[n] : makeVolunteer(n) }

    private static func makeVolunteer(_ n: Int) -> AccountID { AccountID(unchecked: .volunteer, String(format: "V%06d", n)) }

    /// 08:30 local time on the n-th day from 2026-01-05: one award per
    /// volunteer a day keeps every award within the default rule set's caps.
    /// Made once, like the ids: formatting a time is the benchmark's input, not the ledger's work.
    static func serviceDay(_ n: Int) -> String { n >= 0 && n < serviceDays.count ? serviceDays[n] : makeServiceDay(n) }

    private static let serviceDays: [String] = (0..<400).map(makeServiceDay)

    private static func makeServiceDay(_ n: Int) -> String {
        let first: Int64 = 1_767_573_000_000  // 2026-01-05T08:30:00+08:00
        return Timestamp(millisecondsSince1970: first + Int64(n) * 86_400_000).format(offsetMinutes: 480)
    }

    /// An award entry as the service writes it.
    static func award(_ i: Int, writer: any LedgerWriting, rules: RuleSet, time: Timestamp) throws -> Entry {
        let district = try Scope("shizhong")
        let volunteer = volunteer(i % volunteers)
        let activity = Activity(
            id: "bench-\(i / 100)", category: "environment", minutes: Int64(30 + i % 240), start: Self.serviceDay(i / volunteers),
            scope: district, tags: [])
        let priced = try PricedAward(AwardRequest(volunteer: volunteer, activity: activity), rules: rules, reader: writer.reader, time: time)
        return try priced.entry(seq: writer.head.size, prev: writer.head.last, time: time, actor: .rootOperator, key: "bench-\(i)")
    }

    private mutating func measureBatchedAppend(_ service: LedgerService, rules: RuleSet) async throws {
        let count = entries
        let time = SystemClock().now()
        let seconds = try await Self.time {
            try await service.appendBatch { writer in
                for i in 0..<count { try writer.append(try Self.award(i, writer: writer, rules: rules, time: time)) }
            }
        }
        figures["batched"] = Self.rate(count, seconds)
        line("append, one transaction", "\(Self.format(figures["batched"]!)) entries/s", "price + canonical JSON + hash + Merkle + balances, \(count) entries")
    }

    private mutating func measurePlainBaseline(_ service: LedgerService) throws {
        let first = try service.info().size - Int64(entries)
        let end = first + Int64(entries)
        var seq = first
        let store = service.store
        let seconds = try place.plainInsert {
            guard seq < end else { return nil }
            var rows: [(seq: Int64, bytes: [UInt8])] = []
            try store.read { reader in
                try reader.forEachEntry(in: seq..<min(seq + 100_000, end)) { s, bytes, _ in rows.append((s, bytes)) }
            }
            seq += Int64(rows.count)
            return rows
        }
        figures["plain"] = Self.rate(entries, seconds)
        line("plain \(backend) insert, same bytes", "\(Self.format(figures["plain"]!)) rows/s", "the baseline: no hashing, no balances")
    }

    /// What the ledger's own schema costs for the same batch, with none of
    /// the ledger's code: the ceiling of any batched append on it.
    private mutating func measureSchemaFloor(_ service: LedgerService) throws {
        guard case .sqlite(let folder) = place else {
            line("ledger's rows alone, same batch", "not measured", "SQLite only: the rows are copied from the ledger's file")
            return
        }
        let end = try service.info().size
        let seconds = try SchemaFloor.writeRows(of: (end - Int64(entries))..<end, from: place.ledger, into: folder + "/floor.sqlite")
        figures["floor"] = Self.rate(entries, seconds)
        line("ledger's rows alone, same batch", "\(Self.format(figures["floor"]!)) entries/s", "entry, lot, movements, usage, subtrees, accounts; no pricing, JSON or hashing")
    }

    private mutating func measureDurableAppends(_ service: LedgerService, rules: RuleSet) async throws {
        let time = SystemClock().now()
        let offset = entries
        let seconds = try await Self.time {
            for i in 0..<durable {
                _ = try await service.appendBatch { writer in try writer.append(try Self.award(offset + i, writer: writer, rules: rules, time: time)) }
            }
        }
        figures["durable"] = Self.rate(durable, seconds)
        line("append, one durable tx each", "\(Self.format(figures["durable"]!)) entries/s", "fsync + signed checkpoint per entry, \(durable) entries")
    }

    private mutating func measureServiceAwards(_ service: LedgerService) async throws {
        let before = try service.checkpoint(CheckpointGetRequest()).size
        let checkpointsBefore = try service.store.read { try $0.count("checkpoints") }
        let district = try Scope("shizhong")
        let requests = (0..<self.requests).map { i in
            AwardRequest(
                volunteer: Self.volunteer(i % Self.volunteers),
                activity: Activity(id: "svc-\(i / 50)", category: "elder_care", minutes: 60, start: "2026-11-24T09:00:00+08:00", scope: district))
        }
        let seconds = try await Self.time {
            _ = try await DemoPlay.concurrently(Array(requests.enumerated()), window: 2048) { (i, request) in
                try await service.award(request, actor: .rootOperator, key: "svc-\(i)")
            }
        }
        let groups = try service.store.read { try $0.count("checkpoints") } - checkpointsBefore
        figures["service"] = Self.rate(self.requests, seconds)
        _ = before
        line("award requests, group commit", "\(Self.format(figures["service"]!)) requests/s", "\(self.requests) concurrent requests in \(groups) durable commits")
    }

    private mutating func measureRedemptions() async throws {
        let measured = try await Self.measureRedemptionPairs(path: place.ledger, keyPath: place.key, pairs: requests, earners: entries)
        figures["redeem"] = measured.rate
        line(
            "code + redeem pairs, group commit", "\(Self.format(measured.rate)) pairs/s",
            "\(requests) concurrent pairs (2 durable writes each) in \(measured.commits) commits with an entry")
    }

    /// The per-entry part of `verify` alone, on one core: parse, check canonical form, hash.
    private mutating func measureDecode(_ service: LedgerService) throws {
        var rows: [[UInt8]] = []
        let first = try service.info().size - Int64(min(entries, 50_000))
        try service.store.read { reader in try reader.forEachEntry(in: first..<Int64.max) { _, bytes, _ in rows.append(bytes) } }
        var sink: Int64 = 0
        let seconds = try Self.time {
            for bytes in rows { sink &+= try Entry.unseal(bytes, using: service.suite).entry.seq }
        }
        figures["decode"] = Self.rate(rows.count, seconds)
        line("entry decode, one core", "\(Self.format(figures["decode"]!)) entries/s", "parse + canonical check + leaf hash\(sink < 0 ? "!" : "")")
    }

    /// The floor under `verify`: read every stored entry and hash it, one core.
    private mutating func measureReadAndHash(_ service: LedgerService) throws {
        var count = 0
        var sink: UInt8 = 0
        let suite = service.suite
        let seconds = try Self.time {
            try service.store.read { reader in
                try reader.forEachEntry(in: 0..<Int64.max) { _, bytes, _ in
                    sink ^= suite.leafHash(bytes).bytes[0]
                    count += 1
                }
            }
        }
        figures["readHash"] = Self.rate(count, seconds)
        line("read entries + leaf hash, 1 core", "\(Self.format(figures["readHash"]!)) entries/s", "the floor under verify\(sink == 0 && count < 0 ? "!" : "")")
    }

    private mutating func measurePointSelect() throws {
        let count = place.isPostgres ? 20_000 : 200_000
        let seconds = try place.pointSelects(rows: Self.volunteers, count: count) { Self.volunteer($0).text }
        figures["select"] = seconds / Double(count) * 1e6
        let how = place.isPostgres ? "one statement through postgres-nio" : "a prepared statement"
        line("plain \(backend) point select", String(format: "%.1f µs", figures["select"]!), "a primary-key select of one account-like row, \(how)")
    }

    /// Heap allocations per award (priced and appended in one transaction),
    /// per `account.get` and per entry `verify` checks: counts that do not
    /// drift with the load.
    private mutating func measureAllocations(_ service: LedgerService, rules: RuleSet) async throws {
        var verified: Int64 = 0
        let verifying = try Allocations.count { verified = try LedgerService.verify(store: service.store, semantic: false).size }
        figures["allocVerify"] = Double(verifying) / Double(max(verified, 1))
        let count = 1_000
        let time = SystemClock().now()
        let offset = entries + durable
        let awards = try await Allocations.count {
            try await service.appendBatch { writer in
                for i in 0..<count { try writer.append(try Self.award(offset + i, writer: writer, rules: rules, time: time)) }
            }
        }
        let reads = try Allocations.count {
            for i in 0..<count { _ = try service.account(AccountGetRequest(account: Self.volunteer(i)), actor: .rootOperator) }
        }
        figures["allocAward"] = Double(awards) / Double(count)
        figures["allocRead"] = Double(reads) / Double(count)
        line("allocations per award", Self.format(figures["allocAward"]!), "malloc calls, whole process, \(count) awards in one transaction")
        line("allocations per account.get", Self.format(figures["allocRead"]!), "malloc calls, whole process, \(count) reads")
        line("allocations per verified entry", Self.format(figures["allocVerify"]!), "malloc calls, whole process, one verify of \(verified) entries")
    }

    private mutating func measureVerify(_ service: LedgerService) throws {
        var report: VerifyReport?
        let seconds = try Self.time { report = try LedgerService.verify(store: service.store, semantic: false) }
        guard let report, report.ok else { throw LedgerError(.ledger_invalid, "the benchmark ledger does not verify: \(report?.problems.first?.problem ?? "")") }
        figures["verify"] = Self.rate(Int(report.size), seconds)
        figures["verifySize"] = Double(report.size)
        line("verify", "\(Self.format(figures["verify"]!)) entries/s", "\(report.size) entries, \(report.checkpoints) checkpoints, every balance")
    }

    /// The reads `verify` cannot do without, on the one connection its snapshot is on.
    private mutating func measureVerifyReads() throws {
        guard !place.isPostgres else {
            line("every row verify reads, 1 conn.", "not measured", "SQLite only")
            return
        }
        let (rows, seconds) = try VerifyReadFloor.readEveryRow(ofLedgerAt: place.ledger)
        figures["verifyReads"] = Self.rate(Int(figures["verifySize"]!), seconds)
        line("every row verify reads, 1 conn.", "\(Self.format(figures["verifyReads"]!)) entries/s", "\(rows) rows of 13 tables, stepped through, nothing decoded")
    }

    private mutating func measureBalanceLookup(_ service: LedgerService) throws {
        let count = place.isPostgres ? 20_000 : 100_000
        var total: Int64 = 0
        let seconds = try Self.time {
            for i in 0..<count {
                total &+= try service.account(AccountGetRequest(account: Self.volunteer((i &* 7919) % Self.volunteers)), actor: .rootOperator).balance
            }
        }
        figures["lookup"] = seconds / Double(count) * 1e6
        line("balance lookup (account.get)", String(format: "%.1f µs", figures["lookup"]!), "\(count) lookups\(total < 0 ? "!" : "")")
    }

    private func printSummary() {
        func ratio(_ name: String, _ value: Double, _ goal: String) {
            print("  " + name.padding(toLength: 44, withPad: " ", startingAt: 0) + String(format: "%6.2f×", value).padding(toLength: 10, withPad: " ", startingAt: 0) + goal)
        }
        print("\nratios to the baselines of this run, and goals:")
        ratio("batched append / plain \(backend) insert", figures["batched"]! / figures["plain"]!, "goal ≥ 0.40×")
        if let floor = figures["floor"] {
            ratio("ledger's rows alone / plain \(backend) insert", floor / figures["plain"]!, "(the schema's ceiling for the append)")
            ratio("batched append / ledger's rows alone", figures["batched"]! / floor, "(the share of the append that is SQL)")
        }
        ratio("verify / (read + leaf hash, one core)", figures["verify"]! / figures["readHash"]!, "goal ≥ 0.50×")
        if let reads = figures["verifyReads"] {
            ratio("every row verify reads / (read + leaf hash)", reads / figures["readHash"]!, "(verify's ceiling on one connection)")
            ratio("verify / every row it reads", figures["verify"]! / reads, "(the share of verify that is reading)")
        }
        ratio("entry decode / (read + leaf hash)", figures["decode"]! / figures["readHash"]!, "goal: decode ≥ 185,000/s (10× session 3)")
        ratio("account.get / plain point select (time)", figures["lookup"]! / figures["select"]!, "goal: account.get ≤ 20 µs")
        ratio("award requests / batched append", figures["service"]! / figures["batched"]!, "goal ≥ 0.50×")
        ratio("code + redeem pairs / award requests", figures["redeem"]! / figures["service"]!, "goal ≥ 0.50×, and ≥ 5,000 pairs/s")
        ratio("durable single / batched", figures["durable"]! / figures["batched"]!, "(what group commit saves)")
        print(
            "  allocations: \(Self.format(figures["allocAward"]!)) per award, \(Self.format(figures["allocRead"]!)) per account.get,"
                + " \(Self.format(figures["allocVerify"]!)) per verified entry")
        if let one = figures["writers1"] {
            for writers in Self.writerCounts.dropFirst() {
                ratio("\(writers) writer processes / 1", figures["writers\(writers)"]! / one, "(several servers on one chain, SPEC §17)")
            }
        }
    }
}
