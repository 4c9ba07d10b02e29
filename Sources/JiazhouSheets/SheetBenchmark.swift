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
/// let figures = try SheetBenchmark.measure(SheetBytes(sheet), clock: ThreadCPUClock())
/// print(figures)   // UTF-8: 1000000 rows in 0.641 s: 1.56 M rows/s; reader held 128 KiB
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

    /// What the synthetic sheet holds.
    public enum Shape: String, Sendable, Hashable, CaseIterable {
        /// One activity's participants: `志愿者编号, 姓名, 服务时长(分钟)`, 15 to 240 minutes each.
        case participants
        /// A campaign of many activities, 40 participants each:
        /// `活动编号, 活动类别, 开始时间, 标签, 志愿者编号, 姓名, 时长(小时)`, hours
        /// 1, 1.5, 2 and 0.5 in turn.
        case campaign
    }

    /// The volunteers' names in the synthetic sheets: personal data the reader must read past.
    private static let names = ["张三", "李四", "王五", "赵六", "陈静", "刘洋", "杨帆", "黄丽"]
    private static let hours = ["1", "1.5", "2", "0.5"]

    /// A sheet as a coordinator would export it, of `rows` distinct
    /// volunteers: comma-separated, or tab-separated for UTF-16 as Excel's
    /// "Unicode text" is.
    public static func sheet(rows: Int, encoding: SheetEncoding, shape: Shape = .participants) -> [UInt8] {
        let d = encoding == .utf8 || encoding == .gb18030 ? "," : "\t"
        let header = shape == .participants
            ? ["志愿者编号", "姓名", "服务时长(分钟)"] : ["活动编号", "活动类别", "开始时间", "标签", "志愿者编号", "姓名", "时长(小时)"]
        var utf8 = Array(header.joined(separator: d).utf8) + [0x0A]
        utf8.reserveCapacity(rows * (shape == .participants ? 24 : 80))
        for row in 0..<rows {
            let volunteer = "V\(1_000_000 + row)", name = names[row % names.count]
            switch shape {
            case .participants:
                utf8 += "\(volunteer)\(d)\(name)\(d)\((row % 16 + 1) * 15)\n".utf8
            case .campaign:
                let activity = row / 40, day = activity % 7 + 1
                utf8 += "2026-12-0\(day)-knock-\(activity)\(d)上门服务\(d)2026/12/\(day) 9:00\(d)一老一小、银龄\(d)".utf8
                utf8 += "\(volunteer)\(d)\(name)\(d)\(hours[row % hours.count])\n".utf8
            }
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
