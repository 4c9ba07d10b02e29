import JiazhouCore

/// Reads a duration written with its unit, as people write one in a column
/// headed `服务时长` or `duration`: `2小时`, `2 h`, `1.5h`, `90分钟`, `90 min`,
/// `1小时30分`, `1h30m`, `2:30` (hours and minutes, as Excel shows `[h]:mm`).
///
/// A bare number is refused: in such a column `2` may be hours or minutes,
/// and a coordinator who meant 2 hours would award 2 minutes. Exact decimal
/// arithmetic, as ``DurationCell``: 1.5 hours is 90 minutes, 1.51 is refused.
enum UnitDurationCell {
    enum Outcome: Equatable {
        case minutes(Int64)
        /// A number without a unit.
        case noUnit
        /// A date (`2026-11-23`): a date where minutes belong.
        case date
        case notADuration
        case notWholeMinutes
        /// From 1 minute to 24 hours.
        case outOfRange
    }

    private enum Unit { case hours, minutes }

    /// Unit words after a number, longest first so that `分钟` is not read as `分`.
    private static let units: [(String, Unit)] = [
        ("个小时", .hours), ("小时", .hours), ("hours", .hours), ("hour", .hours), ("hrs", .hours), ("hr", .hours), ("h", .hours),
        ("时", .hours), ("分钟", .minutes), ("minutes", .minutes), ("minute", .minutes), ("mins", .minutes), ("min", .minutes),
        ("分", .minutes), ("m", .minutes),
    ]

    /// Reads `text`, already trimmed and with full-width forms folded.
    static func read(_ text: String) -> Outcome {
        let compact = String(text.lowercased().unicodeScalars.filter { $0 != " " && $0 != "\u{3000}" })
        if looksLikeDate(compact) { return .date }
        if compact.contains(":") { return clock(compact) }
        var rest = Substring(compact)
        var total: Int64 = 0
        var seen: [Unit] = []
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, let value = Array(number.utf8).withUnsafeBufferPointer(DecimalText.init) else { return .notADuration }
            rest = rest.dropFirst(number.count)
            guard let (word, unit) = units.first(where: { rest.hasPrefix($0.0) }) else {
                return rest.isEmpty && seen.isEmpty ? .noUnit : .notADuration
            }
            // Hours then minutes, each once: `1小时30分`, never `30分1小时`.
            guard !seen.contains(unit), !(unit == .hours && seen.contains(.minutes)) else { return .notADuration }
            seen.append(unit)
            rest = rest.dropFirst(word.count)
            if value.isHuge || value.whole > 100_000 { return .outOfRange }
            var scale: Int64 = 1
            for _ in 0..<value.fractionDigits { scale *= 10 }
            let perUnit: Int64 = unit == .hours ? 60 : 1
            let scaledMinutes = (value.whole * scale + value.fraction) * perUnit
            guard scaledMinutes % scale == 0, !value.hasMoreDigits else { return .notWholeMinutes }
            total += scaledMinutes / scale
        }
        guard !seen.isEmpty else { return .notADuration }
        return inRange(total)
    }

    /// `H:MM` or `H:MM:SS`, hours and minutes of service; seconds must be 0.
    private static func clock(_ text: String) -> Outcome {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.count <= 6 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hours = Int64(parts[0]), let minutes = Int64(parts[1]), parts[1].count == 2, minutes < 60
        else { return .notADuration }
        if parts.count == 3 {
            guard parts[2].count == 2, let seconds = Int64(parts[2]), seconds < 60 else { return .notADuration }
            guard seconds == 0 else { return .notWholeMinutes }
        }
        return inRange(hours * 60 + minutes)
    }

    /// `2026-11-23`, `2026/11/23`, with or without a time after it.
    private static func looksLikeDate(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars.prefix(10))
        guard scalars.count >= 8 else { return false }
        let digits = scalars.prefix(4).allSatisfy { ("0"..."9").contains($0) }
        return digits && (scalars[4] == "-" || scalars[4] == "/") || text.contains("年") && text.contains("月")
    }

    private static func inRange(_ minutes: Int64) -> Outcome {
        (1...Limits.minutesPerActivity).contains(minutes) ? .minutes(minutes) : .outOfRange
    }
}
