public import JiazhouCore
import JiazhouStorage
import Foundation

/// `account.open`: opens an account or a principal.
public struct AccountOpenRequest: Codable, Sendable, Equatable {
    public var account: AccountID
    public var scope: Scope
    public var tags: [String]?
    /// Personal data (name, phone, …). Kept off the chain: the chain holds
    /// only a salted SHA-256 commitment to it.
    public var profile: JSONValue?
    /// An issuer's monthly points budget.
    public var budget: Int64?

    public init(account: AccountID, scope: Scope, tags: [String]? = nil, profile: JSONValue? = nil, budget: Int64? = nil) {
        self.account = account
        self.scope = scope
        self.tags = tags
        self.profile = profile
        self.budget = budget
    }

    enum CodingKeys: String, CodingKey { case account, scope, tags, profile, budget }

    /// An issuer's scope is its name, so it may be left out (a scope given
    /// must still be that one); every other account gives its scope.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        account = try c.decode(AccountID.self, forKey: .account)
        if let scope = try c.decodeIfPresent(Scope.self, forKey: .scope) {
            self.scope = scope
        } else if account.kind == .issuer {
            scope = try Scope(account.name)
        } else {
            throw DecodingError.keyNotFound(CodingKeys.scope, .init(codingPath: c.codingPath, debugDescription: "\(account.kind.rawValue) accounts need a scope"))
        }
        tags = try c.decodeIfPresent([String].self, forKey: .tags)
        profile = try c.decodeIfPresent(JSONValue.self, forKey: .profile)
        budget = try c.decodeIfPresent(Int64.self, forKey: .budget)
    }
}

public struct AccountOpenResult: Codable, Sendable, Equatable {
    public var seq: Int64
    public var account: AccountID
}

extension LedgerService {
    /// Opens an account (volunteer, merchant, issuer) or a principal (coordinator, operator).
    public func openAccount(_ request: AccountOpenRequest, actor: AccountID, key: String?) async throws(LedgerError) -> AccountOpenResult {
        try await enqueueOpenAccount(request, actor: actor, key: key).value
    }

    /// Validates and enqueues; requests enqueued one after another commit in that order.
    public func enqueueOpenAccount(_ request: AccountOpenRequest, actor: AccountID, key: String?) -> Durable<AccountOpenResult> {
        let tags = request.tags ?? []
        let profileText = request.profile?.canonicalText
        do {
            try validate(request, tags: tags)
        } catch {
            return Durable(refused: error)
        }
        let salt = profileText == nil ? [] : random.bytes(32)
        return write("account.open", actor: actor, key: key, params: request) { context in
            try Authorization(actor: actor, reader: context.reader).requireOpen(request.account, in: request.scope)
            guard try context.reader.account(request.account) == nil else {
                throw LedgerError(.account_exists, "\(request.account) is already open")
            }
            var data: [String: JSONValue] = [
                "account": .string(request.account.text), "scope": .string(request.scope.path), "tags": .array(tags.map(JSONValue.string)),
            ]
            if let budget = request.budget { data["budget"] = .integer(budget) }
            if let profileText {
                data["profile"] = .string(TreeHasher.sha256(salt + Array(profileText.utf8)).hex)
            }
            let seq = context.writer.head.size
            _ = try context.append(.accountOpen, data: .object(data))
            if let profileText { try context.writer.storeProfile(account: request.account, salt: salt, profile: profileText) }
            return AccountOpenResult(seq: seq, account: request.account)
        }
    }

    private func validate(_ request: AccountOpenRequest, tags: [String]) throws(LedgerError) {
        try Account.validateTags(tags)
        if request.account.kind == .issuer, request.account.name != request.scope.path {
            throw LedgerError(.invalid_request, "an issuer's name is the scope it pays for: issuer:\(request.scope.path)")
        }
        if let profile = request.profile {
            guard case .object = profile, !profile.containsNumberText else {
                throw LedgerError(.invalid_request, "profile must be a JSON object of strings, integers, booleans, lists and objects")
            }
            guard profile.canonicalBytes.count <= 4096 else { throw LedgerError(.too_large, "profile is over 4096 bytes") }
        }
        guard let budget = request.budget else { return }
        guard request.account.kind == .issuer else { throw LedgerError(.invalid_request, "only issuers have a budget") }
        guard budget >= 0, budget <= Int64(Limits.maxSafeInteger) else {
            throw LedgerError(.invalid_request, "budget must be a whole number from 0 to 2^53")
        }
    }
}
