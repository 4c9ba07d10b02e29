import Foundation

/// The body of a c2sp.org/tlog-witness `add-checkpoint` request: an old size
/// line, zero to 63 consistency proof lines (base64 hashes), a blank line,
/// and the signed checkpoint note.
///
/// ```
/// old 20852014
/// PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=
///
/// example.com/behind-the-sofa
/// 20852163
/// CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
///
/// — example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=
/// ```
///
/// Parsing checks the shape only (a witness answers 400 to what it refuses);
/// signatures and the proof are the witness's to check.
public struct AddCheckpointBody: Sendable, Equatable {
    /// Most consistency proof lines a client may send (the spec's limit).
    public static let maxProofLines = Limits.witnessProofLines
    /// Largest body read (``Limits/witnessBodyBytes``).
    public static let maxBytes = Limits.witnessBodyBytes

    public var old: Int64
    public var proof: [Hash]
    /// The signed checkpoint note, as sent.
    public var note: String

    public init(old: Int64, proof: [Hash], note: String) {
        self.old = old
        self.proof = proof
        self.note = note
    }

    /// The request body's text.
    public var text: String {
        "old \(old)\n" + proof.map { Base64.encode($0.bytes) + "\n" }.joined() + "\n" + note
    }

    /// Reads a body; says what is wrong with a malformed one. Never traps.
    public init(parsing bytes: some Collection<UInt8>) throws(LedgerError) {
        func bad(_ why: String) -> LedgerError { LedgerError(.invalid_request, "malformed add-checkpoint body: \(why)") }
        guard bytes.count <= Self.maxBytes else { throw bad("longer than \(Self.maxBytes) bytes") }
        guard let text = String(validating: Array(bytes), as: UTF8.self) else { throw bad("not UTF-8") }
        guard let blank = text.range(of: "\n\n") else { throw bad("no blank line after the proof") }
        let head = text[..<blank.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
        note = String(text[blank.upperBound...])
        guard let first = head.first, first.hasPrefix("old ") else { throw bad("the first line must be \"old <size>\"") }
        let digits = first.dropFirst(4)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }), digits == "0" || !digits.hasPrefix("0"),
            let old = Int64(digits)
        else { throw bad("the old size must be a decimal number without leading zeroes") }
        self.old = old
        let lines = head.dropFirst()
        guard lines.count <= Self.maxProofLines else { throw bad("more than \(Self.maxProofLines) consistency proof lines") }
        var proof: [Hash] = []
        for line in lines {
            guard let decoded = Base64.decode(canonical: line), let hash = Hash(bytes: decoded) else {
                throw bad("proof line \"\(line.prefix(60))\" is not base64 of a 32-byte hash")
            }
            proof.append(hash)
        }
        self.proof = proof
        guard !note.isEmpty else { throw bad("no checkpoint after the blank line") }
    }
}
