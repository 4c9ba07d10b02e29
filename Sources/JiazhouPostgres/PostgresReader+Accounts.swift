public import JiazhouCore
public import JiazhouStorage

extension PostgresReader {
    static let accountColumns = "id, scope, tags, budget, opened_seq, balance, earned, minutes"

    static func account(_ row: Row) throws -> Account {
        let tagsText = try row.text(2)
        let tags = tagsText == "[]" ? [] : try JSONParser.parse(tagsText).arrayValue?.compactMap(\.stringValue) ?? []
        return Account(
            id: try AccountID(try row.text(0)), scope: try Scope(try row.text(1)), tags: tags, budget: try row.optionalInt64(3),
            openedSeq: try row.int64(4), balance: try row.int64(5), earned: try row.int64(6), minutes: try row.int64(7))
    }

    public func account(_ id: AccountID) throws -> Account? {
        if let rows { return try rows.account(id, from: PostgresReader(connection: connection, suite: suite)) }
        return try committedAccount(id)
    }

    public func committedAccount(_ id: AccountID) throws -> Account? {
        try one("SELECT \(Self.accountColumns) FROM accounts WHERE id = $1", [.text(id.text)]).map(Self.account)
    }

    public func forEachAccount(_ body: (Account) throws -> Void) throws {
        for row in try rows("SELECT \(Self.accountColumns) FROM accounts ORDER BY id COLLATE \"C\"") { try body(try Self.account(row)) }
    }

    public func forEachAccountKind(_ body: (_ id: String, _ kind: String) throws -> Void) throws {
        for row in try rows("SELECT id, kind FROM accounts ORDER BY id COLLATE \"C\"") { try body(try row.text(0), try row.text(1)) }
    }

    public func status(of account: AccountID) throws -> AccountStatus {
        guard let text = try one("SELECT status FROM account_status WHERE account = $1", [.text(account.text)])?.text(0) else { return .active }
        return try AccountStatus(stored: text, of: account)
    }

    /// In one round trip; the three reads take three.
    public func accountWithStatus(_ id: AccountID) throws -> (account: Account, status: AccountStatus, ruleSetVersion: Int64?)? {
        if rows != nil { return try accountWithStatusInThreeReads(id) }
        let sql = """
            SELECT \(Self.accountColumns), (SELECT status FROM account_status WHERE account = accounts.id), (SELECT max(version) FROM rulesets)
            FROM accounts WHERE id = $1
            """
        guard let row = try one(sql, [.text(id.text)]) else { return nil }
        let status = try row.optionalText(8).map { text throws(LedgerError) in try AccountStatus(stored: text, of: id) } ?? .active
        return (try Self.account(row), status, try row.optionalInt64(9))
    }

    public func forEachAccountStatus(_ body: (_ account: String, _ status: String, _ seq: Int64) throws -> Void) throws {
        for row in try rows("SELECT account, status, seq FROM account_status") { try body(try row.text(0), try row.text(1), try row.int64(2)) }
    }

    public func movements(of account: AccountID, after: Int64?, limit: Int) throws -> [(seq: Int64, points: Int64)] {
        try rows(
            "SELECT seq, points FROM movements WHERE account = $1 AND seq > $2 ORDER BY seq LIMIT $3",
            [.text(account.text), .int(after ?? -1), .int(Int64(limit))]
        ).map { (try $0.int64(0), try $0.int64(1)) }
    }

    public func movements(of account: String) throws -> [(seq: Int64, points: Int64)] {
        try rows("SELECT seq, points FROM movements WHERE account = $1 ORDER BY seq", [.text(account)]).map { (try $0.int64(0), try $0.int64(1)) }
    }

    /// Every movement in (account, seq) order, the bytes' order as SQLite sorts (COLLATE "C").
    public func forEachMovement(_ body: (_ account: String, _ seq: Int64, _ points: Int64) throws -> Void) throws {
        for row in try rows("SELECT account, seq, points FROM movements ORDER BY account COLLATE \"C\", seq") {
            try body(try row.text(0), try row.int64(1), try row.int64(2))
        }
    }

    public func profile(of account: AccountID) throws -> (salt: [UInt8], text: String)? {
        try one("SELECT salt, profile FROM profiles WHERE account = $1", [.text(account.text)]).map { (try $0.bytes(0), try $0.text(1)) }
    }

    public func forEachProfile(_ body: (_ account: String, _ salt: [UInt8], _ text: String) throws -> Void) throws {
        for row in try rows("SELECT account, salt, profile FROM profiles ORDER BY account COLLATE \"C\"") {
            try body(try row.text(0), try row.bytes(1), try row.text(2))
        }
    }

    public func reversal(of seq: Int64) throws -> Int64? {
        try one("SELECT reversal_seq FROM reversals WHERE original_seq = $1", [.int(seq)])?.int64(0)
    }

    public func reversals() throws -> [Int64: Int64] {
        Dictionary(uniqueKeysWithValues: try rows("SELECT original_seq, reversal_seq FROM reversals").map { (try $0.int64(0), try $0.int64(1)) })
    }

    public func usage(_ account: AccountID, period: String) throws -> UsageFigures {
        let key = UsageDelta.Key(account: account, period: period)
        if let rows { return try rows.usage(key, from: PostgresReader(connection: connection, suite: suite)) }
        return try committedUsage(key) ?? UsageFigures()
    }

    public func committedUsage(_ key: UsageDelta.Key) throws -> UsageFigures? {
        try one("SELECT points, minutes FROM usage WHERE account = $1 AND period = $2", [.text(key.account.text), .text(key.period)])
            .map { UsageFigures(points: try $0.int64(0), minutes: try $0.int64(1)) }
    }

    public func forEachUsage(_ body: (_ account: String, _ period: String, UsageFigures) throws -> Void) throws {
        for row in try rows("SELECT account, period, points, minutes FROM usage ORDER BY account COLLATE \"C\", period COLLATE \"C\"") {
            try body(try row.text(0), try row.text(1), UsageFigures(points: try row.int64(2), minutes: try row.int64(3)))
        }
    }
}
