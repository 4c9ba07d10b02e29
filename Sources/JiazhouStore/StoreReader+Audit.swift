public import JiazhouCore
import GRDB
import Foundation

/// Reads for `verify` over the tables it compares with the chain: movements
/// (the history index), the kind column of accounts, and the off-chain
/// profiles. Each is one sequential scan in primary-key order: no sort, no
/// table in memory.
extension StoreReader {
    /// Every movement in (account, seq) order.
    public func forEachMovement(_ body: (_ account: String, _ seq: Int64, _ points: Int64) throws -> Void) throws {
        try forEachMovementLent { account, seq, points in try body(String(decoding: account, as: UTF8.self), seq, points) }
    }

    public func forEachMovementLent(_ body: (_ account: UnsafeRawBufferPointer, _ seq: Int64, _ points: Int64) throws -> Void) throws {
        var select = try DirectStatement(db, scanning: "SELECT account, seq, points FROM movements ORDER BY account, seq")
        try select.forEach { row in try body(row.lentText(0), row.int64(1), row.int64(2)) }
    }

    /// One account's movements, oldest first; for locating a difference.
    public func movements(of account: String) throws -> [(seq: Int64, points: Int64)] {
        try Row.fetchAll(db, sql: "SELECT seq, points FROM movements WHERE account = ? ORDER BY seq", arguments: [account]).map { ($0[0], $0[1]) }
    }

    /// Every account id with its stored kind column.
    public func forEachAccountKind(_ body: (_ id: String, _ kind: String) throws -> Void) throws {
        var select = try DirectStatement(db, scanning: "SELECT id, kind FROM accounts ORDER BY id")
        try select.forEach { row in try body(row.text(0), row.text(1)) }
    }

    /// Every stored profile: account, salt and text.
    public func forEachProfile(_ body: (_ account: String, _ salt: [UInt8], _ text: String) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT account, salt, profile FROM profiles ORDER BY account")
        while let row = try rows.next() { try body(row[0], [UInt8](row[1] as Data), row[2]) }
    }
}
