import Foundation
import JiazhouCore
import Testing

@Suite("SignedNote")
struct SignedNoteTests {
    private static func signed() throws -> (note: String, line: String, verifier: NoteVerifier) {
        let vectors = try CheckpointVectors.load()
        return (vectors.checkpoint.note, vectors.checkpoint.signatureLine, try vectors.signer().verifier)
    }

    @Test func theSignedTextKeepsItsFinalNewlineButNotTheBlankLine() throws {
        let (note, _, _) = try Self.signed()
        let body = try CheckpointVectors.load().checkpoint.body
        #expect(try SignedNote(parsing: note).text == body)
    }

    @Test(arguments: [
        "text\n\n- name AAAAAAA=\n",  // a hyphen, not an em dash
        "text\n\n\u{2014} name\n",  // no signature
        "text\n\n\u{2014} name AAAA\n",  // 3 bytes: shorter than a key id and one byte
        "text\n\n\u{2014} name AAAAAAA= extra\n",
        "text\n\n\u{2014}  name AAAAAAA=\n",  // two spaces
        "text\n\n\u{2014} name not-base64!\n",
        "text\n\n",  // no signature lines
        "te\tx\n\n\u{2014} name AAAAAAA=\n",  // a control character other than newline
        "text\r\n\n\u{2014} name AAAAAAA=\n",
    ])
    func aMalformedNoteIsRejected(_ note: String) {
        let error = #expect(throws: LedgerError.self) { try SignedNote(parsing: note) }
        #expect(error?.reason == .invalid_request)
    }

    @Test func aNoteWithMoreThanOneHundredSignaturesIsRejected() throws {
        let line = "\u{2014} other.example/x AAAAAAA=\n"
        #expect(throws: LedgerError.self) { try SignedNote(parsing: "text\n\n" + String(repeating: line, count: 101)) }
        #expect(try SignedNote(parsing: "text\n\n" + String(repeating: line, count: 100)).signatures.count == 100)
    }

    @Test func anyChangeToTheTextBreaksTheSignature() throws {
        let (note, _, verifier) = try Self.signed()
        let altered = note.replacing("\n8\n", with: "\n9\n")
        #expect(!(try SignedNote(parsing: altered).isSigned(by: verifier)))
    }

    /// c2sp.org/signed-note: "If a signature from a known key fails to verify,
    /// clients SHOULD reject the whole note." Go's note.Open does, when the
    /// failing line comes first (it then drops the repeat). A good signature
    /// further down must not rescue a note that carries a forged one.
    @Test func aFailingSignatureFromTheKeyRejectsTheNoteEvenBesideAGoodOne() throws {
        let (note, line, verifier) = try Self.signed()
        let text = try CheckpointVectors.load().checkpoint.body + "\n"  // text and the blank line
        let parsed = try SignedNote(parsing: note)
        let good = try #require(parsed.signatures.first)
        var forged = good.signature
        forged[0] ^= 0x01
        let forgedLine = "\u{2014} \(good.name) \(Data(good.keyID + forged).base64EncodedString())\n"
        let twice = try SignedNote(parsing: text + forgedLine + line)
        #expect(twice.signatures.count == 2)
        #expect(!twice.isSigned(by: verifier))
        #expect(throws: LedgerError.self) { try Checkpoint.verified(note: text + forgedLine + line, by: verifier) }
    }

    /// Found by the FuzzSignedNote fuzz target: Foundation's base64 decoder
    /// ignores an `=` after a complete quantum and the bits that padding
    /// leaves over, so the one signature of the vectors' checkpoint had other
    /// spellings that parsed, and a note other byte strings that verified.
    /// Only the canonical spelling is read now.
    @Test(arguments: [
        "HTHUd/unu9AvkQK1Gz8KQcZlw4Oa9xuYKjJC9+bwKPOWHrhwQDVM7v4/tMzVf2ukSzq9uBmICZjueWzUGgCUt3F1Wws==",  // an '=' too many
        "HTHUd/unu9AvkQK1Gz8KQcZlw4Oa9xuYKjJC9+bwKPOWHrhwQDVM7v4/tMzVf2ukSzq9uBmICZjueWzUGgCUt3F1Wwt=",  // padding bits set
    ])
    func fuzzFoundANonCanonicalBase64SignatureThatParsed(_ blob: String) throws {
        let (note, line, verifier) = try Self.signed()
        #expect(line.contains(" HTHUd/unu9AvkQK1Gz8KQcZlw4Oa9xuYKjJC9+bwKPOWHrhwQDVM7v4/tMzVf2ukSzq9uBmICZjueWzUGgCUt3F1Wws=\n"))
        #expect(Data(base64Encoded: blob) != nil, "Foundation reads it")
        let respelt = note.replacing("HTHUd/unu9AvkQK1Gz8KQcZlw4Oa9xuYKjJC9+bwKPOWHrhwQDVM7v4/tMzVf2ukSzq9uBmICZjueWzUGgCUt3F1Wws=", with: blob)
        let error = #expect(throws: LedgerError.self) { try SignedNote(parsing: respelt) }
        #expect(error?.reason == .invalid_request)
        #expect(throws: LedgerError.self) { try Checkpoint.verified(note: respelt, by: verifier) }
    }

    /// The same for a checkpoint's root: `t4pr…SE=` has one spelling.
    @Test func fuzzFoundANonCanonicalBase64RootThatParsed() throws {
        let body = try CheckpointVectors.load().checkpoint.body
        #expect(try Checkpoint(body: body).body == body)
        #expect(throws: LedgerError.self) { try Checkpoint(body: body.replacing("SE=\n", with: "SF=\n")) }
        #expect(throws: LedgerError.self) { try Checkpoint(body: body.replacing("SE=\n", with: "SE==\n")) }
    }

    @Test func base64IsReadInItsCanonicalSpellingOnly() {
        #expect(Base64.decode(canonical: "AA==") == [0])
        #expect(Base64.decode(canonical: "AAE=") == [0, 1])
        #expect(Base64.decode(canonical: "") == [])
        for respelt in ["AB==", "AAF=", "AAAA=", "AA", "AA==\n", " AA==", "A A="] {
            #expect(Base64.decode(canonical: respelt) == nil, "\(respelt)")
        }
    }
}
