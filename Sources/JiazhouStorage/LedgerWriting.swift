public import JiazhouCore

/// The one writer's view of a write transaction. An entry is appended only
/// at the head, with everything it maintains (balances, movements, lots,
/// usage, Merkle subtrees) in the same transaction; the backend keeps those
/// figures, the service decides what to append.
public protocol LedgerWriting {
    /// The chain's end as of the last append in this transaction.
    var head: LedgerHead { get }
    var suite: HashSuite { get }
    /// Reads within this transaction: they see its own writes.
    var reader: any LedgerReading { get }
    /// Whether the transaction can still take writes (a backend may abort
    /// a whole transaction on some failures, such as a full disk).
    var transactionIsOpen: Bool { get }

    /// Appends `entry` at the head, sealed with the ledger's suite.
    @discardableResult
    mutating func append(_ entry: Entry) throws -> Entry.Sealed
    /// Runs `body` in a savepoint: if it throws, its writes (and the head)
    /// are undone and the error rethrown; the rest of the transaction goes on.
    mutating func attempt<T>(_ body: (inout any LedgerWriting) throws -> T) throws -> T
    /// Writes back derived figures held for the transaction, so that a bulk
    /// load keeps a bounded memory (only first in a transaction).
    func writeBack() throws

    func storeProfile(account: AccountID, salt: [UInt8], profile: String) throws
    func recordIdempotency(actor: AccountID, key: String, requestHash: Hash, result: [UInt8]) throws
    func storeCheckpoint(size: Int64, root: Hash, note: String) throws
    func setMeta(_ name: String, _ value: String) throws
    /// `false` if a code with this hash exists already.
    func insertRedemptionCode(hash: Hash, volunteer: AccountID, created: Timestamp, expires: Timestamp) throws -> Bool
    func deleteStaleRedemptionCodes(now: Timestamp, limit: Int) throws -> Int
    /// `false` if the code was used already.
    func markRedemptionCodeUsed(hash: Hash, by seq: Int64) throws -> Bool
    func insertToken(principal: AccountID, hash: Hash, created: Timestamp, expires: Timestamp?) throws -> Int64
    func revokeToken(id: Int64, at time: Timestamp) throws -> StoredToken?
    /// Keeps a witness's verified cosignature of a stored checkpoint (SPEC §16).
    func storeCosignature(_ cosignature: StoredCosignature) throws
    /// Keeps an issued certificate; `false` if one with this number hash exists already.
    func insertCertificate(_ certificate: StoredCertificate) throws -> Bool
}
