/// One entry of the ledger: an append-only record of one event, hashed over
/// its RFC 8785 canonical bytes.
///
/// ```swift
/// let sealed = entry.sealed(using: suite)   // canonical bytes + leaf hash
/// sealed.leafHash                          // H(0x00 ‖ bytes), RFC 9162 §2.1.1, H the ledger's suite's hash
/// ```
public struct Entry: Sendable, Equatable {
    /// The `v` field of every entry this code writes.
    public static let formatVersion: Int64 = 1

    public enum Kind: String, Sendable, Codable, CaseIterable {
        case genesis
        case rulesPublish = "rules.publish"
        case accountOpen = "account.open"
        case accountUpdate = "account.update"
        case award, redeem, reverse, transfer, expire, settle
    }

    /// 0-based, gap-free: the entry's Merkle leaf index.
    public var seq: Int64
    /// The leaf hash of entry `seq − 1`; ``Hash/zero`` for seq 0.
    public var prev: Hash
    /// When the ledger recorded it (not when the activity happened).
    public var time: Timestamp
    public var kind: Kind
    /// The principal who acted.
    public var actor: AccountID
    /// The idempotency key of the request that wrote it, if it had one.
    public var key: String?
    public var postings: [Posting]
    /// Kind-specific facts, typed where the kind has a typed payload.
    public var payload: Payload

    /// The kind-specific facts: a typed payload where the kind has one (an
    /// award, a redemption or an opening of this version's shape), else the
    /// JSON object as it stands.
    public enum Payload: Sendable, Equatable {
        case award(AwardData)
        case redeem(RedeemData)
        case accountOpen(AccountOpenData)
        case json(JSONValue)
    }

    /// Kind-specific facts as a JSON object. Built on each read for a typed
    /// payload: the hot paths read ``award`` instead.
    public var data: JSONValue {
        get {
            switch payload {
            case .award(let award): award.json
            case .redeem(let redemption): redemption.json
            case .accountOpen(let opening): opening.json
            case .json(let value): value
            }
        }
        set { payload = Self.payload(kind: kind, data: newValue) }
    }

    /// The typed data of an award of this version's shape.
    public var award: AwardData? {
        if case .award(let award) = payload { return award }
        return nil
    }

    public init(seq: Int64, prev: Hash, time: Timestamp, kind: Kind, actor: AccountID, key: String?, postings: [Posting], data: JSONValue) {
        self.init(seq: seq, prev: prev, time: time, kind: kind, actor: actor, key: key, postings: postings, payload: Self.payload(kind: kind, data: data))
    }

    /// An award with its typed data.
    public init(seq: Int64, prev: Hash, time: Timestamp, actor: AccountID, key: String?, postings: [Posting], award: AwardData) {
        self.init(seq: seq, prev: prev, time: time, kind: .award, actor: actor, key: key, postings: postings, payload: .award(award))
    }

    /// A redemption with its typed data.
    public init(seq: Int64, prev: Hash, time: Timestamp, actor: AccountID, key: String?, postings: [Posting], redemption: RedeemData) {
        self.init(seq: seq, prev: prev, time: time, kind: .redeem, actor: actor, key: key, postings: postings, payload: .redeem(redemption))
    }

    init(seq: Int64, prev: Hash, time: Timestamp, kind: Kind, actor: AccountID, key: String?, postings: [Posting], payload: Payload) {
        self.seq = seq
        self.prev = prev
        self.time = time
        self.kind = kind
        self.actor = actor
        self.key = key
        self.postings = postings
        self.payload = payload
    }

    /// Typed when the kind has a typed payload and `data` is of its shape.
    static func payload(kind: Kind, data: JSONValue) -> Payload {
        switch kind {
        case .award: AwardData(json: data).map(Payload.award) ?? .json(data)
        case .redeem: RedeemData(json: data).map(Payload.redeem) ?? .json(data)
        case .accountOpen: AccountOpenData(json: data).map(Payload.accountOpen) ?? .json(data)
        default: .json(data)
        }
    }

    /// The entry as the JSON object whose canonical bytes are hashed.
    public var json: JSONValue {
        var o: [String: JSONValue] = [
            "v": .integer(Self.formatVersion),
            "seq": .integer(seq),
            "prev": .string(prev.hex),
            "time": .string(time.rfc3339),
            "kind": .string(kind.rawValue),
            "actor": .string(actor.text),
            "postings": .array(postings.map(\.json)),
            "data": data,
        ]
        if let key { o["key"] = .string(key) }
        return .object(o)
    }

    /// Canonical bytes and their leaf hash under `suite`.
    public func sealed(using suite: HashSuite) -> Sealed {
        let bytes = canonicalBytes
        return Sealed(entry: self, bytes: bytes, leafHash: suite.leafHash(bytes))
    }

    /// The RFC 8785 bytes of ``json``, written directly: the members of an
    /// entry and of a posting are fixed, so their order is too, and only
    /// `data` goes through the general encoder. A test holds the two equal.
    public var canonicalBytes: [UInt8] {
        var out: [UInt8] = []
        // An award's bytes are ~1.2 KB: room for them at once, not three regrowths.
        if case .award = payload { out.reserveCapacity(1_536) } else { out.reserveCapacity(512) }
        func member(_ name: StaticString, first: Bool = false) {
            if !first { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            out.append(UInt8(ascii: "\""))
            out.append(UInt8(ascii: ":"))
        }
        out.append(UInt8(ascii: "{"))
        member("actor", first: true)
        CanonicalJSON.writeString(actor.text, into: &out)
        member("data")
        switch payload {
        case .award(let award): award.write(into: &out)
        case .redeem(let redemption): redemption.write(into: &out)
        case .accountOpen(let opening): opening.write(into: &out)
        case .json(let value): CanonicalJSON.write(value, into: &out)
        }
        if let key {
            member("key")
            CanonicalJSON.writeString(key, into: &out)
        }
        member("kind")
        CanonicalJSON.writeString(kind.rawValue, into: &out)
        member("postings")
        out.append(UInt8(ascii: "["))
        for (i, posting) in postings.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "{"))
            member("from", first: true)
            CanonicalJSON.writeString(posting.from.text, into: &out)
            member("points")
            CanonicalJSON.writeInteger(posting.points, into: &out)
            member("to")
            CanonicalJSON.writeString(posting.to.text, into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        member("prev")
        out.append(UInt8(ascii: "\""))
        prev.writeHex(into: &out)
        out.append(UInt8(ascii: "\""))
        member("seq")
        CanonicalJSON.writeInteger(seq, into: &out)
        member("time")
        out.append(UInt8(ascii: "\""))
        time.writeRFC3339(into: &out)
        out.append(UInt8(ascii: "\""))
        member("v")
        CanonicalJSON.writeInteger(Self.formatVersion, into: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// An entry together with the exact bytes that are stored and hashed.
    public struct Sealed: Sendable, Equatable {
        public let entry: Entry
        public let bytes: [UInt8]
        public let leafHash: Hash
    }
}

extension Entry {
    private static let fieldNames: Set<String> = ["v", "seq", "prev", "time", "kind", "actor", "key", "postings", "data"]

    /// Reads an entry from stored or exported bytes, which must be exactly its
    /// canonical form (a re-encoded entry that hashes differently is a forgery
    /// waiting to happen), and hashes them with `suite`.
    public static func unseal(_ bytes: [UInt8], using suite: HashSuite) throws(LedgerError) -> Sealed {
        Sealed(entry: try Entry(canonicalBytes: bytes), bytes: bytes, leafHash: suite.leafHash(bytes))
    }

    /// Reads an entry from bytes that must be exactly its canonical form,
    /// without hashing them: for readers that need the entry, not its place
    /// in a tree. Read by the scanner (``scan(_:)``); anything it declines
    /// by the general parser.
    public init(canonicalBytes bytes: [UInt8]) throws(LedgerError) {
        if let scanned = Entry.scan(bytes) {
            self = scanned
            return
        }
        try self.init(parsingCanonicalBytes: bytes)
    }

    /// ``init(canonicalBytes:)`` of bytes where they are: `verify` reads
    /// each entry in its batch's buffer, and an array of its own for each
    /// was a tenth of the decoding threads' allocations.
    public init(canonicalBytes bytes: UnsafeBufferPointer<UInt8>) throws(LedgerError) {
        var scanner = CanonicalScanner(bytes)
        if let scanned = Entry.scan(&scanner) {
            self = scanned
            return
        }
        try self.init(parsingCanonicalBytes: Array(bytes))
    }

    /// The general reader: parses the JSON, then checks that re-encoding it
    /// gives the same bytes. Slower than the scanner, and the yardstick it is
    /// tested and fuzzed against.
    public init(parsingCanonicalBytes bytes: [UInt8]) throws(LedgerError) {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch {
            throw LedgerError(.ledger_invalid, "entry is not valid JSON: \(error)")
        }
        let entry = try Entry(json: value)
        // Entry(json:) keeps every member exactly, so the entry's own encoding
        // is the canonical form of what was parsed.
        guard entry.canonicalBytes == bytes else {
            throw LedgerError(.ledger_invalid, "entry \(entry.seq) is not in canonical (RFC 8785) form")
        }
        self = entry
    }

    /// Reads an entry from its JSON object, checking every field's type.
    public init(json: JSONValue) throws(LedgerError) {
        func bad(_ what: String) -> LedgerError { LedgerError(.ledger_invalid, "entry field \(what)") }
        guard case .object(let o) = json else { throw bad("set: an entry is a JSON object") }
        if let extra = o.keys.first(where: { !Self.fieldNames.contains($0) }) { throw bad("\"\(extra)\" is not part of format v1") }
        guard o["v"]?.integerValue == Self.formatVersion else { throw bad("\"v\" must be \(Self.formatVersion)") }
        guard let seq = o["seq"]?.integerValue, seq >= 0 else { throw bad("\"seq\" must be a non-negative integer") }
        guard let prevText = o["prev"]?.stringValue, let prev = Hash(hex: prevText) else { throw bad("\"prev\" must be 64 lowercase hex digits") }
        guard let timeText = o["time"]?.stringValue, timeText.utf8.count == 24, timeText.utf8.last == UInt8(ascii: "Z"),
            let time = Timestamp(rfc3339: timeText), time.rfc3339 == timeText
        else {
            throw bad("\"time\" must be RFC 3339 UTC with milliseconds")
        }
        guard let kindText = o["kind"]?.stringValue, let kind = Kind(rawValue: kindText) else { throw bad("\"kind\" is not a known kind") }
        guard let actorText = o["actor"]?.stringValue else { throw bad("\"actor\" must be a string") }
        let key: String?
        switch o["key"] {
        case nil: key = nil
        case .string(let k)?: key = k
        default: throw bad("\"key\" must be a string")
        }
        guard case .array(let postingValues)? = o["postings"] else { throw bad("\"postings\" must be an array") }
        guard let data = o["data"], case .object = data else { throw bad("\"data\" must be an object") }
        var postings: [Posting] = []
        for p in postingValues {
            do { postings.append(try Posting(json: p)) } catch { throw LedgerError(.ledger_invalid, "entry \(seq): \(error.message)") }
        }
        let actor: AccountID
        do { actor = try AccountID(actorText) } catch { throw LedgerError(.ledger_invalid, "entry \(seq): \(error.message)") }
        self.init(seq: seq, prev: prev, time: time, kind: kind, actor: actor, key: key, postings: postings, data: data)
    }
}
