public import JiazhouCore

/// What the service reads from a ledger's storage, on one consistent
/// snapshot (``LedgerStorage/read(_:)``) or inside the write transaction
/// (``LedgerWriting/reader``, which sees the transaction's own writes).
///
/// SQLite implements it today (JiazhouStore); a PostgreSQL backend is the
/// next. Every figure here is derived from the entries and checked by
/// `verify`; the tables behind it are the backend's business.
public protocol LedgerReading {
    /// The ledger's hash suite.
    var suite: HashSuite { get }

    // The chain and the tree.
    /// The last entry's seq and stored leaf hash; `nil` when there is none.
    func lastEntry() throws -> (seq: Int64, leafHash: [UInt8])?
    func meta(_ name: String) throws -> String?
    func entryBytes(_ seq: Int64) throws -> (bytes: [UInt8], leafHash: [UInt8])?
    /// Entries in `range` (clipped to the ledger), in order, with their stored leaf hashes.
    func forEachEntry(in range: Range<Int64>, _ body: (_ seq: Int64, _ bytes: [UInt8], _ leafHash: [UInt8]) throws -> Void) throws
    /// The same, with the bytes lent for the length of `body` only, not
    /// copied into arrays: `verify` reads every entry, and two allocations
    /// an entry were about a tenth of its sequential thread's time.
    func forEachEntryLent(
        in range: Range<Int64>, _ body: (_ seq: Int64, _ bytes: UnsafeRawBufferPointer, _ leafHash: UnsafeRawBufferPointer) throws -> Void) throws
    /// The RFC 9162 hash of the leaves `lo..<hi`, from the stored subtrees.
    func rangeHash(_ lo: Int64, _ hi: Int64) throws -> Hash
    /// Complete subtrees' hashes of one level (2^level leaves each) from index `from`, in index order; level 0 is the leaf hashes.
    func subtrees(level: Int, from: Int64, limit: Int) throws -> [(index: Int64, hash: [UInt8])]
    /// As ``subtrees(level:from:limit:)``, each row's hash lent for the call only.
    func forEachSubtreeLent(level: Int, from: Int64, limit: Int, _ body: (_ index: Int64, _ hash: UnsafeRawBufferPointer) throws -> Void) throws
    func subtreeCounts() throws -> [Int: Int64]
    func checkpoint(size: Int64?) throws -> StoredCheckpoint?
    func checkpoints() throws -> [StoredCheckpoint]
    /// Rows in one of the backend's tables, by its name in SPEC §5 (`entries`, `checkpoints`, …).
    func count(_ table: String) throws -> Int64
    /// How the backend makes a commit durable (SQLite: its journal mode and `synchronous`).
    func durability() throws -> (journalMode: String, synchronous: Int)

    // Accounts and what the entries maintain.
    func account(_ id: AccountID) throws -> Account?
    func forEachAccount(_ body: (Account) throws -> Void) throws
    func forEachAccountKind(_ body: (_ id: String, _ kind: String) throws -> Void) throws
    func status(of account: AccountID) throws -> AccountStatus
    /// The account, its status and the version of the rule set in force:
    /// what every `account.get` reads, in one query where the backend can
    /// (a statement was a sixth of the read's time on SQLite).
    func accountWithStatus(_ id: AccountID) throws -> (account: Account, status: AccountStatus, ruleSetVersion: Int64?)?
    func forEachAccountStatus(_ body: (_ account: String, _ status: String, _ seq: Int64) throws -> Void) throws
    func movements(of account: AccountID, after: Int64?, limit: Int) throws -> [(seq: Int64, points: Int64)]
    func movements(of account: String) throws -> [(seq: Int64, points: Int64)]
    func forEachMovement(_ body: (_ account: String, _ seq: Int64, _ points: Int64) throws -> Void) throws
    /// As ``forEachMovement(_:)``, the account's UTF-8 lent for the call only.
    func forEachMovementLent(_ body: (_ account: UnsafeRawBufferPointer, _ seq: Int64, _ points: Int64) throws -> Void) throws
    func profile(of account: AccountID) throws -> (salt: [UInt8], text: String)?
    func forEachProfile(_ body: (_ account: String, _ salt: [UInt8], _ text: String) throws -> Void) throws
    func reversal(of seq: Int64) throws -> Int64?
    func reversals() throws -> [Int64: Int64]
    func usage(_ account: AccountID, period: String) throws -> UsageFigures
    /// Every usage row, in (account, period) order, the UTF-8 bytes compared
    /// (as SQLite's BINARY and PostgreSQL's "C" collations sort): `verify`
    /// merges each account's rows with its own figures in that order.
    func forEachUsage(_ body: (_ account: String, _ period: String, UsageFigures) throws -> Void) throws
    /// As ``forEachUsage(_:)``, the account's and period's UTF-8 lent for the call only.
    func forEachUsageLent(_ body: (_ account: UnsafeRawBufferPointer, _ period: UnsafeRawBufferPointer, UsageFigures) throws -> Void) throws

    // Lots.
    func openLots(of volunteer: AccountID) throws -> [Lot]
    func lot(ofAward seq: Int64) throws -> Lot?
    func expiredLots(asOf: Timestamp, limit: Int) throws -> [Lot]
    /// Every lot, in seq order: `verify` walks them beside its own.
    func forEachLot(_ body: (Lot) throws -> Void) throws
    func lotSummary(of volunteer: AccountID, now: Timestamp, soon: Timestamp) throws -> LotSummary

    // Rule sets, catalogues, requests already answered.
    func currentRuleSetVersion() throws -> Int64?
    func currentRuleSet() throws -> StoredRuleSet?
    func ruleSet(version: Int64) throws -> StoredRuleSet?
    func catalogue(of merchant: AccountID) throws -> [CatalogueEntry]
    func catalogueItem(_ item: String, of merchant: AccountID) throws -> CatalogueEntry?
    func forEachCatalogueItem(_ body: (_ merchant: String, CatalogueEntry) throws -> Void) throws
    func idempotency(actor: AccountID, key: String) throws -> (requestHash: [UInt8], result: [UInt8])?

    // Outside the ledger: redemption codes and bearer tokens (hashes only).
    func redemptionCode(hash: Hash) throws -> StoredRedemptionCode?
    func forEachUsedRedemptionCode(_ body: (StoredRedemptionCode) throws -> Void) throws
    func token(hash: Hash) throws -> StoredToken?
    func tokens() throws -> [StoredToken]

    // Outside the ledger: witnesses' cosignatures of its checkpoints (SPEC §16).
    /// The cosignatures kept for the checkpoint of `size`.
    func cosignatures(size: Int64) throws -> [StoredCosignature]
    /// Each witness's cosignature of the largest size it cosigned.
    func latestCosignatures() throws -> [StoredCosignature]

    // Outside the ledger: issued certificates, by the hash of their number (SPEC §18).
    func certificate(numberHash: Hash) throws -> StoredCertificate?
}

extension LedgerReading {
    /// Lends the arrays ``forEachEntry(in:_:)`` gives: for a backend whose rows come as arrays anyway.
    public func forEachEntryLent(
        in range: Range<Int64>, _ body: (_ seq: Int64, _ bytes: UnsafeRawBufferPointer, _ leafHash: UnsafeRawBufferPointer) throws -> Void
    ) throws {
        try forEachEntry(in: range) { seq, bytes, leafHash in
            try bytes.withUnsafeBytes { bytes in try leafHash.withUnsafeBytes { leafHash in try body(seq, bytes, leafHash) } }
        }
    }

    /// Lends the arrays ``subtrees(level:from:limit:)`` gives.
    public func forEachSubtreeLent(
        level: Int, from: Int64, limit: Int, _ body: (_ index: Int64, _ hash: UnsafeRawBufferPointer) throws -> Void
    ) throws {
        for row in try subtrees(level: level, from: from, limit: limit) { try row.hash.withUnsafeBytes { try body(row.index, $0) } }
    }

    /// Lends the strings ``forEachMovement(_:)`` gives.
    public func forEachMovementLent(_ body: (_ account: UnsafeRawBufferPointer, _ seq: Int64, _ points: Int64) throws -> Void) throws {
        try forEachMovement { account, seq, points in
            var account = account
            try account.withUTF8 { utf8 in try body(UnsafeRawBufferPointer(utf8), seq, points) }
        }
    }

    /// Lends the strings ``forEachUsage(_:)`` gives.
    public func forEachUsageLent(_ body: (_ account: UnsafeRawBufferPointer, _ period: UnsafeRawBufferPointer, UsageFigures) throws -> Void) throws {
        try forEachUsage { account, period, figures in
            var account = account, period = period
            try account.withUTF8 { account in try period.withUTF8 { period in try body(UnsafeRawBufferPointer(account), UnsafeRawBufferPointer(period), figures) } }
        }
    }

    public func accountWithStatus(_ id: AccountID) throws -> (account: Account, status: AccountStatus, ruleSetVersion: Int64?)? {
        try accountWithStatusInThreeReads(id)
    }

    /// ``accountWithStatus(_:)`` as the three reads it stands for: the
    /// default, and what a backend's one-query version falls back to inside
    /// a write (whose row cache holds what the transaction changed).
    public func accountWithStatusInThreeReads(_ id: AccountID) throws -> (account: Account, status: AccountStatus, ruleSetVersion: Int64?)? {
        guard let account = try account(id) else { return nil }
        return (account, try status(of: id), try currentRuleSetVersion())
    }

    /// How many entries the chain holds: one read, where ``head()`` reads
    /// the whole frontier.
    public func size() throws -> Int64 {
        guard let last = try lastEntry() else { return 0 }
        return last.seq + 1
    }

    /// The end of the chain, rebuilt from the stored leaf and subtree hashes
    /// (O(log n) reads, no rehashing): the same for every backend.
    public func head() throws -> LedgerHead {
        guard let last = try lastEntry() else { return .empty(suite: suite) }
        let size = last.seq + 1
        guard let lastHash = Hash(bytes: last.leafHash) else { throw LedgerError(.ledger_invalid, "the leaf hash of entry \(last.seq) is not 32 bytes") }
        var subtrees: [Hash] = []
        var covered: Int64 = 0
        for level in stride(from: 62, through: 0, by: -1) where (size >> level) & 1 == 1 {
            let index = covered >> level
            if level == 0 {
                subtrees.append(lastHash)
            } else {
                guard let stored = try self.subtrees(level: level, from: index, limit: 1).first, stored.index == index else {
                    throw LedgerError(.ledger_invalid, "the Merkle subtree (\(level), \(index)) is missing; run `jiazhou verify`")
                }
                guard let hash = Hash(bytes: stored.hash) else { throw LedgerError(.ledger_invalid, "subtree (\(level), \(index)) is not 32 bytes") }
                subtrees.append(hash)
            }
            covered += 1 << level
        }
        guard let range = CompactRange(size: UInt64(size), subtrees: subtrees, suite: suite) else {
            preconditionFailure("one subtree per set bit of the size")
        }
        return LedgerHead(size: size, last: lastHash, range: range)
    }

    /// The entry `seq`, checked against its stored leaf hash and seq: the
    /// same for every backend, from ``entryBytes(_:)``.
    public func entry(_ seq: Int64) throws -> Entry.Sealed? {
        guard let (bytes, leafHash) = try entryBytes(seq) else { return nil }
        let sealed = try Entry.unseal(bytes, using: suite)
        guard leafHash.withUnsafeBytes({ sealed.leafHash.isSpelled(by: $0) }), sealed.entry.seq == seq else {
            throw LedgerError(.ledger_invalid, "entry \(seq) does not match its stored hash or seq; run `jiazhou verify`")
        }
        return sealed
    }

    /// The checkpoint signed at the latest size.
    public func checkpoint() throws -> StoredCheckpoint? { try checkpoint(size: nil) }
}
