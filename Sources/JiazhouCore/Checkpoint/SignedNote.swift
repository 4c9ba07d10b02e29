import Foundation

/// A C2SP signed note: text, a blank line, and one or more signature lines
/// `— name base64(keyid ‖ signature)`.
public struct SignedNote: Sendable, Equatable {
    public struct Signature: Sendable, Equatable {
        public var name: String
        public var keyID: [UInt8]
        public var signature: [UInt8]
    }

    /// The signed text, ending in "\n".
    public var text: String
    public var signatures: [Signature]

    /// Most signature lines read from one note.
    static let maxSignatures = 100

    /// Splits a note into its text and signature lines. Says what is wrong
    /// with a malformed note; checks no signature.
    public init(parsing note: String) throws(LedgerError) {
        func bad(_ why: String) -> LedgerError { LedgerError(.invalid_request, "malformed signed note: \(why)") }
        guard note.hasSuffix("\n") else { throw bad("it must end with a newline") }
        guard !note.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" }) else { throw bad("control characters") }
        guard let split = note.range(of: "\n\n", options: .backwards) else { throw bad("no blank line before the signatures") }
        text = String(note[..<split.lowerBound]) + "\n"
        let lines = note[split.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        guard !lines.isEmpty, lines.count <= Self.maxSignatures else { throw bad("expected 1 to \(Self.maxSignatures) signature lines") }
        signatures = []
        for line in lines {
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count == 3, fields[0] == "\u{2014}", NoteVerifier.isValidKeyName(String(fields[1])),
                let blob = Base64.decode(canonical: fields[2]), blob.count >= 5
            else {
                throw bad("signature line \"\(line.prefix(60))\" is not '— name base64'")
            }
            signatures.append(Signature(name: String(fields[1]), keyID: Array(blob.prefix(4)), signature: Array(blob.dropFirst(4))))
        }
    }

    /// Whether the note carries `verifier`'s signature and every line by that
    /// key (same name, same key id) verifies. Lines by other keys are ignored;
    /// a failing line by this key rejects the note, as C2SP and the reference
    /// implementation (golang.org/x/mod/sumdb/note) do.
    public func isSigned(by verifier: some NoteVerifying) -> Bool {
        let keyID = verifier.keyID
        let byKey = signatures.filter { $0.name == verifier.name && $0.keyID == keyID }
        return !byKey.isEmpty && byKey.allSatisfy { verifier.isValidSignature($0.signature, for: text) }
    }
}
