import JiazhouCore
import Foundation

/// The checkpoint signing key, kept in a file beside the database (never in
/// it), readable by its owner only (0600).
///
/// The format is the C2SP/`golang.org/x/mod/sumdb/note` signer key,
/// `PRIVATE+KEY+<name>+<hex key id>+<base64(type ‖ private key)>`, with the
/// ledger's suite's key: `0x01 ‖ 32-byte Ed25519 seed` for `sha256-ed25519`,
/// the 11 SM2 type bytes and the 32-byte scalar for `sm3-sm2` (SPEC.md §6, §14.1).
enum KeyFile {
    static func defaultPath(forDatabase path: String) -> String { path + ".key" }

    /// The key file to use: `given`, else the file beside a SQLite database.
    /// A PostgreSQL ledger has no file to put it beside: there `--key` is required.
    static func path(_ given: String?, forDatabase path: String) throws(LedgerError) -> String {
        if let given { return given }
        guard !LedgerService.isPostgresURL(path) else {
            throw LedgerError(.invalid_request, "a PostgreSQL ledger's signing key is a file on this machine, never in the database: give it with --key FILE")
        }
        return defaultPath(forDatabase: path)
    }

    static func encode(_ signer: any NoteSigning) -> String {
        signer.signerKey + "\n"
    }

    /// Reads a key of `suite`; a key of another suite is refused saying
    /// which it is, before anything is parsed.
    static func decode(_ text: String, suite: HashSuite) throws(LedgerError) -> any NoteSigning {
        guard suite.isKind(ofKey: text) else {
            let found = SuiteCatalog.standard.suite(ofKey: text).map { "an \($0.signatureName) key of the \($0.name) suite" } ?? "no key of a suite this build knows"
            throw LedgerError(
                .ledger_invalid,
                "the key file holds \(found), but this ledger's hash suite is \(suite.name), whose checkpoints are signed with \(suite.signatureName); is it the key of another ledger?"
            )
        }
        return try suite.signer(signerKey: text)
    }

    static func read(path: String, suite: HashSuite) throws(LedgerError) -> any NoteSigning {
        guard FileManager.default.fileExists(atPath: path) else {
            throw LedgerError(.ledger_invalid, "no signing key at \(path); it is made by `jiazhou init` beside the database (or pass --key)")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw LedgerError(.storage_unavailable, "the signing key at \(path) cannot be read (permissions, or not a file); nothing was written")
        }
        return try decode(text, suite: suite)
    }

    /// Writes a new key file with mode 0600; refuses to overwrite one.
    static func write(_ signer: any NoteSigning, path: String) throws(LedgerError) {
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
