#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Measures the reader, for `jiazhou bench import`: a synthetic sheet of a
/// given size and encoding, read once, timed with the clock passed in (the
/// reader itself never reads a clock).
///
/// ```swift
/// let sheet = SheetBenchmark.sheet(rows: 1_000_000, encoding: .utf8)
/// let figures = try SheetBenchmark.measure(SheetBytes(sheet), clock: ContinuousClock())
/// print(figures)   // UTF-8: 1000000 rows, 29.6 MB in 0.52 s: 1.92 M rows/s, …
/// ```
public enum SheetBenchmark {
    /// What one read took.
    public struct Figures: Sendable, Hashable, CustomStringConvertible {
        /// The encoding the reader detected.
        public var encoding: SheetEncoding
        /// Valid rows read.
        public var rows: Int
        /// Problems reported (0 for the synthetic sheets).
        public var problems: Int
        /// Minutes over all rows: a checksum, and proof that every row was looked at.
        public var minutes: Int64
        /// Time on the clock passed in, reader creation included.
        public var seconds: Double
        /// The reader's largest ``SheetReader/peakHeldBytes``.
        public var peakHeldBytes: Int

        /// Valid rows a second.
        public var rowsPerSecond: Double { seconds > 0 ? Double(rows) / seconds : 0 }

        public var description: String {
            "\(encoding): \(rows) rows in \(rounded(seconds, 3)) s: \(rounded(rowsPerSecond / 1e6, 2)) M rows/s; reader held \(peakHeldBytes / 1024) KiB"
        }
    }

    /// The volunteers' names in the synthetic sheets: personal data the reader must read past.
    private static let names = ["张三", "李四", "王五", "赵六", "陈静", "刘洋", "杨帆", "黄丽"]

    /// A sheet as a coordinator would export it: `志愿者编号,姓名,服务时长(分钟)`
    /// (tab-separated for UTF-16, as Excel's "Unicode text" is), then
    /// `rows` distinct volunteers with 15 to 240 minutes each.
    public static func sheet(rows: Int, encoding: SheetEncoding) -> [UInt8] {
        let delimiter = encoding == .utf8 || encoding == .gb18030 ? "," : "\t"
        var utf8 = Array(["志愿者编号", "姓名", "服务时长(分钟)"].joined(separator: delimiter).utf8) + [0x0A]
        utf8.reserveCapacity(rows * 24)
        for row in 0..<rows {
            utf8 += "V\(1_000_000 + row)\(delimiter)\(names[row % names.count])\(delimiter)\((row % 16 + 1) * 15)\n".utf8
        }
        switch encoding {
        case .utf8:
            return encoding.byteOrderMark + utf8
        case .utf16LittleEndian, .utf16BigEndian:
            var bytes = encoding.byteOrderMark
            bytes.reserveCapacity(utf8.count * 2)
            for unit in String(decoding: utf8, as: UTF8.self).utf16 {
                let (high, low) = (UInt8(unit >> 8), UInt8(unit & 0xFF))
                bytes += encoding == .utf16BigEndian ? [high, low] : [low, high]
            }
            return bytes
        case .gb18030:
            return encodeGB18030(utf8)
        }
    }

    /// Reads the sheet `source` hands out, timing it with `clock`.
    public static func measure<C: _Concurrency.Clock>(_ source: some SheetSource, clock: C) throws(SheetError) -> Figures where C.Duration == Duration {
        let start = clock.now
        let reader = try SheetReader(source: source)
        var rows = 0, problems = 0, minutes: Int64 = 0
        while let item = try reader.next() {
            switch item {
            case .row(let row):
                rows += 1
                minutes += row.minutes
            case .problem:
                problems += 1
            }
        }
        let elapsed = start.duration(to: clock.now).components
        return Figures(
            encoding: reader.summary.encoding, rows: rows, problems: problems, minutes: minutes,
            seconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18, peakHeldBytes: reader.peakHeldBytes)
    }

    /// UTF-8 to GB18030 with iconv, for the synthetic sheet.
    private static func encodeGB18030(_ utf8: [UInt8]) -> [UInt8] {
        let converter = iconv_open("GB18030", "UTF-8")!
        defer { iconv_close(converter) }
        var input = utf8
        var output = [UInt8](repeating: 0, count: utf8.count + 16)  // GB18030 never takes more bytes than UTF-8 for these characters
        let written = input.withUnsafeMutableBytes { inBytes in
            output.withUnsafeMutableBytes { outBytes in
                var inPointer: UnsafeMutablePointer<CChar>? = inBytes.baseAddress!.assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = outBytes.baseAddress!.assumingMemoryBound(to: CChar.self)
                var inLeft = inBytes.count, outLeft = outBytes.count
                precondition(iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, "iconv could not encode the benchmark sheet")
                return outBytes.count - outLeft
            }
        }
        return Array(output[..<written])
    }
}

private func rounded(_ value: Double, _ places: Int) -> String {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let scaled = Int((value * scale).rounded())
    let whole = scaled / Int(scale), fraction = String(scaled % Int(scale))
    return "\(whole).\(String(repeating: "0", count: places - fraction.count))\(fraction)"
}
