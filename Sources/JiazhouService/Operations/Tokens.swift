public import JiazhouCore
import JiazhouStorage
import Foundation

/// A bearer token as the ledger keeps it: its hash only, never its text.
public struct TokenRecord: Sendable, Equatable {
    /// The id that `token list` and `token revoke` use.
    public var id: Int64
    /// Who the token acts as.
    public var principal: AccountID
    public var created: Timestamp
    /// `nil`: never.
    public var expires: Timestamp?
    /// When it was revoked, if it was.
    public var revoked: Timestamp?

    init(_ stored: StoredToken) {
        id = stored.id
        principal = stored.principal
        created = stored.created
        expires = stored.expires
        revoked = stored.revoked
    }
}

/// The token table, kept by the service like every other part of the
/// ledger: transports and the CLI make and present tokens
/// (`JiazhouHTTP.BearerTokens`), only the service stores them.
extension LedgerService {
    /// Records the hash of a new token for `principal`, which must be open
    /// and able to act; returns its id.
    public func recordToken(principal: AccountID, hash: Hash, created: Timestamp, expires: Timestamp?) throws(LedgerError) -> Int64 {
        guard principal.kind != .issuer, principal.kind != .sink else {
            throw LedgerError(.invalid_request, "\(principal) is an account, not a principal that can act; tokens are for operators, coordinators, volunteers and merchants")
        }
        return try store.writeNow { writer in
            guard try writer.reader.account(principal) != nil else {
                throw LedgerError(.unknown_account, "\(principal) is not open; open it first (account.open), then issue its token")
            }
            return try writer.insertToken(principal: principal, hash: hash, created: created, expires: expires)
        }
    }

    /// Every token issued, oldest first.
    public func tokens() throws(LedgerError) -> [TokenRecord] {
        try read { try $0.tokens().map(TokenRecord.init) }
    }

    /// The token whose hash is `hash`, if one was issued.
    public func token(hash: Hash) throws(LedgerError) -> TokenRecord? {
        try read { try $0.token(hash: hash).map(TokenRecord.init) }
    }

    /// Revokes token `id` at `time`; revoking a revoked token changes nothing.
    public func revokeToken(id: Int64, at time: Timestamp) throws(LedgerError) -> TokenRecord {
        guard let token = try store.writeNow({ writer in try writer.revokeToken(id: id, at: time) }) else {
            throw LedgerError(.invalid_request, "there is no token \(id); `jiazhou token list` shows them")
        }
        return TokenRecord(token)
    }

    /// The database file's bytes with its write-ahead log, for metrics; `nil` in memory.
    public var databaseBytes: Int64? {
        guard let path = store.path else { return nil }
        return [path, path + "-wal"].reduce(0) { total, file in
            total + ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int64) ?? 0)
        }
    }
}
