import JiazhouCore
import JiazhouQR

/// `GET /v1/qr?text=…`: a QR code of `text` as SVG, so that the pages draw
/// one-time codes with the one encoder there is, this server's, and need no
/// JavaScript port of it. Pure and bounded: anyone may ask.
struct QRImageRequest: Codable, Sendable {
    var text: String

    /// Longer than any code or link the pages show, and a bound on the work
    /// (a version 25 symbol at most).
    static let maxBytes = 1024

    func svg() throws(LedgerError) -> String {
        guard !text.isEmpty, text.utf8.count <= Self.maxBytes else {
            throw LedgerError(.invalid_request, "text must be 1 to \(Self.maxBytes) bytes of UTF-8")
        }
        do {
            return try QRCode(encoding: text).svg(title: text)
        } catch {
            throw LedgerError(.invalid_request, error.description)
        }
    }
}
