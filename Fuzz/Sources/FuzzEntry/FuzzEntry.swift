import FuzzSupport
import JiazhouCore

/// Ledger entries read from their stored bytes: ``Entry/unseal(_:)``
/// accepts only the exact canonical form and never traps, and the fast
/// award reader ``Entry/scanAward(_:)`` accepts nothing that `unseal`
/// refuses and reads the same fields.
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
        if let scanned = Entry.scanAward(input) {
            guard let sealed else { return require(false, "scanAward accepts bytes that unseal refuses: \(String(decoding: input, as: UTF8.self))") }
            let entry = sealed.entry
            require(entry.kind == .award && scanned.kind == .award, "scanAward read a \(entry.kind)")
            require(
                scanned.seq == entry.seq && scanned.prev == entry.prev && scanned.time == entry.time && scanned.actor == entry.actor
                    && scanned.key == entry.key && scanned.postings == entry.postings,
                "scanAward reads other fields than unseal")
            for name in ["volunteer", "minutes", "periods", "lot"] {
                require(scanned.data[name] == entry.data[name], "scanAward reads data.\(name) differently")
            }
        }
    }
}
