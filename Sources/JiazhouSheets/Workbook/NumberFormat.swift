import Foundation

/// What a cell's number format says its number is: a plain number, or a
/// date, a time of day, both, or a span of hours (`[h]:mm`). Excel stores
/// 2026-11-23 08:30 as the number 46349.354…; only the format tells.
enum NumberFormat: Equatable {
    case number
    case date
    case time
    case dateTime
    /// Elapsed time, `[h]:mm`: hours past 24 are hours, not days.
    case elapsed

    /// Built-in formats by id (ECMA-376 Part 1, §18.8.30, and the ids that
    /// Excel and WPS give the Chinese date and time formats, 27–36 and 50–58).
    static func builtIn(_ id: Int) -> NumberFormat {
        switch id {
        case 14...17, 27...31, 34...36, 50...58: .date
        case 18...21, 32, 33, 45, 47: .time
        case 22: .dateTime
        case 46: .elapsed
        default: .number
        }
    }

    /// A format code as written in `<numFmt formatCode="…">`. Quoted text,
    /// escaped characters and colours (`[Red]`) say nothing of dates, nor
    /// does `General` (whose `e` is no era, nor the `E` of `0.00E+00`); `y`
    /// and `d` mean a date, `h` and `s` a time, `m` either, as in Excel;
    /// `[h]`, `[m]` or `[s]` mean elapsed time.
    static func code(_ code: String) -> NumberFormat {
        let code = code.replacingOccurrences(of: "general", with: "", options: .caseInsensitive)
        var date = false, time = false, elapsed = false
        var quoted = false, escaped = false, bracket: String?
        // Only the first section (positive numbers) decides.
        for character in code.lowercased() {
            if escaped { escaped = false; continue }
            if quoted { if character == "\"" { quoted = false }; continue }
            if var inside = bracket {
                if character == "]" {
                    if ["h", "hh", "m", "mm", "s", "ss"].contains(inside) { elapsed = true }
                    bracket = nil
                } else {
                    inside.append(character)
                    bracket = inside
                }
                continue
            }
            switch character {
            case "\\", "_", "*": escaped = true
            case "\"": quoted = true
            case "[": bracket = ""
            case ";": return kind(date: date, time: time, elapsed: elapsed)
            case "y", "d": date = true
            case "h", "s": time = true
            case "年", "月", "日": date = true
            default: break
            }
        }
        return kind(date: date, time: time, elapsed: elapsed)
    }

    private static func kind(date: Bool, time: Bool, elapsed: Bool) -> NumberFormat {
        if elapsed { return .elapsed }
        switch (date, time) {
        case (true, true): return .dateTime
        case (true, false): return .date
        case (false, true): return .time
        case (false, false): return .number
        }
    }
}

/// `xl/styles.xml`, only as far as dates go: the number format of each
/// cell format (`<cellXfs><xf numFmtId="14"/>`), which a cell names by its
/// `s` index.
final class CellStyles: XMLPartReader {
    private var codes: [Int: String] = [:]
    private var formatIDs: [Int] = []
    private var inCellFormats = false

    func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"], codes.count < 1024 { codes[id] = code }
        case "cellXfs":
            inCellFormats = true
        case "xf" where inCellFormats && formatIDs.count < 65_536:
            formatIDs.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
        default:
            break
        }
    }

    func end(_ name: String) { if name == "cellXfs" { inCellFormats = false } }
    func text(_ text: String) {}

    /// The formats of the cell formats, by `s` index.
    var formats: [NumberFormat] {
        formatIDs.map { id in codes[id].map(NumberFormat.code) ?? NumberFormat.builtIn(id) }
    }
}
