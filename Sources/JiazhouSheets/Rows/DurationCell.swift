import JiazhouCore

/// Reads a minutes cell (`90`, or `90.0` as a spreadsheet may format it) or
/// an hours cell (`1.5` is 90 minutes), exactly: decimal text, never a
/// binary float, so 0.1 hours is 6 minutes and 1.51 hours is refused.
enum DurationCell {
    enum Outcome: Equatable {
        case minutes(Int64)
        case notANumber
        /// A number, but not a whole number of minutes.
        case notWholeMinutes
        /// A number of whole minutes, but not from 1 to a day.
        case outOfRange
    }

    static func minutes(_ cell: UnsafeBufferPointer<UInt8>) -> Outcome {
        guard let number = DecimalText(cell) else { return .notANumber }
        if number.isNegative || number.isHuge { return .outOfRange }
        guard number.fraction == 0, !number.hasMoreDigits else { return .notWholeMinutes }
        return inRange(number.whole)
    }

    static func hours(_ cell: UnsafeBufferPointer<UInt8>) -> Outcome {
        guard let number = DecimalText(cell) else { return .notANumber }
        // Past 100,000 hours the cell is out of range whatever its fraction, and the arithmetic below stays in Int64.
        if number.isNegative || number.isHuge || number.whole > 100_000 { return .outOfRange }
        var scale: Int64 = 1
        for _ in 0..<number.fractionDigits { scale *= 10 }
        let scaledMinutes = number.whole * 60 * scale + number.fraction * 60
        guard scaledMinutes % scale == 0, !number.hasMoreDigits else { return .notWholeMinutes }
        return inRange(scaledMinutes / scale)
    }

    private static func inRange(_ minutes: Int64) -> Outcome {
        (1...Limits.minutesPerActivity).contains(minutes) ? .minutes(minutes) : .outOfRange
    }
}

/// `-12.345` as its parts: sign, whole part, fraction digits as an integer.
/// Text with anything else (units, a comma, two points) is not a number.
struct DecimalText {
    var isNegative = false
    var whole: Int64 = 0
    /// More than 15 whole digits: a number, but an absurd one.
    var isHuge = false
    var fraction: Int64 = 0
    var fractionDigits = 0
    /// Non-zero fraction digits past the ninth, which `fraction` does not hold.
    var hasMoreDigits = false

    init?(_ text: UnsafeBufferPointer<UInt8>) {
        var i = 0
        if i < text.count, text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+") {
            isNegative = text[i] == UInt8(ascii: "-")
            i += 1
        }
        let wholeStart = i
        while i < text.count, let digit = Self.digit(text[i]) {
            if i - wholeStart < 15 { whole = whole * 10 + digit } else { isHuge = true }
            i += 1
        }
        guard i > wholeStart else { return nil }
        if i < text.count, text[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            while i < text.count, let digit = Self.digit(text[i]) {
                if fractionDigits < 9 {
                    fraction = fraction * 10 + digit
                    fractionDigits += 1
                } else if digit != 0 {
                    hasMoreDigits = true
                }
                i += 1
            }
            guard i > fractionStart else { return nil }
        }
        guard i == text.count else { return nil }
        if whole == 0, fraction == 0, !hasMoreDigits, !isHuge { isNegative = false }  // -0 is 0
    }

    @inline(__always)
    private static func digit(_ byte: UInt8) -> Int64? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int64(byte - UInt8(ascii: "0")) : nil
    }
}
