public import JiazhouCore

/// One lot as stored: the points one award earned and what is left of them.
public struct Lot: Sendable, Equatable {
    /// The award (or transfer) that opened it.
    public var seq: Int64
    public var volunteer: AccountID
    public var points: Int64
    public var remaining: Int64
    public var available: Timestamp
    public var expires: Timestamp?

    public init(seq: Int64, volunteer: AccountID, points: Int64, remaining: Int64, available: Timestamp, expires: Timestamp?) {
        self.seq = seq
        self.volunteer = volunteer
        self.points = points
        self.remaining = remaining
        self.available = available
        self.expires = expires
    }
}

/// A volunteer's unspent points by what they can do now.
public struct LotSummary: Sendable, Equatable {
    /// Past their public notice and not expired.
    public var spendable: Int64 = 0
    /// Still in their public notice (公示).
    public var pending: Int64 = 0
    /// Spendable but expiring before the horizon asked for.
    public var expiringSoon: Int64 = 0
    /// Past their expiry date but not yet written off by an `expire` run.
    public var expired: Int64 = 0

    public init(spendable: Int64 = 0, pending: Int64 = 0, expiringSoon: Int64 = 0, expired: Int64 = 0) {
        self.spendable = spendable
        self.pending = pending
        self.expiringSoon = expiringSoon
        self.expired = expired
    }
}

/// Points and minutes counted in one period.
public struct UsageFigures: Sendable, Equatable {
    public var points: Int64 = 0
    public var minutes: Int64 = 0

    public init(points: Int64 = 0, minutes: Int64 = 0) {
        self.points = points
        self.minutes = minutes
    }
}

/// A published rule set as stored: its version, hash, text and the seq that published it.
public struct StoredRuleSet: Sendable, Equatable {
    public var version: Int64
    public var seq: Int64
    public var hash: Hash
    public var text: String

    public init(version: Int64, seq: Int64, hash: Hash, text: String) {
        self.version = version
        self.seq = seq
        self.hash = hash
        self.text = text
    }
}

/// A signed checkpoint as stored.
public struct StoredCheckpoint: Sendable, Equatable {
    public var size: Int64
    public var root: Hash
    public var note: String

    public init(size: Int64, root: Hash, note: String) {
        self.size = size
        self.root = root
        self.note = note
    }
}

/// A witness's cosignature of one checkpoint (Ledger/SPEC.md §16): operational
/// state, verified before it is kept, never part of the chain.
public struct StoredCosignature: Sendable, Equatable {
    /// The witness's key name and hex key id, `name+keyid`.
    public var witness: String
    public var size: Int64
    /// The signature line, `— name base64(keyid ‖ timestamp ‖ signature)\n`.
    public var line: String
    /// Seconds since 1970, from the cosignature.
    public var timestamp: Int64
    /// The witness's verifier key, `name+keyid+base64(0x04 ‖ key)`, that
    /// checked the line; `nil` in rows kept before keys were (v11).
    public var verifierKey: String?

    public init(witness: String, size: Int64, line: String, timestamp: Int64, verifierKey: String?) {
        self.witness = witness
        self.size = size
        self.line = line
        self.timestamp = timestamp
        self.verifierKey = verifierKey
    }
}

/// One item of a merchant's catalogue, and the entry that priced it.
public struct CatalogueEntry: Sendable, Equatable {
    public var item: String
    public var points: Int64
    public var seq: Int64

    public init(item: String, points: Int64, seq: Int64) {
        self.item = item
        self.points = points
        self.seq = seq
    }
}

/// A redemption code as stored: never the code itself.
public struct StoredRedemptionCode: Sendable, Equatable {
    public var codeHash: Hash
    /// The volunteer whose points the code spends.
    public var volunteer: AccountID
    public var created: Timestamp
    public var expires: Timestamp
    /// The redemption that used it, if one did.
    public var usedSeq: Int64?

    public init(codeHash: Hash, volunteer: AccountID, created: Timestamp, expires: Timestamp, usedSeq: Int64?) {
        self.codeHash = codeHash
        self.volunteer = volunteer
        self.created = created
        self.expires = expires
        self.usedSeq = usedSeq
    }
}

/// A token as stored: never the token itself.
public struct StoredToken: Sendable, Equatable {
    public var id: Int64
    /// Who the token acts as.
    public var principal: AccountID
    public var created: Timestamp
    /// `nil`: never.
    public var expires: Timestamp?
    /// When it was revoked, if it was.
    public var revoked: Timestamp?

    public init(id: Int64, principal: AccountID, created: Timestamp, expires: Timestamp?, revoked: Timestamp?) {
        self.id = id
        self.principal = principal
        self.created = created
        self.expires = expires
        self.revoked = revoked
    }
}

extension AccountStatus {
    /// A status as a backend stores it for `account`; `ledger_invalid` for
    /// one this build does not know.
    public init(stored text: String, of account: AccountID) throws(LedgerError) {
        guard let status = AccountStatus(rawValue: text) else { throw LedgerError(.ledger_invalid, "\(account) has the unknown status \(text)") }
        self = status
    }
}
