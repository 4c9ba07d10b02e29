public import JiazhouCore

/// `ledger.verify`: recompute everything from the stored bytes.
public struct VerifyRequest: Codable, Sendable, Equatable {
    /// Also re-price every award from its recorded facts and the rule set
    /// that the award names.
    public var semantic: Bool?
    public init(semantic: Bool? = nil) { self.semantic = semantic }
}

/// What `verify` found: `ok` only when there is no problem at all.
public struct VerifyReport: Codable, Sendable, Equatable {
    public struct Problem: Codable, Sendable, Equatable, CustomStringConvertible {
        /// Where the problem starts, when it is about an entry.
        public var seq: Int64?
        public var problem: String
        public var description: String { seq.map { "entry \($0): \(problem)" } ?? problem }
    }

    public var ok: Bool { problems.isEmpty }
    public var size: Int64
    public var root: Hash
    public var checkpoints: Int
    public var accounts: Int
    public var awardsRepriced: Int
    public var problems: [Problem]
    /// Set when more problems were found than are listed.
    public var truncated: Bool

    /// Most problems listed; verification goes on counting past this.
    static let maxProblems = 1000

    enum CodingKeys: String, CodingKey {
        case ok, size, root, checkpoints, accounts, problems, truncated
        case awardsRepriced = "awards_repriced"
    }

    public init(size: Int64, root: Hash, checkpoints: Int, accounts: Int, awardsRepriced: Int, problems: [Problem], truncated: Bool) {
        self.size = size
        self.root = root
        self.checkpoints = checkpoints
        self.accounts = accounts
        self.awardsRepriced = awardsRepriced
        self.problems = problems
        self.truncated = truncated
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        size = try c.decode(Int64.self, forKey: .size)
        root = try c.decode(Hash.self, forKey: .root)
        checkpoints = try c.decode(Int.self, forKey: .checkpoints)
        accounts = try c.decode(Int.self, forKey: .accounts)
        awardsRepriced = try c.decode(Int.self, forKey: .awardsRepriced)
        problems = try c.decode([Problem].self, forKey: .problems)
        truncated = try c.decode(Bool.self, forKey: .truncated)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(ok, forKey: .ok)
        try c.encode(size, forKey: .size)
        try c.encode(root, forKey: .root)
        try c.encode(checkpoints, forKey: .checkpoints)
        try c.encode(accounts, forKey: .accounts)
        try c.encode(awardsRepriced, forKey: .awardsRepriced)
        try c.encode(problems, forKey: .problems)
        try c.encode(truncated, forKey: .truncated)
    }
}
