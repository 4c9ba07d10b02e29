extension Entry {
    /// Reads an entry of any kind straight from its stored bytes when they
    /// are exactly canonical, without the general parser's tree of the whole
    /// entry and without re-encoding it to compare: awards, redemptions and
    /// openings into their typed data, the other kinds' `data` into the
    /// JSON value it spells, checked canonical as it is read. The fast path
    /// of every read (`verify`, `import`, history).
    ///
    /// Returns `nil` for any shape or fault it does not handle; the caller
    /// then uses the general parser (``init(parsingCanonicalBytes:)``), which
    /// decides and explains. A test and a fuzzer hold this to never
    /// accepting what the general parser refuses, and to reading the same entry.
    public static func scan(_ bytes: [UInt8]) -> Entry? {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = CanonicalScanner(buffer)
            return scan(&scanner)
        }
    }

    /// ``scan(_:)``, for awards only: `nil` for every other kind.
    public static func scanAward(_ bytes: [UInt8]) -> Entry? {
        guard let entry = scan(bytes), entry.kind == .award else { return nil }
        return entry
    }

    static func scan(_ s: inout CanonicalScanner) -> Entry? {
        guard s.name("actor", opening: true), let actor = s.accountID(), s.name("data"), s.current == UInt8(ascii: "{") else { return nil }
        let dataStart = s.index
        // An award's, a redemption's or an opening's data is read into its
        // type; anything else (another kind, an older shape) as JSON.
        let typed = scanTypedData(&s, at: dataStart)
        var data: JSONValue?
        if typed == nil {
            s.index = dataStart
            guard let value = s.jsonValue() else { return nil }
            data = value
        }
        var entryKey: String?
        if s.name("key") {
            guard let text = s.decodedString() else { return nil }
            entryKey = text
        }
        guard s.name("kind"), let kindRange = s.string(), let kind = Kind(canonical: kindRange, in: s), s.name("postings"), s.expect(UInt8(ascii: "[")) else {
            return nil
        }
        var postings: [Posting] = []
        if !s.expect(UInt8(ascii: "]")) {
            while true {
                guard s.name("from", opening: true), let from = s.accountID(), s.name("points"), let points = s.integer(),
                    s.name("to"), let to = s.accountID(), s.expect(UInt8(ascii: "}")), let posting = try? Posting(from: from, to: to, points: points)
                else { return nil }
                postings.append(posting)
                if s.expect(UInt8(ascii: "]")) { break }
                guard s.expect(UInt8(ascii: ",")) else { return nil }
            }
        }
        guard s.name("prev"), let prevRange = s.string(), let prev = s.lowercaseHash(prevRange),
            s.name("seq"), let seq = s.integer(), seq >= 0, s.name("time"), let time = s.timeValue(),
            s.name("v"), s.integer() == formatVersion, s.expect(UInt8(ascii: "}")), s.index == s.bytes.count
        else { return nil }
        if let typed {
            if typed.typedKind == kind {
                return Entry(seq: seq, prev: prev, time: time, kind: kind, actor: actor, key: entryKey, postings: postings, payload: typed)
            }
            // Another kind whose data happens to read as a typed kind's: as JSON.
            var again = CanonicalScanner(s.bytes, at: dataStart)
            guard let value = again.jsonValue() else { return nil }
            data = value
        }
        guard let data else { return nil }
        return Entry(seq: seq, prev: prev, time: time, kind: kind, actor: actor, key: entryKey, postings: postings, data: data)
    }

    /// The data at `start` read as the typed payload its first member
    /// names (`activity`, `catalogue_seq` or `code_hash`, `account`), if it
    /// is exactly of that shape. A wrong guess fails at its first name.
    private static func scanTypedData(_ s: inout CanonicalScanner, at start: Int) -> Payload? {
        if let award = AwardData.scan(&s) { return .award(award) }
        s.index = start
        if let redemption = RedeemData.scan(&s) { return .redeem(redemption) }
        s.index = start
        if let opening = AccountOpenData.scan(&s) { return .accountOpen(opening) }
        return nil
    }
}

extension Entry.Payload {
    /// The kind whose typed data this is; `nil` for plain JSON.
    var typedKind: Entry.Kind? {
        switch self {
        case .award: .award
        case .redeem: .redeem
        case .accountOpen: .accountOpen
        case .json: nil
        }
    }
}

extension Entry.Kind {
    /// The kind spelled by the scanned string at `range`, compared in place.
    init?(canonical range: Range<Int>, in s: CanonicalScanner) {
        guard let kind = Self.allCases.first(where: { s.matches(range, $0.spelling) }) else { return nil }
        self = kind
    }

    /// `rawValue` as a static string: no String is made to compare with.
    var spelling: StaticString {
        switch self {
        case .genesis: "genesis"
        case .rulesPublish: "rules.publish"
        case .accountOpen: "account.open"
        case .accountUpdate: "account.update"
        case .award: "award"
        case .redeem: "redeem"
        case .reverse: "reverse"
        case .transfer: "transfer"
        case .expire: "expire"
        case .settle: "settle"
        }
    }
}

extension CanonicalScanner {
    /// 64 lowercase hex digits as a hash, read in place.
    func lowercaseHash(_ range: Range<Int>) -> Hash? {
        guard range.count == 64 else { return nil }
        // Through a table, without an optional a digit: every entry has
        // its `prev` and most a second hash, and digit by digit this was a
        // seventh of reading an award.
        var invalid: UInt8 = 0
        let hash = Self.nibbles.withUnsafeBufferPointer { nibbles in
            withUnsafeTemporaryAllocation(byteCount: 32, alignment: 8) { buffer in
                var at = range.lowerBound
                for i in 0..<32 {
                    let high = nibbles[Int(bytes[at])], low = nibbles[Int(bytes[at + 1])]
                    invalid |= high | low
                    buffer[i] = high << 4 | (low & 0x0F)
                    at += 2
                }
                return Hash(exactly: UnsafeRawBufferPointer(buffer))
            }
        }
        return invalid & 0xF0 == 0 ? hash : nil
    }

    /// Each byte's value as a lowercase hex digit; 0xFF if it is not one.
    private static let nibbles: [UInt8] = (0...255).map { c in
        switch UInt8(c) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt8(c) - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt8(c) - UInt8(ascii: "a") + 10
        default: 0xFF
        }
    }

    /// An entry time, `YYYY-MM-DDTHH:MM:SS.mmmZ` exactly as the ledger writes it.
    func canonicalTime(_ range: Range<Int>) -> Timestamp? {
        let text = UnsafeBufferPointer(rebasing: bytes[range])
        guard range.count == 24, let time = Timestamp(rfc3339UTF8: text), time.isSpelledRFC3339(by: text) else { return nil }
        return time
    }
}
