import Foundation

/// Base64 as signed notes, checkpoints and keys write it (RFC 4648 §4, the
/// standard alphabet, with padding), read strictly.
///
/// Foundation's decoder is lenient: it ignores the bits that padding leaves
/// over (`AB==` reads as `AA==`) and an `=` after a complete quantum, so one
/// signature or root would have several spellings, and a note several byte
/// strings. Only the one spelling that encoding gives is accepted here, as
/// Go's `base64.StdEncoding.Strict` does; every signer writes it.
public enum Base64 {
    /// The bytes `text` encodes, if `text` is their one canonical spelling.
    public static func decode(canonical text: some StringProtocol) -> [UInt8]? {
        let text = String(text)
        guard let data = Data(base64Encoded: text), data.base64EncodedString() == text else { return nil }
        return Array(data)
    }

    /// The canonical spelling of `bytes`.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString()
    }
}
