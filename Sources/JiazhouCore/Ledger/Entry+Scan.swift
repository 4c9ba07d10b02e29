extension Entry {
    /// Reads an `award` straight from its stored bytes when they are exactly
    /// canonical, without building a JSON tree: the fast path of `verify`.
    ///
    /// The entry returned carries in `data` only what its effects, usage and
    /// lot need (`volunteer`, `minutes`, `periods`, `lot`); everything else in `data` is checked for
    /// canonical form and skipped. Returns `nil` for any other kind, any
    /// unusual shape and any fault — the caller then uses ``unseal(_:)``,
    /// which decides and explains. A test holds this to never accepting what
    /// `unseal` refuses, and to reading the same fields.
    public static func scanAward(_ bytes: [UInt8]) -> Entry? {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = CanonicalScanner(buffer)
            return scanAward(&scanner)
        }
    }

    private static func scanAward(_ s: inout CanonicalScanner) -> Entry? {
        func key(_ name: StaticString, first: Bool = false) -> Bool {
            if !first, !s.expect(UInt8(ascii: ",")) { return false }
            guard s.expect(UInt8(ascii: "\"")) else { return false }
            for i in 0..<name.utf8CodeUnitCount where !s.expect(name.utf8Start[i]) { return false }
            return s.expect(UInt8(ascii: "\"")) && s.expect(UInt8(ascii: ":"))
        }
        func account() -> AccountID? {
            guard let range = s.string(), let text = s.text(range) else { return nil }
            return try? AccountID(text)
        }
        guard s.expect(UInt8(ascii: "{")), key("actor", first: true), let actor = account(), key("data") else { return nil }
        var volunteer: AccountID?
        var minutes: Int64?
        var periods: JSONValue?
        var lot: JSONValue?
        /// An object of plain string members, as JSON.
        func strings(_ scanner: inout CanonicalScanner) -> JSONValue? {
            var members: [String: JSONValue] = [:]
            let ok = scanner.object(depth: 3) { name, inner in
                guard let key = inner.text(name), let range = inner.string(), let text = inner.text(range) else { return false }
                members[key] = .string(text)
                return true
            }
            return ok ? .object(members) : nil
        }
        let dataOK = s.object(depth: 2) { name, scanner in
            switch name.count {
            case 3 where scanner.matches(name, "lot"):
                lot = strings(&scanner)
                return lot != nil
            case 7 where scanner.matches(name, "periods"):
                periods = strings(&scanner)
                return periods != nil
            case 9 where scanner.matches(name, "volunteer"):
                guard let range = scanner.string(), let text = scanner.text(range) else { return false }
                volunteer = try? AccountID(text)
                return volunteer != nil
            case 7 where scanner.matches(name, "minutes"):
                minutes = scanner.integer()
                return minutes != nil
            default:
                return true
            }
        }
        guard dataOK, let volunteer, let minutes else { return nil }
        var entryKey: String?
        if key("key") {
            guard let range = s.string(), let text = s.text(range) else { return nil }
            entryKey = text
            guard key("kind") else { return nil }
        } else {
            return nil  // "key" absent: the general reader handles that shape
        }
        guard let kindRange = s.string(), s.text(kindRange) == Kind.award.rawValue, key("postings") else { return nil }
        var postings: [Posting] = []
        guard s.expect(UInt8(ascii: "[")) else { return nil }
        if !s.expect(UInt8(ascii: "]")) {
            while true {
                guard s.expect(UInt8(ascii: "{")), key("from", first: true), let from = account(), key("points"), let points = s.integer(),
                    key("to"), let to = account(), s.expect(UInt8(ascii: "}")), let posting = try? Posting(from: from, to: to, points: points)
                else { return nil }
                postings.append(posting)
                if s.expect(UInt8(ascii: "]")) { break }
                guard s.expect(UInt8(ascii: ",")) else { return nil }
            }
        }
        guard key("prev"), let prevRange = s.string(), let prev = s.lowercaseHash(prevRange),
            key("seq"), let seq = s.integer(), seq >= 0, key("time"), let timeRange = s.string(), let time = s.canonicalTime(timeRange),
            key("v"), s.integer() == formatVersion, s.expect(UInt8(ascii: "}")), s.index == s.bytes.count
        else { return nil }
        return Entry(
            seq: seq, prev: prev, time: time, kind: .award, actor: actor, key: entryKey, postings: postings,
            data: .object(
                ["volunteer": .string(volunteer.text), "minutes": .integer(minutes)].merging([("periods", periods), ("lot", lot)].compactMap { name, value in value.map { (name, $0) } }) { a, _ in a }))
    }
}

extension CanonicalScanner {
    /// 64 lowercase hex digits as a hash, read in place.
    func lowercaseHash(_ range: Range<Int>) -> Hash? {
        guard range.count == 64 else { return nil }
        var out = [UInt8](repeating: 0, count: 32)
        for i in 0..<32 {
            guard let high = Self.nibble(bytes[range.lowerBound + 2 * i]), let low = Self.nibble(bytes[range.lowerBound + 2 * i + 1]) else { return nil }
            out[i] = high << 4 | low
        }
        return Hash(bytes: out)
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// An entry time, `YYYY-MM-DDTHH:MM:SS.mmmZ` exactly as the ledger writes it.
    func canonicalTime(_ range: Range<Int>) -> Timestamp? {
        guard range.count == 24, let time = Timestamp(rfc3339UTF8: UnsafeBufferPointer(rebasing: bytes[range])) else { return nil }
        var written: [UInt8] = []
        written.reserveCapacity(24)
        time.writeRFC3339(into: &written)
        for i in 0..<24 where written[i] != bytes[range.lowerBound + i] { return nil }
        return time
    }
}
