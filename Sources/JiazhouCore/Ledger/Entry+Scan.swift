extension Entry {
    /// Reads an `award` straight from its stored bytes when they are exactly
    /// canonical, into its typed data, without building a JSON tree: the
    /// fast path of every read of an award (`verify`, `import`, history).
    ///
    /// Returns `nil` for any other kind, any other shape and any fault — the
    /// caller then uses the general parser (``init(parsingCanonicalBytes:)``),
    /// which decides and explains. A test and a fuzzer hold this to never
    /// accepting what the general parser refuses, and to reading the same entry.
    public static func scanAward(_ bytes: [UInt8]) -> Entry? {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = CanonicalScanner(buffer)
            return scanAward(&scanner)
        }
    }

    private static func scanAward(_ s: inout CanonicalScanner) -> Entry? {
        guard s.name("actor", opening: true), let actor = s.accountID(), s.name("data"), let award = AwardData.scan(&s) else { return nil }
        var entryKey: String?
        if s.name("key") {
            guard let text = s.decodedString() else { return nil }
            entryKey = text
        }
        guard s.name("kind"), let kindRange = s.string(), s.matches(kindRange, "award"), s.name("postings"), s.expect(UInt8(ascii: "[")) else {
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
        return Entry(seq: seq, prev: prev, time: time, actor: actor, key: entryKey, postings: postings, award: award)
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
