import JiazhouCore

/// `GET /v1/session`: whom the bearer token acts as. The pages ask it first,
/// to show the volunteer's, the merchant's or the coordinator's page; it is
/// the transport's own answer (the token's principal), not a ledger read.
struct Session: Codable, Sendable {
    var principal: AccountID
    var kind: AccountID.Kind
}
