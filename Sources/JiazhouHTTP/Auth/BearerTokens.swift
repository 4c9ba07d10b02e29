public import JiazhouCore
public import JiazhouService
public import JiazhouStore
import Foundation

/// Bearer tokens: issued by the operator (`jiazhou token create`), each
/// bound to one principal, whose role and scope the service then applies.
///
/// A token is 256 random bits, shown once; only its SHA-256 is stored, so
/// neither a copy of the database nor a leaked backup lets anyone act.
///
/// ```swift
/// let tokens = BearerTokens(store: service.store)
/// let issued = try tokens.issue(principal: try AccountID("coordinator:office-baiyang"), expires: nil)
/// print(issued.token)   // jzt_…, the only time it is seen
/// ```
public struct BearerTokens: Sendable {
    /// What every token starts with, so that a leaked one is recognisable (and greppable).
    public static let prefix = "jzt_"

    let store: LedgerStore
    let clock: any Clock
    let random: any RandomSource

    public init(store: LedgerStore, clock: any Clock = SystemClock(), random: any RandomSource = SystemRandom()) {
        self.store = store
        self.clock = clock
        self.random = random
    }

    /// A token just issued: the only place its text exists.
    public struct Issued: Sendable {
        public var id: Int64
        public var token: String
        public var principal: AccountID
        public var expires: Timestamp?
    }

    /// Issues a token for `principal`, which must be open and able to act.
    public func issue(principal: AccountID, expires: Timestamp?) throws(LedgerError) -> Issued {
        guard principal.kind != .issuer, principal.kind != .sink else {
            throw LedgerError(.invalid_request, "\(principal) is an account, not a principal that can act; tokens are for operators, coordinators, volunteers and merchants")
        }
        let now = clock.now()
        if let expires, expires <= now { throw LedgerError(.invalid_request, "the expiry \(expires) is not in the future") }
        let token = Self.prefix + Self.base64URL(random.bytes(32))
        let id = try store.writeNow { writer in
            guard try writer.reader.account(principal) != nil else {
                throw LedgerError(.unknown_account, "\(principal) is not open; open it first (account.open), then issue its token")
            }
            return try writer.insertToken(principal: principal, hash: Self.hash(token), created: now, expires: expires)
        }
        return Issued(id: id, token: token, principal: principal, expires: expires)
    }

    /// Every token issued, oldest first (never their text: it is not kept).
    public func list() throws(LedgerError) -> [StoredToken] {
        try store.read { try $0.tokens() }
    }

    /// Revokes token `id` from now on; revoking a revoked token changes nothing.
    @discardableResult
    public func revoke(id: Int64) throws(LedgerError) -> StoredToken {
        let now = clock.now()
        let token = try store.writeNow { writer in try writer.revokeToken(id: id, at: now) }
        guard let token else { throw LedgerError(.invalid_request, "there is no token \(id); `jiazhou token list` shows them") }
        return token
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
        guard let stored = try store.read({ try $0.token(hash: Self.hash(token)) }) else { return .unknown }
        if let revoked = stored.revoked { return .revoked(revoked) }
        if let expires = stored.expires, expires <= clock.now() { return .expired(expires) }
        return .valid(stored.principal)
    }

    static func hash(_ token: String) -> Hash { TreeHasher.sha256(Array(token.utf8)) }

    /// RFC 4648 §5 base64url without padding: safe in a header as it is.
    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
