/// The `data` of a `redeem` entry, typed (Ledger/SPEC.md §5): whose points
/// were spent, with which one-time code, on what, from which lots, and the
/// day the daily limits count them in.
///
/// Like ``AwardData`` it writes its own RFC 8785 bytes and the scanner reads
/// it back straight from an entry's bytes, so that a till's redemptions and
/// `verify` never build a `JSONValue` tree of it; ``json`` and
/// ``init(json:)`` convert exactly, and anything of another shape stays
/// plain JSON.
public struct RedeemData: Sendable, Equatable {
    public var volunteer: AccountID
    /// SHA-256 of the code's 8 canonical characters.
    public var codeHash: Hash
    /// What was bought; absent when not given.
    public var item: String?
    /// The lots the points are taken from, oldest first.
    public var lots: [TakenLot]
    /// The entry's day in the rule set's zone: `periods.day`.
    public var day: String
    /// The `account.update` whose catalogue priced the item, when the request gave no points.
    public var catalogueSeq: Int64?

    public init(volunteer: AccountID, codeHash: Hash, item: String?, lots: [TakenLot], day: String, catalogueSeq: Int64?) {
        self.volunteer = volunteer
        self.codeHash = codeHash
        self.item = item
        self.lots = lots
        self.day = day
        self.catalogueSeq = catalogueSeq
    }

    /// `{seq, points}`: points taken from the lot the entry `seq` opened.
    public struct TakenLot: Sendable, Equatable {
        public var seq: Int64
        public var points: Int64
        public init(seq: Int64, points: Int64) {
            self.seq = seq
            self.points = points
        }

        public var json: JSONValue { ["points": .integer(points), "seq": .integer(seq)] }
    }

    /// The data as a JSON object: the same members, and so the same
    /// canonical bytes, as ``write(into:)`` gives.
    public var json: JSONValue {
        var data: [String: JSONValue] = [
            "volunteer": .string(volunteer.text),
            "code_hash": .string(codeHash.hex),
            "lots": .array(lots.map(\.json)),
            "periods": ["day": .string(day)],
        ]
        if let item { data["item"] = .string(item) }
        if let catalogueSeq { data["catalogue_seq"] = .integer(catalogueSeq) }
        return .object(data)
    }

    /// Reads a redemption's `data` when it has exactly the members and
    /// types this version writes, each spelled as it would write it; `nil`
    /// for anything else, which the entry then keeps as plain JSON.
    public init?(json: JSONValue) {
        guard case .object(let o) = json, o.count == 4 + (o["item"] == nil ? 0 : 1) + (o["catalogue_seq"] == nil ? 0 : 1),
            let volunteerText = o["volunteer"]?.stringValue, let volunteer = try? AccountID(volunteerText), volunteer.text == volunteerText,
            let codeHash = o["code_hash"]?.stringValue.flatMap(Hash.init(hex:)),
            let lots = Self.takenLots(o["lots"]),
            case .object(let periods)? = o["periods"], periods.count == 1, let day = periods["day"]?.stringValue
        else { return nil }
        var item: String?
        if let value = o["item"] {
            guard let text = value.stringValue else { return nil }
            item = text
        }
        var catalogueSeq: Int64?
        if let value = o["catalogue_seq"] {
            guard let seq = value.integerValue else { return nil }
            catalogueSeq = seq
        }
        self.init(volunteer: volunteer, codeHash: codeHash, item: item, lots: lots, day: day, catalogueSeq: catalogueSeq)
    }

    /// `[{points, seq}]` exactly; `nil` for anything else.
    public static func takenLots(_ json: JSONValue?) -> [TakenLot]? {
        guard case .array(let items)? = json else { return nil }
        var lots: [TakenLot] = []
        lots.reserveCapacity(items.count)
        for item in items {
            guard case .object(let lot) = item, lot.count == 2, let seq = lot["seq"]?.integerValue, let points = lot["points"]?.integerValue else { return nil }
            lots.append(TakenLot(seq: seq, points: points))
        }
        return lots
    }

    /// Appends the RFC 8785 bytes of ``json`` to `out`, members in their
    /// one order (`catalogue_seq`, `code_hash`, `item`, `lots`, `periods`,
    /// `volunteer`). A test holds them equal to the general encoder's.
    public func write(into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        if let catalogueSeq {
            CanonicalJSON.writeName("catalogue_seq", first: true, into: &out)
            CanonicalJSON.writeInteger(catalogueSeq, into: &out)
        }
        CanonicalJSON.writeName("code_hash", first: catalogueSeq == nil, into: &out)
        out.append(UInt8(ascii: "\""))
        codeHash.writeHex(into: &out)
        out.append(UInt8(ascii: "\""))
        if let item {
            CanonicalJSON.writeName("item", into: &out)
            CanonicalJSON.writeString(item, into: &out)
        }
        CanonicalJSON.writeName("lots", into: &out)
        out.append(UInt8(ascii: "["))
        for (i, lot) in lots.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            CanonicalJSON.writeName("points", first: true, opening: true, into: &out)
            CanonicalJSON.writeInteger(lot.points, into: &out)
            CanonicalJSON.writeName("seq", into: &out)
            CanonicalJSON.writeInteger(lot.seq, into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        CanonicalJSON.writeName("periods", into: &out)
        CanonicalJSON.writeName("day", first: true, opening: true, into: &out)
        CanonicalJSON.writeString(day, into: &out)
        out.append(UInt8(ascii: "}"))
        CanonicalJSON.writeName("volunteer", into: &out)
        CanonicalJSON.writeString(volunteer.text, into: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// Reads a redemption's `data` straight from canonical bytes at `s`'s
    /// position, in the order ``write(into:)`` writes it; `nil` for any
    /// other shape (the caller then reads it as JSON).
    static func scan(_ s: inout CanonicalScanner) -> RedeemData? {
        guard s.expect(UInt8(ascii: "{")) else { return nil }
        var catalogueSeq: Int64?
        if s.name("catalogue_seq", first: true) {
            guard let seq = s.integer(), s.name("code_hash") else { return nil }
            catalogueSeq = seq
        } else {
            guard s.name("code_hash", first: true) else { return nil }
        }
        guard let hashRange = s.string(), let codeHash = s.lowercaseHash(hashRange) else { return nil }
        var item: String?
        if s.name("item") {
            guard let text = s.decodedString() else { return nil }
            item = text
        }
        guard s.name("lots"), let lots = s.takenLots(),
            s.name("periods"), s.name("day", opening: true), let day = s.decodedString(), s.expect(UInt8(ascii: "}")),
            s.name("volunteer"), let volunteer = s.accountID(), s.expect(UInt8(ascii: "}"))
        else { return nil }
        return RedeemData(volunteer: volunteer, codeHash: codeHash, item: item, lots: lots, day: day, catalogueSeq: catalogueSeq)
    }
}

extension CanonicalScanner {
    /// `[{"points":N,"seq":N},…]`.
    mutating func takenLots() -> [RedeemData.TakenLot]? {
        guard expect(UInt8(ascii: "[")) else { return nil }
        var lots: [RedeemData.TakenLot] = []
        if expect(UInt8(ascii: "]")) { return lots }
        while true {
            guard name("points", opening: true), let points = integer(), name("seq"), let seq = integer(), expect(UInt8(ascii: "}")) else { return nil }
            lots.append(RedeemData.TakenLot(seq: seq, points: points))
            if expect(UInt8(ascii: "]")) { return lots }
            guard expect(UInt8(ascii: ",")) else { return nil }
        }
    }
}
