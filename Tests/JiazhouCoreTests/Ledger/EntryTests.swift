import JiazhouCore
import Testing

@Suite("Entry: reading and unsealing")
struct EntryTests {
    /// chain.json seq 5: its data has `"`, `\n`, `\t`, `/` and an emoji.
    private static func canonicalOfSeq5() throws -> String { try ChainVectors.load().entries[5].canonical }

    private static func objectOfSeq2() throws -> [String: JSONValue] {
        try #require(try ChainVectors.load().entries[2].entry.objectValue)
    }

    /// Re-serialisations of seq 5 that parse to the same value but are not its canonical bytes.
    private static let reserialisations: [(name: String, rewrite: @Sendable (String) -> String)] = [
        ("a space after the brace", { "{ " + $0.dropFirst() }),
        ("a trailing newline", { $0 + "\n" }),
        ("\"v\" moved to the front", { "{\"v\":1," + $0.dropFirst().replacing(",\"v\":1}", with: "}") }),
        ("an escaped solidus", { $0.replacing("备注/remark", with: "备注\\/remark") }),
        ("a \\u escape for a CJK character", { $0.replacing("雨天", with: "\\u96e8天") }),
        ("\\u000a for \\n", { $0.replacing("\\n→", with: "\\u000a→") }),
        ("a \\u escape for \\t", { $0.replacing("\\t(", with: "\\u0009(") }),
    ]

    @Test(arguments: reserialisations.indices)
    func unsealRefusesANonCanonicalReserialisation(_ index: Int) throws {
        let (name, rewrite) = Self.reserialisations[index]
        let canonical = try Self.canonicalOfSeq5()
        let variant = rewrite(canonical)
        try #require(variant != canonical, "rewrite \(name) changed nothing")
        // It is the same JSON value: only its bytes differ.
        #expect(try JSONParser.parse(variant) == JSONParser.parse(canonical), "\(name)")
        let error = #expect(throws: LedgerError.self, "\(name)") { try Entry.unseal(Array(variant.utf8), using: .sha256Ed25519) }
        #expect(error?.reason == .ledger_invalid)
    }

    @Test func unsealRefusesBytesThatAreNotJSON() {
        let error = #expect(throws: LedgerError.self) { try Entry.unseal(Array("{\"v\":1".utf8), using: .sha256Ed25519) }
        #expect(error?.reason == .ledger_invalid)
    }

    /// Each field of an entry with a wrong value (or, for `nil`, removed).
    @Test(arguments: [
        ("key", JSONValue.null),  // README point 4: an unused key is absent, never null
        ("key", JSONValue.integer(1)),
        ("extra", JSONValue.integer(1)),
        ("v", JSONValue.integer(2)),
        ("seq", JSONValue.integer(-1)),
        ("seq", JSONValue.string("2")),
        ("prev", JSONValue.string("0A422E63E85480362C6A6B073C317AEF0A28DD85DF568D459F321E926B518D56")),
        ("time", JSONValue.string("2026-11-23T08:10:00Z")),  // README point 5: one spelling only
        ("time", JSONValue.string("2026-11-23T16:10:00.000+08:00")),
        ("time", JSONValue.string("2026-11-23T08:10:00.000z")),
        ("kind", JSONValue.string("refund")),
        ("actor", JSONValue.string("nobody")),
        ("postings", JSONValue.object([:])),
        ("postings", JSONValue.array([["from": "issuer:a", "to": "volunteer:V1", "points": 0]])),
        ("postings", JSONValue.array([["from": "issuer:a", "to": "volunteer:V1", "points": 1, "memo": "x"]])),
        ("data", JSONValue.array([])),
        ("data", nil),
        ("postings", nil),
        ("time", nil),
    ] as [(String, JSONValue?)])
    func aMalformedFieldIsRefused(field: String, value: JSONValue?) throws {
        var object = try Self.objectOfSeq2()
        object[field] = value
        let error = #expect(throws: LedgerError.self) { try Entry(json: .object(object)) }
        #expect(error?.reason == .ledger_invalid)
    }

    @Test func aWellFormedEntryIsAcceptedBeforeItIsMutated() throws {
        let entry = try Entry(json: .object(try Self.objectOfSeq2()))
        #expect(entry.seq == 2)
        #expect(entry.key == "open-volunteer-V000001")
        #expect(entry.kind == .accountOpen)
        #expect(entry.actor == (try AccountID("coordinator:gw-baiyang-g01")))
    }

    @Test func anEntryBuiltInCodeRoundTripsThroughItsBytes() throws {
        let entry = Entry(
            seq: 9, prev: Hash.zero, time: Timestamp(millisecondsSince1970: 1_795_393_800_123), kind: .transfer,
            actor: try AccountID("volunteer:V1"), key: nil,
            postings: [try Posting(from: AccountID("volunteer:V1"), to: AccountID("volunteer:V2"), points: 3)],
            data: ["note": "给邻居 🎁"])
        let sealed = entry.sealed(using: .sha256Ed25519)
        #expect(!String(decoding: sealed.bytes, as: UTF8.self).contains("\"key\""))
        #expect(String(decoding: sealed.bytes, as: UTF8.self).contains("\"time\":\"2026-11-23T00:30:00.123Z\""))
        #expect(try Entry.unseal(sealed.bytes, using: .sha256Ed25519) == sealed)
    }
}

/// The direct encoder of entries must agree with the general RFC 8785 encoder.
@Suite struct EntryEncodingTests {
    @Test(arguments: [nil, "k-1", "含\"引号\"的键"] as [String?])
    func theDirectEncodingIsTheCanonicalEncodingOfTheJSONObject(key: String?) throws {
        let entry = Entry(
            seq: 42, prev: TreeHasher.leafHash([1, 2, 3]), time: Timestamp(millisecondsSince1970: 1_795_000_000_123), kind: .award,
            actor: try AccountID("coordinator:office-baiyang"), key: key,
            postings: [
                try Posting(from: AccountID("issuer:shizhong/tongjiang/baiyang"), to: AccountID("volunteer:V000001"), points: 20),
                try Posting(from: AccountID("issuer:shizhong"), to: AccountID("volunteer:V000002"), points: 9_007_199_254_740_992),
            ],
            data: ["activity": ["id": "清扫\n街道", "tags": ["银龄", "夜间"]], "minutes": 120, "z": nil, "a": true])
        #expect(entry.canonicalBytes == entry.json.canonicalBytes)
        #expect(try Entry.unseal(entry.canonicalBytes, using: .sha256Ed25519).entry == entry)
    }
}
