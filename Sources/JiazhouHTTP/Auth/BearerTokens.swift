public import JiazhouCore
public import JiazhouService
import Foundation
import Synchronization

/// Bearer tokens: issued by the operator (`jiazhou token create`), each
/// bound to one principal, whose role and scope the service then applies.
///
/// A token is 256 random bits, shown once; only its SHA-256 is stored, so
/// neither a copy of the database nor a leaked backup lets anyone act.
///
/// ```swift
/// let tokens = BearerTokens(service: service)
/// let issued = try tokens.issue(principal: try AccountID("coordinator:office-baiyang"), expires: nil)
/// print(issued.token)   // jzt_…, the only time it is seen
/// ```
public struct BearerTokens: Sendable {
    /// What every token starts with, so that a leaked one is recognisable (and greppable).
    public static let prefix = "jzt_"

    /// How long a token that was found valid is trusted without reading it
    /// again: a revocation (from `jiazhou token revoke`, another process)
    /// takes effect within this; an expiry takes effect exactly.
    public static let revalidationMilliseconds: Int64 = 1000

    let service: LedgerService
    let clock: any Clock
    let random: any RandomSource
    /// Tokens found valid, by hash, so that a client's every request does not
    /// cost a read of the token table (most requests come with a known token).
    private let valid = ValidTokens()

    /// Tokens of `service`'s ledger; `clock` decides expiry, `random` makes tokens (the system's secure generator).
    public init(service: LedgerService, clock: any Clock = SystemClock(), random: any RandomSource = SystemRandom()) {
        self.service = service
        self.clock = clock
        self.random = random
    }

    /// A token just issued: the only place its text exists.
    public struct Issued: Sendable {
        /// The id that `token list` and `token revoke` use.
        public var id: Int64
        /// The bearer token itself: `jzt_` and 43 base64url characters (256 bits).
        public var token: String
        public var principal: AccountID
        public var expires: Timestamp?
    }

    /// Issues a token for `principal`, which must be open and able to act.
    public func issue(principal: AccountID, expires: Timestamp?) throws(LedgerError) -> Issued {
        let now = clock.now()
        if let expires, expires <= now { throw LedgerError(.invalid_request, "the expiry \(expires) is not in the future") }
        let token = Self.prefix + Self.base64URL(random.bytes(32))
        let id = try service.recordToken(principal: principal, hash: Self.hash(token), created: now, expires: expires)
        return Issued(id: id, token: token, principal: principal, expires: expires)
    }

    /// Every token issued, oldest first (never their text: it is not kept).
    public func list() throws(LedgerError) -> [TokenRecord] {
        try service.tokens()
    }

    /// Revokes token `id` from now on; revoking a revoked token changes nothing.
    @discardableResult
    public func revoke(id: Int64) throws(LedgerError) -> TokenRecord {
        try service.revokeToken(id: id, at: clock.now())
    }

    /// What a presented token turns out to be.
    enum Check: Equatable {
        case valid(AccountID)
        case unknown
        case expired(Timestamp)
        case revoked(Timestamp)
    }

    func check(_ token: String) throws(LedgerError) -> Check {
        // Only tokens of our shape are looked up: anything else cannot match.
        guard token.hasPrefix(Self.prefix), token.utf8.count == Self.prefix.utf8.count + 43 else { return .unknown }
        let hash = Self.hash(token)
        let now = clock.now()
        let stored: TokenRecord
        if let cached = valid.get(hash, readSince: now.millisecondsSince1970 - Self.revalidationMilliseconds) {
            stored = cached
        } else {
            guard let read = try service.token(hash: hash) else { return .unknown }
            stored = read
            if stored.revoked == nil { valid.set(hash, stored, readAt: now.millisecondsSince1970) }
        }
        if let revoked = stored.revoked {
            valid.remove(hash)
            return .revoked(revoked)
        }
        if let expires = stored.expires, expires <= now {
            valid.remove(hash)
            return .expired(expires)
        }
        return .valid(stored.principal)
    }

    static func hash(_ token: String) -> Hash { TreeHasher.sha256(Array(token.utf8)) }

    /// RFC 4648 §5 base64url without padding: safe in a header as it is.
    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// The tokens found valid lately, with when each was read. Bounded: when
/// full it is emptied, which costs one read per token in use.
private final class ValidTokens: Sendable {
    private static let capacity = 10_000
    private let entries = Mutex<[Hash: (token: TokenRecord, readAt: Int64)]>([:])

    func get(_ hash: Hash, readSince: Int64) -> TokenRecord? {
        entries.withLock { entries in entries[hash].flatMap { $0.readAt > readSince ? $0.token : nil } }
    }

    func set(_ hash: Hash, _ token: TokenRecord, readAt: Int64) {
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[hash] = (token, readAt)
        }
    }

    func remove(_ hash: Hash) {
        _ = entries.withLock { $0.removeValue(forKey: hash) }
    }
}
