public import JiazhouCore
import GRDB
import Foundation

/// The status of each account an `account.update` entry ever set (accounts
/// never updated are active and have no row). Derived from the entries
/// alone, in the entry's own transaction, so `import` rebuilds it and
/// `verify` compares it with the replay.
enum AccountStatusTable {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v6-account-status") { db in
            try db.execute(sql: """
                CREATE TABLE account_status (
                    account TEXT PRIMARY KEY NOT NULL REFERENCES accounts(id),
                    status TEXT NOT NULL CHECK (status IN ('active', 'suspended')),
                    -- The account.update entry that set it.
                    seq INTEGER NOT NULL REFERENCES entries(seq) DEFERRABLE INITIALLY DEFERRED
                ) WITHOUT ROWID;
                """)
        }
    }
}

extension StoreReader {
    /// The account's status: active unless an `account.update` set another.
    public func status(of account: AccountID) throws -> AccountStatus {
        var select = try DirectStatement(db, sql: "SELECT status FROM account_status WHERE account = ?")
        select.bind(account.text)
        guard let text = try select.first({ $0.text(0) }) else { return .active }
        return try AccountStatus(stored: text, of: account)
    }

    /// Every status row, with the seq that set it; for `verify`.
    public func forEachAccountStatus(_ body: (_ account: String, _ status: String, _ seq: Int64) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT account, status, seq FROM account_status")
        while let row = try rows.next() { try body(row[0], row[1], row[2]) }
    }
}
