public import JiazhouCore
public import JiazhouRules
import JiazhouStorage
import JiazhouStore
public import Logging

/// What `jiazhou init` makes.
public struct LedgerSetup: Sendable {
    /// The checkpoint origin and key name, e.g. `jiazhou.example/shizhong`.
    public var origin: String
    /// The top of the governance tree: the operator's scope.
    public var district: Scope
    /// The rule set published at seq 4 (by default the built-in one).
    public var rules: String
    /// The hash suite of every hash and checkpoint signature, for the life
    /// of the ledger (by default `sha256-ed25519`).
    public var suite: HashSuite
    /// The office named on certificates as their issuer (default: ``LedgerService/defaultCertificateOffice``).
    public var office: String?

    public init(origin: String, district: Scope, rules: String = DefaultRuleSet.text, suite: HashSuite = .sha256Ed25519, office: String? = nil) {
        self.origin = origin
        self.district = district
        self.rules = rules
        self.suite = suite
        self.office = office
    }
}

extension LedgerService {
    /// Creates a new ledger at `path` with its key file beside it: genesis
    /// (naming the suite), the root operator, the system sinks and the first
    /// rule set. The key is the suite's.
    public static func initialize(
        path: String, keyPath: String? = nil, setup: LedgerSetup, clock: any Clock = SystemClock(),
        random: any RandomSource = SystemRandom(), logger: Logger = Logger(label: "jiazhou")
    ) async throws(LedgerError) -> LedgerService {
        let keyPath = try KeyFile.path(keyPath, forDatabase: path)
        let signer = try setup.suite.generateSigner(name: setup.origin, randomBytes: { random.bytes($0) })
        _ = try RuleSet(yaml: setup.rules)
        if let office = setup.office, !(1...Self.certificateOfficeCharacters).contains(office.unicodeScalars.count) {
            throw LedgerError(.invalid_request, "the certificate office must be 1 to \(Self.certificateOfficeCharacters) characters")
        }
        let store = try createStore(path: path, suite: setup.suite)
        try KeyFile.write(signer, path: keyPath)
        let service = LedgerService(store: store, signer: signer, clock: clock, random: random, logger: logger)
        try await service.writeGenesis(setup)
        return service
    }

    /// A ledger in memory with a key in memory, for tests.
    public static func inMemory(setup: LedgerSetup, clock: any Clock, random: any RandomSource, logger: Logger = Logger(label: "jiazhou")) async throws(LedgerError) -> LedgerService {
        let signer = try setup.suite.generateSigner(name: setup.origin, randomBytes: { random.bytes($0) })
        let service = LedgerService(store: try LedgerStore.inMemory(suite: setup.suite), signer: signer, clock: clock, random: random, logger: logger)
        try await service.writeGenesis(setup)
        return service
    }

    private func writeGenesis(_ setup: LedgerSetup) async throws(LedgerError) {
        let rules = try RuleSet(yaml: setup.rules)
        let now = clock.now()
        let verifierKey = signer.verifier.verifierKey
        try await commit { [self] writer in
            var context = WriteContext(writer: writer, actor: .rootOperator, key: nil, time: now, service: self)
            context.writer = writer
            try context.append(.genesis, data: ["origin": .string(origin), "suite": .string(suite.name), "verifier_key": .string(verifierKey)])
            for (id, scope) in [(AccountID.rootOperator, setup.district), (.expiredSink, setup.district), (.settledSink, setup.district)] {
                try context.append(.accountOpen, data: ["account": .string(id.text), "scope": .string(scope.path), "tags": []])
            }
            try Self.appendRuleSet(rules, context: &context)
            writer = context.writer
            if let office = setup.office { try writer.setMeta(Self.certificateOfficeMeta, office) }
        }
    }

    /// Appends a `rules.publish` entry and records the rule set as in force.
    static func appendRuleSet(_ rules: RuleSet, context: inout WriteContext) throws {
        try context.append(.rulesPublish, data: ["version": .integer(rules.version), "hash": .string(rules.hash.hex), "text": .string(rules.text)])
    }
}
