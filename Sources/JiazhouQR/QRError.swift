/// Why a text cannot become a QR code: it is longer than the largest symbol
/// holds at error correction level M.
public struct QRError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The length of the text, in bytes.
    public let byteCount: Int
    /// The most bytes a symbol of the versions allowed holds.
    public let capacity: Int

    public var description: String {
        "\(byteCount) bytes do not fit a QR code at error correction level M (at most \(capacity) bytes)"
    }
}
