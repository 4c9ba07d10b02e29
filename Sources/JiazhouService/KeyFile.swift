import JiazhouCore
import Foundation

/// The checkpoint signing key, kept in a file beside the database (never in
/// it), readable by its owner only (0600).
///
/// The format is the C2SP/`golang.org/x/mod/sumdb/note` signer key:
/// `PRIVATE+KEY+<name>+<hex key id>+<base64(0x01 ‖ 32-byte seed)>`.
enum KeyFile {
    static func defaultPath(forDatabase path: String) -> String { path + ".key" }

    static func encode(_ signer: NoteSigner) -> String {
        let verifier = signer.verifier
        return "PRIVATE+KEY+\(signer.name)+\(Hex.encode(verifier.keyID))+\(Data([0x01] + signer.seed).base64EncodedString())\n"
    }

    static func decode(_ text: String) throws(LedgerError) -> NoteSigner {
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "+", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY", let blob = Data(base64Encoded: String(parts[4])), blob.count == 33,
            blob.first == 0x01
        else { throw LedgerError(.ledger_invalid, "the key file is not a PRIVATE+KEY+name+id+key Ed25519 signer key") }
        let signer = try NoteSigner(name: String(parts[2]), seed: Array(blob.dropFirst()))
        guard Hex.encode(signer.verifier.keyID) == parts[3] else {
            throw LedgerError(.ledger_invalid, "the key file's key id does not match its key; the file is damaged")
        }
        return signer
    }

    static func read(path: String) throws(LedgerError) -> NoteSigner {
        guard FileManager.default.fileExists(atPath: path) else {
            throw LedgerError(.ledger_invalid, "no signing key at \(path); it is made by `jiazhou init` beside the database (or pass --key)")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw LedgerError(.storage_unavailable, "the signing key at \(path) cannot be read (permissions, or not a file); nothing was written")
        }
        return try decode(text)
    }

    /// Writes a new key file with mode 0600; refuses to overwrite one.
    static func write(_ signer: NoteSigner, path: String) throws(LedgerError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            throw LedgerError(.storage_unavailable, "cannot create the key file \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let bytes = Array(encode(signer).utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            throw LedgerError(.storage_unavailable, "cannot write the key file \(path): \(String(cString: strerror(errno)))")
        }
    }
}
