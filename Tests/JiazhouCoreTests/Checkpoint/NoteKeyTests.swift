import Foundation
import JiazhouCore
import Testing

@Suite("NoteSigner and NoteVerifier")
struct NoteKeyTests {
    private static let ours = "jiazhou.example/shizhong+1d31d477+AVxbk3qajqu4tEMfK9Dd/0Dwp1tZA7aCljJadDyWTCS0"

    @Test(arguments: [
        ours,
        "jiazhou.example/second+5ba605fe+AX+SdLgnmvGyYQ7FyJWQ7QXvjNhZn21Smzaxdlhv8a+W",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop",
    ])
    func aPublishedVerifierKeyParsesAndPrintsBackTheSame(_ text: String) throws {
        let verifier = try NoteVerifier(verifierKey: text)
        #expect(verifier.verifierKey == text)
        #expect(verifier.name == String(text.prefix { $0 != "+" }))
        #expect(verifier.publicKey.count == 32)
    }

    /// The key id commits to the name and the key: a changed id, or the same
    /// id and key under another name, must not parse.
    @Test(arguments: [
        "jiazhou.example/shizhong+1d31d478+AVxbk3qajqu4tEMfK9Dd/0Dwp1tZA7aCljJadDyWTCS0",
        "jiazhou.example/shizhong+00000000+AVxbk3qajqu4tEMfK9Dd/0Dwp1tZA7aCljJadDyWTCS0",
        "jiazhou.example/other+1d31d477+AVxbk3qajqu4tEMfK9Dd/0Dwp1tZA7aCljJadDyWTCS0",
        "PeterNeumann+1d31d477+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
    ])
    func aVerifierKeyWhoseIDDoesNotMatchIsRejected(_ text: String) {
        #expect(throws: LedgerError.self) { try NoteVerifier(verifierKey: text) }
    }

    @Test(arguments: [
        "",
        "jiazhou.example/shizhong",
        "jiazhou.example/shizhong+1d31d477",
        "+1d31d477+AVxbk3qajqu4tEMfK9Dd/0Dwp1tZA7aCljJadDyWTCS0",  // no name
        "jiazhou.example/shizhong+1d31d4+AVxbk3qajqu4tEMfK9Dd/0Dwp1tZA7aCljJadDyWTCS0",  // short id
        "jiazhou.example/shizhong+1d31d477+not base64",
        "jiazhou.example/shizhong+1d31d477+Alxbk3qajqu4tEMfK9Dd/0Dwp1tZA7aCljJadDyWTCS0",  // type 0x02
        "jiazhou.example/shizhong+1d31d477+XFuTepqOq7i0Qx8r0N3/QPCnW1kDtoKWMlp0PJZMJLQ=",  // no type byte
        "jiazhou.example/shizhong+1d31d477+AVxbk3qajqu4tEMfK9Dd/0Dwp1tZA7aCljJadDyWTCS0+extra",
        // Found by the FuzzSignedNote target: an '=' after a complete quantum,
        // which Foundation's base64 decoder ignores; one key, one spelling.
        "jiazhou.example/shizhong+1d31d477+AVxbk3qajqu4tEMfK9Dd/0Dwp1tZA7aCljJadDyWTCS0=",
    ])
    func aMalformedVerifierKeyIsRejected(_ text: String) {
        #expect(throws: LedgerError.self) { try NoteVerifier(verifierKey: text) }
    }

    /// FuzzSignedNote: a key id with an uppercase hex digit parsed, and the
    /// key then wrote back as another text.
    @Test func fuzzFoundAnUppercaseKeyIDThatParsed() throws {
        let key = "jiazhou.example/shizhong+1d31d477+AVxbk3qajqu4tEMfK9Dd/0Dwp1tZA7aCljJadDyWTCS0"
        #expect(try NoteVerifier(verifierKey: key).verifierKey == key)
        #expect(throws: LedgerError.self) { try NoteVerifier(verifierKey: key.replacingOccurrences(of: "+1d31d477+", with: "+1D31d477+")) }
    }

    @Test(arguments: ["", "two words", "a+b", "line\nbreak", "tab\tname"])
    func aSignerNeedsAKeyNameWithoutSpacesOrPlus(_ name: String) {
        #expect(throws: LedgerError.self) { try NoteSigner(name: name, seed: [UInt8](repeating: 1, count: 32)) }
    }

    @Test(arguments: [0, 31, 33, 64])
    func aSignerNeedsAThirtyTwoByteSeed(_ count: Int) {
        #expect(throws: LedgerError.self) { try NoteSigner(name: "jiazhou.example/x", seed: [UInt8](repeating: 1, count: count)) }
    }

    @Test func aSignerKeepsItsSeed() throws {
        let seed = (0..<32).map { UInt8($0) }
        #expect(try NoteSigner(name: "jiazhou.example/x", seed: seed).seed == seed)
    }

    /// A note correctly signed by the key is still not that log's checkpoint
    /// if its origin is another log's.
    @Test func aCheckpointForAnotherOriginIsRejectedEvenWhenTheSignatureIsGood() throws {
        let signer = try CheckpointVectors.load().signer()
        let foreign = Checkpoint(origin: "other.example/log", size: 8, root: Hash.zero)
        let note = signer.sign(foreign.body)
        #expect(try SignedNote(parsing: note).isSigned(by: signer.verifier))
        #expect(throws: LedgerError.self) { try Checkpoint.verified(note: note, by: signer.verifier) }
    }

    @Test(arguments: [
        "jiazhou.example/shizhong\n8\nt4pr8/Ard9KkMYGj7SoqTYfl62EJQ3um9KF8ysjP9SE=",  // no final newline
        "jiazhou.example/shizhong\n8\n",  // no root
        "\n8\nt4pr8/Ard9KkMYGj7SoqTYfl62EJQ3um9KF8ysjP9SE=\n",  // empty origin
        "jiazhou.example/shizhong\n+8\nt4pr8/Ard9KkMYGj7SoqTYfl62EJQ3um9KF8ysjP9SE=\n",
        "jiazhou.example/shizhong\n08\nt4pr8/Ard9KkMYGj7SoqTYfl62EJQ3um9KF8ysjP9SE=\n",
        "jiazhou.example/shizhong\n-1\nt4pr8/Ard9KkMYGj7SoqTYfl62EJQ3um9KF8ysjP9SE=\n",
        "jiazhou.example/shizhong\neight\nt4pr8/Ard9KkMYGj7SoqTYfl62EJQ3um9KF8ysjP9SE=\n",
        "jiazhou.example/shizhong\n8\nt4pr8/Ard9KkMYGj7SoqTYfl62EJQ3um9KF8ysjP9S\n",  // not base64
        "jiazhou.example/shizhong\n8\nAAAA\n",  // 3 bytes, not 32
    ])
    func aMalformedCheckpointBodyIsRejected(_ body: String) {
        #expect(throws: LedgerError.self) { try Checkpoint(body: body) }
    }

    @Test func extensionLinesAfterTheRootAreAllowed() throws {
        let body = "jiazhou.example/shizhong\n8\nt4pr8/Ard9KkMYGj7SoqTYfl62EJQ3um9KF8ysjP9SE=\nextension line\n"
        let checkpoint = try Checkpoint(body: body)
        #expect(checkpoint.size == 8)
        #expect(checkpoint.root.hex == "b78a6bf3f02b77d2a43181a3ed2a2a4d87e5eb6109437ba6f4a17ccac8cff521")
    }
}
