import Foundation
import JiazhouQR

/// A real decoder, ZBar's `zbarimg` (Debian's zbar-tools), reading the
/// symbol as a greyscale image: if it reads back the very bytes, the symbol
/// is one that phones will read too.
enum Decoder {
    static let path = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The bytes `zbarimg` reads from `code`, or `nil` if it finds no symbol.
    static func decode(_ code: QRCode) throws -> [UInt8]? {
        guard let path else { throw Missing() }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jiazhou-qr-\(UUID().uuidString).pgm")
        try Data(NetPBM.greymap(code)).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        // -Sbinary: the symbol's bytes as they are, not re-encoded from a guessed charset.
        process.arguments = ["--quiet", "--raw", "-Sbinary", "-Sdisable", "-Sqrcode.enable", file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        // --raw ends the data with a newline of its own.
        return Array(bytes.last == 0x0A ? bytes.dropLast() : bytes)
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String { "zbarimg is not installed: apt-get install zbar-tools (.ci/run does)" }
    }
}

/// A binary PGM (P5), the simplest image format ZBar reads: four pixels a
/// module, with the symbol's four-module quiet zone.
enum NetPBM {
    static func greymap(_ code: QRCode, scale: Int = 4, quietZone: Int = 4) -> [UInt8] {
        let side = (code.size + 2 * quietZone) * scale
        var pixels = Array("P5\n\(side) \(side)\n255\n".utf8)
        pixels.reserveCapacity(pixels.count + side * side)
        for row in 0..<side {
            let y = row / scale - quietZone
            for column in 0..<side {
                let x = column / scale - quietZone
                let inside = (0..<code.size).contains(x) && (0..<code.size).contains(y)
                pixels.append(inside && code.isDark(x: x, y: y) ? 0 : 255)
            }
        }
        return pixels
    }
}
