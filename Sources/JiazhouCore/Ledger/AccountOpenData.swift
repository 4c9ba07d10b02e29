/// The `data` of an `account.open` entry, typed (Ledger/SPEC.md §5): the
/// account, where it belongs, the facts its awards are priced with, and the
/// commitment to its off-chain profile.
///
/// Written and scanned like ``AwardData``; ``json`` and ``init(json:)``
/// convert exactly, and anything of another shape stays plain JSON (read
/// leniently by ``Entry/opening``).
public struct AccountOpenData: Sendable, Equatable {
    public var account: AccountID
    /// The scope's path, as written.
    public var scope: String
    public var tags: [String]
    /// An issuer's budget: points a month; absent: no limit.
    public var budget: Int64?
    /// SHA-256 of the profile's salt and text (SPEC §7); absent: no profile.
    public var profile: Hash?

    public init(account: AccountID, scope: String, tags: [String], budget: Int64?, profile: Hash?) {
        self.account = account
        self.scope = scope
        self.tags = tags
        self.budget = budget
        self.profile = profile
    }

    /// The data as a JSON object: the same members, and so the same
    /// canonical bytes, as ``write(into:)`` gives.
    public var json: JSONValue {
        var data: [String: JSONValue] = ["account": .string(account.text), "scope": .string(scope), "tags": .array(tags.map(JSONValue.string))]
        if let budget { data["budget"] = .integer(budget) }
        if let profile { data["profile"] = .string(profile.hex) }
        return .object(data)
    }

    /// Reads an opening's `data` when it has exactly the members and types
    /// this version writes, each spelled as it would write it; `nil` for
    /// anything else.
    public init?(json: JSONValue) {
        guard case .object(let o) = json, o.count == 3 + (o["budget"] == nil ? 0 : 1) + (o["profile"] == nil ? 0 : 1),
            let accountText = o["account"]?.stringValue, let account = try? AccountID(accountText), account.text == accountText,
            let scope = o["scope"]?.stringValue, case .array(let tagValues)? = o["tags"]
        else { return nil }
        var tags: [String] = []
        tags.reserveCapacity(tagValues.count)
        for value in tagValues {
            guard let tag = value.stringValue else { return nil }
            tags.append(tag)
        }
        var budget: Int64?
        if let value = o["budget"] {
            guard let n = value.integerValue else { return nil }
            budget = n
        }
        var profile: Hash?
        if let value = o["profile"] {
            guard let hash = value.stringValue.flatMap(Hash.init(hex:)) else { return nil }
            profile = hash
        }
        self.init(account: account, scope: scope, tags: tags, budget: budget, profile: profile)
    }

    /// Appends the RFC 8785 bytes of ``json`` to `out`, members in their one
    /// order (`account`, `budget`, `profile`, `scope`, `tags`).
    public func write(into out: inout [UInt8]) {
        CanonicalJSON.writeName("account", first: true, opening: true, into: &out)
        CanonicalJSON.writeString(account.text, into: &out)
        if let budget {
            CanonicalJSON.writeName("budget", into: &out)
            CanonicalJSON.writeInteger(budget, into: &out)
        }
        if let profile {
            CanonicalJSON.writeName("profile", into: &out)
            out.append(UInt8(ascii: "\""))
            profile.writeHex(into: &out)
            out.append(UInt8(ascii: "\""))
        }
        CanonicalJSON.writeName("scope", into: &out)
        CanonicalJSON.writeString(scope, into: &out)
        CanonicalJSON.writeName("tags", into: &out)
        CanonicalJSON.writeStrings(tags, into: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// Reads an opening's `data` straight from canonical bytes at `s`'s
    /// position; `nil` for any other shape.
    static func scan(_ s: inout CanonicalScanner) -> AccountOpenData? {
        guard s.name("account", opening: true), let account = s.accountID() else { return nil }
        var budget: Int64?
        if s.name("budget") {
            guard let n = s.integer() else { return nil }
            budget = n
        }
        var profile: Hash?
        if s.name("profile") {
            guard let range = s.string(), let hash = s.lowercaseHash(range) else { return nil }
            profile = hash
        }
        guard s.name("scope"), let scope = s.decodedString(), s.name("tags"), let tags = s.strings(), s.expect(UInt8(ascii: "}")) else { return nil }
        return AccountOpenData(account: account, scope: scope, tags: tags, budget: budget, profile: profile)
    }
}

extension Entry {
    /// What an `account.open` says: its typed data, or, for data of another
    /// shape, what can be read of it (`account` and `scope` required, `tags`
    /// empty when absent, a malformed `budget` or `profile` left out).
    public var opening: AccountOpenData? {
        guard kind == .accountOpen else { return nil }
        if case .accountOpen(let data) = payload { return data }
        let data = self.data
        guard let account = data["account"]?.stringValue.flatMap({ try? AccountID($0) }), let scope = data["scope"]?.stringValue else { return nil }
        return AccountOpenData(
            account: account, scope: scope, tags: data["tags"]?.arrayValue?.compactMap(\.stringValue) ?? [], budget: data["budget"]?.integerValue,
            profile: data["profile"]?.stringValue.flatMap(Hash.init(hex:)))
    }

    /// The typed data of a redemption of this version's shape.
    public var redemption: RedeemData? {
        if case .redeem(let data) = payload { return data }
        return nil
    }
}
