public import JiazhouCore
public import JiazhouRules
public import JiazhouStorage
import JiazhouStore
import JiazhouPostgres
public import Logging
import Foundation
import Synchronization

/// Every operation of the ledger, once. Both transports (JSON-RPC and HTTP)
/// and the CLI call these methods, so they cannot drift.
///
/// Writes go through one ``CommitQueue`` (one writer, group commit); reads
/// run on a snapshot. Authorization is decided here, on (principal,
/// operation, scope), not in the transports.
///
/// ```swift
/// let ledger = try LedgerService.open(path: "jiazhou.sqlite")
/// let result = try await ledger.award(AwardRequest(volunteer: v, activity: a), actor: coordinator, key: "sheet-12:V000123")
/// ```
public final class LedgerService: Sendable {
    public let store: any LedgerStorage
    public let origin: String
    let signer: any NoteSigning
    let clock: any Clock
    let random: any RandomSource
    private let queue: CommitQueue
    /// Parsed rule sets by version; parsing YAML per award would be wasteful.
    private let ruleSets = Mutex<[Int64: RuleSet]>([:])
    /// `unknown_code` refusals by merchant, for `rate_limited`.
    let codeThrottle = CodeThrottle()

    init(store: any LedgerStorage, signer: any NoteSigning, clock: any Clock, random: any RandomSource, logger: Logger) {
        self.store = store
        self.origin = signer.name
        self.signer = signer
        self.clock = clock
        self.random = random
        self.queue = CommitQueue(store: store, logger: logger) { writer, sizeBefore in
            guard writer.head.size > sizeBefore else { return }
            let checkpoint = Checkpoint(origin: signer.name, size: writer.head.size, root: writer.head.root)
            try writer.storeCheckpoint(size: checkpoint.size, root: checkpoint.root, note: signer.signNote(checkpoint.body))
        }
    }

    /// The ledger's hash suite, named by its genesis entry.
    public var suite: HashSuite { store.suite }

    /// Opens an existing ledger and its signing key (by default the file
    /// beside the database, `PATH.key`), checking that the key is of the
    /// ledger's hash suite (the one genesis names) and is the key genesis names.
    public static func open(
        path: String, keyPath: String? = nil, readonly: Bool = false, maxPages: Int? = nil, lockWaitSeconds: Double = Limits.lockWaitSeconds,
        clock: any Clock = SystemClock(),
        random: any RandomSource = SystemRandom(), logger: Logger = Logger(label: "jiazhou")
    ) throws(LedgerError) -> LedgerService {
        let store = try openStore(path: path, readonly: readonly, maxPages: maxPages, lockWaitSeconds: lockWaitSeconds)
        let signer = try KeyFile.read(path: try KeyFile.path(keyPath, forDatabase: path), suite: store.suite)
        let verifierKey = try store.read { try $0.meta("verifier_key") }
        guard verifierKey == signer.verifier.verifierKey else {
            throw LedgerError(.ledger_invalid, "the key file's key \(signer.verifier.verifierKey) is not this ledger's (\(verifierKey ?? "none")); is it the key of another ledger?")
        }
        return LedgerService(store: store, signer: signer, clock: clock, random: random, logger: logger)
    }

    /// Opens a ledger's database alone, without its key (for `verify`,
    /// `export`, an auditor's copy), with the hash suite its genesis names
    /// out of every suite this build knows.
    ///
    /// The one place that decides the backend, with ``createStore(path:suite:)``:
    /// a `postgres://` URL is a PostgreSQL database (SPEC §17; `maxPages` and
    /// `lockWaitSeconds` are SQLite's), anything else a SQLite file.
    public static func openStore(
        path: String, readonly: Bool = false, maxPages: Int? = nil, lockWaitSeconds: Double = Limits.lockWaitSeconds
    ) throws(LedgerError) -> any LedgerStorage {
        if isPostgresURL(path) { return try PostgresLedgerStore.open(try PostgresLocation(url: path), readonly: readonly, suites: .standard) }
        return try LedgerStore.open(path: path, readonly: readonly, maxPages: maxPages, lockWaitSeconds: lockWaitSeconds, suites: .standard)
    }

    /// A new, empty ledger's storage at `path` (a file, or an empty PostgreSQL database named by URL).
    static func createStore(path: String, suite: HashSuite) throws(LedgerError) -> any LedgerStorage {
        if isPostgresURL(path) { return try PostgresLedgerStore.create(try PostgresLocation(url: path), suite: suite) }
        return try LedgerStore.create(path: path, suite: suite)
    }

    /// Whether `path` names a PostgreSQL ledger (`postgres://…`) rather than a SQLite file.
    public static func isPostgresURL(_ path: String) -> Bool { PostgresLocation.isURL(path) }

    /// A PostgreSQL ledger is backed up with PostgreSQL's tools: throws what to do (its store's message).
    public static func refuseBackup(ofPostgres path: String, to target: String) throws(LedgerError) {
        try openStore(path: path, readonly: true).backup(to: target)
    }

    /// The ledger's name for messages: the path, or the URL without its password.
    public static func displayName(_ path: String) -> String {
        guard isPostgresURL(path) else { return path }
        return (try? PostgresLocation(url: path, environment: [:]).description) ?? "the PostgreSQL ledger"
    }

    /// Calls `observer` with the number of requests in each commit group,
    /// once the group is durable: for metrics. One observer; a later call replaces it.
    public func observeCommitGroups(_ observer: @escaping @Sendable (_ requests: Int) -> Void) {
        queue.observeGroups(observer)
    }

    /// Runs `body` as one request in the next commit group.
    func commit<T: Sendable>(_ body: @escaping @Sendable (inout any LedgerWriting) throws -> T) async throws(LedgerError) -> T {
        try await queue.enqueue(body).value
    }

    /// Appends whatever `body` appends, as one request of the next commit
    /// group (so with one fsync and a signed checkpoint). It bypasses the
    /// operations' validation and authorization: for trusted bulk loaders and
    /// benchmarks in the operator's own process, never for a client request.
    public func appendBatch<T: Sendable>(_ body: @escaping @Sendable (inout any LedgerWriting) throws -> T) async throws(LedgerError) -> T {
        try await commit(body)
    }

    /// Like ``appendBatch(_:)``, in a transaction of its own, so that `body`
    /// may write back part-way (``LedgerWriting/writeBack()``): a sheet of a
    /// million rows.
    public func appendBulk<T: Sendable>(_ body: @escaping @Sendable (inout any LedgerWriting) throws -> T) async throws(LedgerError) -> T {
        try await queue.enqueue(alone: true, body).value
    }

    /// A write, enqueued now, in call order. With an idempotency key, the same
    /// key with the same params returns the first result and writes nothing;
    /// with other params it is `idempotency_conflict`. Keys are per actor.
    func write<Params: Encodable, Result: Codable & Sendable>(
        _ method: String, actor: AccountID, key: String?, params: Params,
        _ body: @escaping @Sendable (inout WriteContext) throws -> Result
    ) -> Durable<Result> {
        let requestHash: Hash
        do {
            requestHash = try Self.requestHash(method: method, params: params)
            if let key { try Self.validateKey(key) }
        } catch {
            return Durable(refused: error)
        }
        let now = clock.now()
        return queue.enqueue { writer in
            if let key, let first = try writer.reader.idempotency(actor: actor, key: key) {
                guard first.requestHash == requestHash.bytes else {
                    throw LedgerError(.idempotency_conflict, "key \"\(key)\" was already used by \(actor) with different parameters; use a new key")
                }
                return try JSONDecoder().decode(Result.self, from: Data(first.result))
            }
            var context = WriteContext(writer: writer, actor: actor, key: key, time: now, service: self)
            let result = try body(&context)
            writer = context.writer
            if let key {
                try writer.recordIdempotency(actor: actor, key: key, requestHash: requestHash, result: try JSONValueEncoder.canonicalBytes(result))
            }
            return result
        }
    }

    static func requestHash(method: String, params: some Encodable) throws(LedgerError) -> Hash {
        let value = try JSONValue(encoding: params)
        return TreeHasher.sha256(JSONValue.object(["method": .string(method), "params": value]).canonicalBytes)
    }

    public static func validateKey(_ key: String) throws(LedgerError) {
        guard (1...Limits.idempotencyKeyBytes).contains(key.utf8.count), !key.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
            throw LedgerError(.invalid_request, "the idempotency key must be 1–\(Limits.idempotencyKeyBytes) bytes of printable text")
        }
    }

    /// Runs `body` on a consistent snapshot.
    func read<T>(_ body: (any LedgerReading) throws -> T) throws(LedgerError) -> T {
        try store.read(body)
    }

    /// The rule set of `version`, parsed once.
    func ruleSet(version: Int64, reader: any LedgerReading) throws -> RuleSet {
        if let cached = ruleSets.withLock({ $0[version] }) { return cached }
        guard let stored = try reader.ruleSet(version: version) else {
            throw LedgerError(.rules_invalid, "rule set v\(version) was never published")
        }
        let parsed = try RuleSet(yaml: stored.text)
        ruleSets.withLock { $0[version] = parsed }
        return parsed
    }

    /// The rule set in force.
    public func currentRuleSet(reader: any LedgerReading) throws -> RuleSet {
        try currentRuleSet(version: try reader.currentRuleSetVersion(), reader: reader)
    }

    /// The rule set in force, its version already read (`nil`: none published).
    func currentRuleSet(version: Int64?, reader: any LedgerReading) throws -> RuleSet {
        guard let version else { throw LedgerError(.rules_invalid, "no rule set has been published") }
        return try ruleSet(version: version, reader: reader)
    }
}

/// What a write operation works with: the transaction, the actor, the key
/// and the time, fixed once per request.
struct WriteContext {
    var writer: any LedgerWriting
    let actor: AccountID
    let key: String?
    let time: Timestamp
    let service: LedgerService

    var reader: any LedgerReading { writer.reader }

    /// Runs `body` in a savepoint of the request's transaction: if it throws,
    /// what it wrote is undone and the rest of the request goes on (one row
    /// of a batch).
    mutating func attempt<T>(_ body: (inout WriteContext) throws -> T) throws -> T {
        let (actor, key, time, service) = (self.actor, self.key, self.time, self.service)
        return try writer.attempt { writer in
            var inner = WriteContext(writer: writer, actor: actor, key: key, time: time, service: service)
            defer { writer = inner.writer }
            return try body(&inner)
        }
    }

    /// Appends a priced award at the head, with its typed data.
    @discardableResult
    mutating func append(_ award: PricedAward) throws -> Entry.Sealed {
        try writer.append(award.entry(seq: writer.head.size, prev: writer.head.last, time: time, actor: actor, key: key))
    }

    /// Appends a redemption at the head, with its typed data.
    @discardableResult
    mutating func append(redemption: RedeemData, postings: [Posting]) throws -> Entry.Sealed {
        try writer.append(Entry(seq: writer.head.size, prev: writer.head.last, time: time, actor: actor, key: key, postings: postings, redemption: redemption))
    }

    /// Appends an entry at the head, filling seq, prev, time, actor and key.
    @discardableResult
    mutating func append(_ kind: Entry.Kind, postings: [Posting] = [], data: JSONValue) throws -> Entry.Sealed {
        let entry = Entry(
            seq: writer.head.size, prev: writer.head.last, time: time, kind: kind, actor: actor, key: key, postings: postings, data: data)
        return try writer.append(entry)
    }
}

extension JSONValue {
    /// The JSON value of an `Encodable`.
    init(encoding value: some Encodable) throws(LedgerError) {
        do { self = try JSONValueEncoder().encode(value) } catch {
            throw LedgerError(.invalid_request, "the request cannot be encoded: \(error)")
        }
    }
}
