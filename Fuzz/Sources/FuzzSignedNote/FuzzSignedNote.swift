import Foundation
import FuzzSupport
import JiazhouCore

/// C2SP signed notes and tlog checkpoints, as `jiazhou audit` and
/// `verify-statement` read them from files an auditor is handed.
///
/// Properties: nothing traps; a parsed note is exactly its text, a blank
/// line and its signature lines written back (no two spellings of one
/// note); a parsed checkpoint body starts with exactly the three lines it
/// writes; checking a signature with the test vectors' key never traps.
@main
enum FuzzSignedNote {
    static let verifier = try! NoteVerifier(verifierKey: "jiazhou.example/shizhong+1d31d477+AVxbk3qajqu4tEMfK9Dd/0Dwp1tZA7aCljJadDyWTCS0")

    static func main() {
        runFuzzer { data, size in
            FuzzSignedNote.check(inputBytes(data, size))
            return 0
        }
    }

    static func check(_ input: [UInt8]) {
        guard let text = validText(input) else { return }
        if let note = try? SignedNote(parsing: text) {
            var written = note.text + "\n"
            for signature in note.signatures {
                written += "\u{2014} \(signature.name) \(Data(signature.keyID + signature.signature).base64EncodedString())\n"
            }
            require(Array(written.utf8) == input, "a parsed note writes back as other bytes: \(written.debugDescription)")
            _ = note.isSigned(by: verifier)
            _ = try? Checkpoint.verified(note: text, by: verifier)
        }
        if let checkpoint = try? Checkpoint(body: text) {
            require(input.starts(with: Array(checkpoint.body.utf8)), "a parsed checkpoint writes back as other lines: \(checkpoint.body.debugDescription)")
        }
        if let line = text.split(separator: "\n").first, let key = try? NoteVerifier(verifierKey: String(line)) {
            require(key.verifierKey == line, "a verifier key writes back as another text: \(key.verifierKey)")
        }
    }
}
