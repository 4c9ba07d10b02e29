import Foundation

/// A C2SP tlog-checkpoint: the origin, the tree size and its root, which a
/// signed note makes a commitment anyone holding the verifier key can check.
///
/// ```
/// jiazhou.example/shizhong
/// 17
/// <base64 root>
/// ```
public struct Checkpoint: Sendable, Equatable {
    public var origin: String
    public var size: Int64
    public var root: Hash

    public init(origin: String, size: Int64, root: Hash) {
        self.origin = origin
        self.size = size
        self.root = root
    }

    /// The note text: three lines, each ending in "\n".
    public var body: String { "\(origin)\n\(size)\n\(Data(root.bytes).base64EncodedString())\n" }

    /// Reads a checkpoint body (extension lines after the root are allowed and ignored).
    public init(body: String) throws(LedgerError) {
        func bad(_ why: String) -> LedgerError { LedgerError(.invalid_request, "malformed checkpoint: \(why)") }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 4, lines.last == "" else { throw bad("expected origin, size and root lines") }
        guard !lines[0].isEmpty else { throw bad("empty origin") }
        guard let size = Int64(lines[1]), size >= 0, String(size) == lines[1] else { throw bad("size is not a decimal number") }
        guard let rootBytes = Base64.decode(canonical: lines[2]), let root = Hash(bytes: rootBytes) else {
            throw bad("root is not base64 of 32 bytes")
        }
        self.init(origin: String(lines[0]), size: size, root: root)
    }

    /// Parses a signed checkpoint note and checks its signature and origin.
    public static func verified(note: String, by verifier: some NoteVerifying) throws(LedgerError) -> Checkpoint {
        let signed = try SignedNote(parsing: note)
        guard signed.isSigned(by: verifier) else {
            let others = signed.signatures.filter { $0.name == verifier.name && $0.keyID != verifier.keyID }.map { Hex.encode($0.keyID) }
            // The same name under another key id: another ledger's key, or a
            // key of another suite (the key id covers the signature type).
            let hint = others.isEmpty ? "" : "; it is signed by another key of that name (key id \(others.joined(separator: ", "))): another ledger's key, or the key of another hash suite"
            throw LedgerError(.invalid_request, "checkpoint is not signed by \(verifier.name)+\(Hex.encode(verifier.keyID))\(hint)")
        }
        let checkpoint = try Checkpoint(body: signed.text)
        guard checkpoint.origin == verifier.name else {
            throw LedgerError(.invalid_request, "checkpoint origin \"\(checkpoint.origin)\" is not the key's name \"\(verifier.name)\"")
        }
        return checkpoint
    }
}
