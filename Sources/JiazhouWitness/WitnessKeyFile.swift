public import JiazhouCore
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The witness's signing key file: `PRIVATE+KEY+<name>+<hex key id>+<base64(0x04 ‖
/// 32-byte Ed25519 seed)>` and a newline, mode 0600, like the ledger's key
/// file (SPEC §6) with the cosignature type byte.
public enum WitnessKeyFile {
    /// Writes a new key file; refuses to overwrite one.
    public static func write(_ signer: CosignatureSigner, path: String) throws(LedgerError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            throw LedgerError(.storage_unavailable, "cannot create the witness key file \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let bytes = Array((signer.signerKey + "\n").utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            throw LedgerError(.storage_unavailable, "cannot write the witness key file \(path): \(String(cString: strerror(errno)))")
        }
    }

    public static func read(path: String) throws(LedgerError) -> CosignatureSigner {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw LedgerError(.storage_unavailable, "cannot read the witness key file \(path); it is made by `jiazhou witness init`")
        }
        return try CosignatureSigner(signerKey: text)
    }
}
