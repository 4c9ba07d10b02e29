public import JiazhouCore
public import JiazhouStorage

extension PostgresReader {
    static let lotColumns = "seq, volunteer, points, remaining, available_ms, expires_ms"

    static func lot(_ row: Row) throws -> Lot {
        Lot(
            seq: try row.int64(0), volunteer: try AccountID(try row.text(1)), points: try row.int64(2), remaining: try row.int64(3),
            available: Timestamp(millisecondsSince1970: try row.int64(4)), expires: try row.optionalInt64(5).map(Timestamp.init(millisecondsSince1970:)))
    }

    public func openLots(of volunteer: AccountID) throws -> [Lot] {
        try rows("SELECT \(Self.lotColumns) FROM lots WHERE volunteer = $1 AND remaining > 0 ORDER BY seq", [.text(volunteer.text)]).map(Self.lot)
    }

    public func lot(ofAward seq: Int64) throws -> Lot? {
        try one("SELECT \(Self.lotColumns) FROM lots WHERE seq = $1", [.int(seq)]).map(Self.lot)
    }

    public func expiredLots(asOf: Timestamp, limit: Int) throws -> [Lot] {
        try rows(
            "SELECT \(Self.lotColumns) FROM lots WHERE expires_ms <= $1 AND remaining > 0 AND expires_ms IS NOT NULL ORDER BY expires_ms, seq LIMIT $2",
            [.int(asOf.millisecondsSince1970), .int(Int64(limit))]
        ).map(Self.lot)
    }

    public func forEachLot(_ body: (Lot) throws -> Void) throws {
        for row in try rows("SELECT \(Self.lotColumns) FROM lots ORDER BY seq") { try body(try Self.lot(row)) }
    }

    /// One aggregate over the open lots, as on SQLite (sums cast back to BIGINT: PostgreSQL's sum of BIGINT is NUMERIC).
    public func lotSummary(of volunteer: AccountID, now: Timestamp, soon: Timestamp) throws -> LotSummary {
        guard
            let row = try one(
                """
                SELECT
                    coalesce(sum(CASE WHEN expires_ms IS NOT NULL AND expires_ms <= $1 THEN remaining END), 0)::bigint,
                    coalesce(sum(CASE WHEN (expires_ms IS NULL OR expires_ms > $1) AND available_ms > $1 THEN remaining END), 0)::bigint,
                    coalesce(sum(CASE WHEN (expires_ms IS NULL OR expires_ms > $1) AND available_ms <= $1 THEN remaining END), 0)::bigint,
                    coalesce(sum(CASE WHEN expires_ms > $1 AND expires_ms <= $2 AND available_ms <= $1 THEN remaining END), 0)::bigint
                FROM lots WHERE volunteer = $3 AND remaining > 0
                """, [.int(now.millisecondsSince1970), .int(soon.millisecondsSince1970), .text(volunteer.text)])
        else { return LotSummary() }
        return LotSummary(spendable: try row.int64(2), pending: try row.int64(1), expiringSoon: try row.int64(3), expired: try row.int64(0))
    }
}
