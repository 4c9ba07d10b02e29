import FuzzSupport
import JiazhouCore

/// Ledger entries read from their stored bytes: ``Entry/unseal(_:)``
/// accepts only the exact canonical form and never traps, and the fast
/// reader ``Entry/scan(_:)`` (which `unseal` tries first, for every kind)
/// accepts nothing that the general parser refuses and reads the same entry.
@main
enum FuzzEntry {
    static func main() {
        runFuzzer { data, size in
            FuzzEntry.check(inputBytes(data, size))
            return 0
        }
    }

    static func check(_ input: [UInt8]) {
        let sealed = try? Entry.unseal(input, using: .sha256Ed25519)
        if let sealed {
            require(sealed.bytes == input, "unseal keeps other bytes than it was given")
            require(sealed.entry.canonicalBytes == input, "an unsealed entry re-encodes differently")
            require(CanonicalJSON.bytes(sealed.entry.json) == input, "Entry.canonicalBytes and CanonicalJSON.bytes(entry.json) differ")
            require((try? Entry(json: sealed.entry.json)) == sealed.entry, "Entry(json: entry.json) is another entry")
            require(sealed.leafHash == TreeHasher.leafHash(input), "the leaf hash is not of the bytes")
        }
        let parsed = try? Entry(parsingCanonicalBytes: input)
        require((parsed != nil) == (sealed != nil), "unseal and the general parser disagree on whether the bytes are an entry")
        if let scanned = Entry.scan(input) {
            guard let parsed else { return require(false, "the scanner accepts bytes that the parser refuses: \(String(decoding: input, as: UTF8.self))") }
            require(scanned == parsed, "the scanner reads another entry than the parser")
            require(scanned.canonicalBytes == input, "a scanned entry re-encodes differently")
            require((Entry.scanAward(input) != nil) == (parsed.kind == .award), "scanAward and the kind disagree")
        }
    }
}
