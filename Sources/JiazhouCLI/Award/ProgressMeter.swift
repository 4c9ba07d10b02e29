import Foundation
import JiazhouCore
import JiazhouSheets
import Synchronization

/// Progress on stderr while a sheet is imported: a bar with rows, rows/s and
/// the time left (from bytes read) when stderr is a terminal; nothing
/// otherwise, where the summary at the end says it all.
final class ProgressMeter: Sendable {
    private let totalBytes: Int
    private let started = Date()
    private let isTerminal = isatty(2) == 1
    private let state = Mutex<(bytes: Int, rows: Int, drawn: Date)>((0, 0, .distantPast))

    init(totalBytes: Int) { self.totalBytes = totalBytes }

    var seconds: Double { Date().timeIntervalSince(started) }

    func bytes(_ count: Int) {
        let draw = state.withLock { state -> Bool in
            state.bytes += count
            guard Date().timeIntervalSince(state.drawn) > 0.2 else { return false }
            state.drawn = Date()
            return true
        }
        if draw { self.draw() }
    }

    func rows(_ count: Int) {
        state.withLock { $0.rows = count }
    }

    func finish() {
        guard isTerminal else { return }
        draw()
        FileHandle.standardError.write(Data("\n".utf8))
    }

    private func draw() {
        guard isTerminal, totalBytes > 0 else { return }
        let (bytes, rows, _) = state.withLock { $0 }
        let fraction = min(1, Double(bytes) / Double(totalBytes))
        let elapsed = seconds
        let width = 30
        let filled = Int(fraction * Double(width))
        let rate = elapsed > 0 ? Double(rows) / elapsed : 0
        let left = fraction > 0 ? elapsed / fraction - elapsed : 0
        let line = String(format: "\r[%@%@] %3.0f%%  %d rows  %.0f rows/s  %.0f s left ", String(repeating: "#", count: filled), String(repeating: " ", count: width - filled), fraction * 100, rows, rate, left)
        FileHandle.standardError.write(Data(line.utf8))
    }
}

/// A sheet file that tells the meter how far it has been read.
struct CountingSource: SheetSource {
    private var file: SheetFile
    private let meter: ProgressMeter

    init(path: String, meter: ProgressMeter) throws {
        do { file = try SheetFile(path: path) } catch { throw error.ledgerError }
        self.meter = meter
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = try file.read(into: buffer)
        meter.bytes(count)
        return count
    }
}

/// The SHA-256 of a file, read in chunks.
enum FileDigest {
    static func sha256(path: String) throws(LedgerError) -> Hash {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw LedgerError(.invalid_request, "cannot read \(path)") }
        defer { try? handle.close() }
        var hasher = TreeHasher.Streaming()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { chunk.withUnsafeBytes { hasher.update($0) } }
        return hasher.finalize()
    }
}
