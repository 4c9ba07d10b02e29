public import JiazhouCore
import GRDB

extension StoreReader {
    /// An account's usage in a period (`day:2026-11-23`, `budget:2026-11`, …).
    public func usage(_ account: AccountID, period: String) throws -> UsageFigures {
        let key = UsageDelta.Key(account: account, period: period)
        if let rows { return try rows.usage(key, from: StoreReader(db: db, suite: suite)) }
        return try committedUsage(key) ?? UsageFigures()
    }

    /// Every usage row, in (account, period) order (the primary key's); for `verify`.
    public func forEachUsage(_ body: (_ account: String, _ period: String, UsageFigures) throws -> Void) throws {
        try forEachUsageLent { account, period, figures in
            try body(String(decoding: account, as: UTF8.self), String(decoding: period, as: UTF8.self), figures)
        }
    }

    public func forEachUsageLent(_ body: (_ account: UnsafeRawBufferPointer, _ period: UnsafeRawBufferPointer, UsageFigures) throws -> Void) throws {
        var select = try DirectStatement(db, scanning: "SELECT account, period, points, minutes FROM usage ORDER BY account, period")
        try select.forEach { row in try body(row.lentText(0), row.lentText(1), UsageFigures(points: row.int64(2), minutes: row.int64(3))) }
    }

    /// A volunteer's lots with points left, oldest first. Through a direct
    /// statement, not GRDB's rows: every redemption and transfer reads them
    /// on the writer's thread, where reading them as rows was a tenth of a
    /// redemption's time.
    public func openLots(of volunteer: AccountID) throws -> [Lot] {
        var select = try DirectStatement(db, sql: Self.selectOpenLots)
        select.bind(volunteer.text)
        var lots: [Lot] = []
        // The query names the volunteer: the lots are theirs, without reading the id back.
        try select.forEach { row in lots.append(Self.lot(row, volunteer: volunteer)) }
        return lots
    }

    /// The lot an award opened, if it earned points.
    public func lot(ofAward seq: Int64) throws -> Lot? {
        var select = try DirectStatement(db, sql: Self.selectLot)
        select.bind(seq)
        return try select.first { row in Self.lot(row, volunteer: try AccountID(row.text(1))) }
    }

    /// Up to `limit` open lots whose expiry is at or before `asOf`, by expiry
    /// then seq: what an expiry run writes off next.
    public func expiredLots(asOf: Timestamp, limit: Int) throws -> [Lot] {
        try Row.fetchAll(
            try db.cachedStatement(
                sql: "SELECT \(Self.lotColumns) FROM lots WHERE expires_ms <= ? AND remaining > 0 AND expires_ms IS NOT NULL ORDER BY expires_ms, seq LIMIT ?"),
            arguments: [asOf.millisecondsSince1970, limit]
        ).map(Self.lot)
    }

    /// Every lot; for `verify`.
    public func forEachLot(_ body: (Lot) throws -> Void) throws {
        var select = try DirectStatement(db, scanning: "SELECT \(Self.lotColumns) FROM lots ORDER BY seq")
        try select.forEach { row in try body(Self.lot(row, volunteer: try AccountID(row.text(1)))) }
    }

    /// What a volunteer's unspent points can do at `now`; `soon` is the
    /// horizon for ``LotSummary/expiringSoon``.
    public func lotSummary(of volunteer: AccountID, now: Timestamp, soon: Timestamp) throws -> LotSummary {
        // One aggregate over the open lots: account.get runs this for every
        // volunteer read, and a long-serving volunteer has hundreds of lots.
        // Numbered parameters bound by position (?1 now, ?2 soon, ?3 the
        // volunteer): GRDB's named arguments cost more than the query.
        var select = try DirectStatement(db, sql: Self.selectLotSummary)
        select.bind(now.millisecondsSince1970)
        select.bind(soon.millisecondsSince1970)
        select.bind(volunteer.text)
        return try select.first { row in
            LotSummary(spendable: row.int64(2), pending: row.int64(1), expiringSoon: row.int64(3), expired: row.int64(0))
        } ?? LotSummary()
    }

    /// On one line: GRDB finds a cached statement by hashing its whole
    /// text, and the indentation was most of this one's.
    static let selectLotSummary =
        "SELECT coalesce(sum(CASE WHEN expires_ms IS NOT NULL AND expires_ms <= ?1 THEN remaining END), 0),"
        + " coalesce(sum(CASE WHEN (expires_ms IS NULL OR expires_ms > ?1) AND available_ms > ?1 THEN remaining END), 0),"
        + " coalesce(sum(CASE WHEN (expires_ms IS NULL OR expires_ms > ?1) AND available_ms <= ?1 THEN remaining END), 0),"
        + " coalesce(sum(CASE WHEN expires_ms > ?1 AND expires_ms <= ?2 AND available_ms <= ?1 THEN remaining END), 0)"
        + " FROM lots WHERE volunteer = ?3 AND remaining > 0"

    static let lotColumns = "seq, volunteer, points, remaining, available_ms, expires_ms"
    /// Built once, as ``StoreReader/selectAccount``.
    static let selectOpenLots = "SELECT \(lotColumns) FROM lots WHERE volunteer = ? AND remaining > 0 ORDER BY seq"
    static let selectLot = "SELECT \(lotColumns) FROM lots WHERE seq = ?"

    /// A lot from the columns of ``lotColumns``; `volunteer` is column 1's.
    static func lot(_ row: DirectRow, volunteer: AccountID) -> Lot {
        Lot(
            seq: row.int64(0), volunteer: volunteer, points: row.int64(2), remaining: row.int64(3),
            available: Timestamp(millisecondsSince1970: row.int64(4)), expires: row.optionalInt64(5).map(Timestamp.init(millisecondsSince1970:)))
    }

    static func lot(_ row: Row) throws -> Lot {
        Lot(
            seq: row[0], volunteer: try AccountID(row[1] as String), points: row[2], remaining: row[3],
            available: Timestamp(millisecondsSince1970: row[4]), expires: (row[5] as Int64?).map(Timestamp.init(millisecondsSince1970:)))
    }
}
