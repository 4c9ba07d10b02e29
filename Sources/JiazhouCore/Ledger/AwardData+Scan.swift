extension AwardData {
    /// Reads an award's `data` straight from canonical bytes at `s`'s
    /// position, member by member in the one order ``write(into:)`` writes
    /// them, checking each value's canonical spelling as it goes (the
    /// scanner refuses any other). `nil` for any other shape: the caller then
    /// uses the general parser, which decides and explains.
    static func scan(_ s: inout CanonicalScanner) -> AwardData? {
        guard s.name("activity", opening: true), let activity = scanActivity(&s), s.name("explanation"), s.expect(UInt8(ascii: "[")) else { return nil }
        var explanation: [Step] = []
        if !s.expect(UInt8(ascii: "]")) {
            while true {
                guard s.name("detail", opening: true), let detail = s.decodedString() else { return nil }
                var minutes: Int64?
                if s.name("minutes") {
                    guard let n = s.integer() else { return nil }
                    minutes = n
                }
                guard s.name("points"), let points = s.integer(), s.name("rule"), let rule = s.decodedString(), s.expect(UInt8(ascii: "}")) else { return nil }
                explanation.append(Step(rule: rule, points: points, detail: detail, minutes: minutes))
                if s.expect(UInt8(ascii: "]")) { break }
                guard s.expect(UInt8(ascii: ",")) else { return nil }
            }
        }
        guard s.name("facts"), let facts = scanFacts(&s) else { return nil }
        var lot: Lot?
        if s.name("lot") {
            guard s.name("available", opening: true), let available = s.timeValue() else { return nil }
            var expires: Timestamp?
            if s.name("expires") {
                guard let time = s.timeValue() else { return nil }
                expires = time
            }
            guard s.expect(UInt8(ascii: "}")) else { return nil }
            lot = Lot(available: available, expires: expires)
        }
        guard s.name("minutes"), let minutes = s.integer(),
            s.name("periods"), s.name("budget_month", opening: true), let budgetMonth = s.decodedString(), s.name("day"), let day = s.decodedString(),
            s.name("month"), let month = s.decodedString(), s.name("week"), let week = s.decodedString(), s.expect(UInt8(ascii: "}")),
            s.name("rules"), s.name("hash", opening: true), let hashRange = s.string(), let hash = s.lowercaseHash(hashRange),
            s.name("version"), let version = s.integer(), s.expect(UInt8(ascii: "}")),
            s.name("volunteer"), let volunteer = s.accountID(), s.expect(UInt8(ascii: "}"))
        else { return nil }
        return AwardData(
            activity: activity, volunteer: volunteer, minutes: minutes, rules: RuleSetReference(version: version, hash: hash), explanation: explanation,
            facts: facts, periods: Periods(budgetMonth: budgetMonth, day: day, month: month, week: week), lot: lot)
    }

    private static func scanActivity(_ s: inout CanonicalScanner) -> Activity? {
        guard s.name("category", opening: true), let category = s.decodedString(), s.name("id"), let id = s.decodedString(),
            s.name("minutes"), let minutes = s.integer(), s.name("scope"), let scopeText = s.decodedString(), let scope = try? Scope(scopeText),
            s.name("start"), let start = s.decodedString(), s.name("tags"), let tags = s.strings()
        else { return nil }
        var title: String?
        if s.name("title") {
            guard let text = s.decodedString() else { return nil }
            title = text
        }
        guard s.expect(UInt8(ascii: "}")) else { return nil }
        return Activity(id: id, category: category, minutes: minutes, start: start, scope: scope, tags: tags, title: title)
    }

    private static func scanFacts(_ s: inout CanonicalScanner) -> Facts? {
        guard s.expect(UInt8(ascii: "{")) else { return nil }
        var budget: Int64?
        if s.name("budget", first: true) {
            guard let n = s.integer() else { return nil }
            budget = n
            guard s.name("usage") else { return nil }
        } else {
            guard s.name("usage", first: true) else { return nil }
        }
        guard s.name("budget_points", opening: true), let budgetPoints = s.integer(), s.name("day_minutes"), let dayMinutes = s.integer(),
            s.name("day_points"), let dayPoints = s.integer(), s.name("month_points"), let monthPoints = s.integer(),
            s.name("week_points"), let weekPoints = s.integer(), s.expect(UInt8(ascii: "}")),
            s.name("volunteer"), s.name("minutes", opening: true), let volunteerMinutes = s.integer(), s.name("tags"), let tags = s.strings(),
            s.expect(UInt8(ascii: "}")), s.expect(UInt8(ascii: "}"))
        else { return nil }
        return Facts(
            volunteerTags: tags, volunteerMinutes: volunteerMinutes,
            usage: Usage(budgetPoints: budgetPoints, dayMinutes: dayMinutes, dayPoints: dayPoints, monthPoints: monthPoints, weekPoints: weekPoints),
            budget: budget)
    }
}

extension CanonicalScanner {
    /// `"name":` — after a `,` unless `first`, and after the object's `{`
    /// when `opening` (which implies first). Moves on only if it matches.
    mutating func name(_ name: StaticString, first: Bool = false, opening: Bool = false) -> Bool {
        let start = index
        if opening, !expect(UInt8(ascii: "{")) { return false }
        if !first, !opening, !expect(UInt8(ascii: ",")) {
            index = start
            return false
        }
        guard expect(UInt8(ascii: "\"")) else {
            index = start
            return false
        }
        for i in 0..<name.utf8CodeUnitCount where !expect(name.utf8Start[i]) {
            index = start
            return false
        }
        guard expect(UInt8(ascii: "\"")), expect(UInt8(ascii: ":")) else {
            index = start
            return false
        }
        return true
    }

    /// A canonical string's text, escapes decoded.
    mutating func decodedString() -> String? {
        guard let range = string() else { return nil }
        return decodedText(range)
    }

    /// The text of a string the scanner has checked: only RFC 8785's escapes.
    func decodedText(_ range: Range<Int>) -> String? {
        if let plain = text(range) { return plain }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            let byte = bytes[i]
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                i += 1
                continue
            }
            switch bytes[i + 1] {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "u"):
                // \u00xx, lowercase, as the scanner checked.
                let high = bytes[i + 4] - UInt8(ascii: "0")
                let low = bytes[i + 5]
                out.append(high << 4 | (low <= UInt8(ascii: "9") ? low - UInt8(ascii: "0") : low - UInt8(ascii: "a") + 10))
                i += 6
                continue
            default: out.append(bytes[i + 1])  // \" and \\
            }
            i += 2
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// An account id, in its one spelling.
    mutating func accountID() -> AccountID? {
        guard let range = string() else { return nil }
        let spelled = UnsafeBufferPointer(rebasing: bytes[range])
        // An id read before is the same id: no new string, no second check.
        if let recent = recentAccounts.0, Self.spells(recent, spelled) { return recent }
        if let recent = recentAccounts.1, Self.spells(recent, spelled) { return recent }
        guard let text = text(range), let id = try? AccountID(text) else { return nil }
        recentAccounts = (id, recentAccounts.0)
        return id
    }

    private static func spells(_ id: AccountID, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var text = id.text
        return text.withUTF8 { $0.elementsEqual(bytes) }
    }

    /// An array of strings.
    mutating func strings() -> [String]? {
        guard expect(UInt8(ascii: "[")) else { return nil }
        var out: [String] = []
        if expect(UInt8(ascii: "]")) { return out }
        while true {
            guard let text = decodedString() else { return nil }
            out.append(text)
            if expect(UInt8(ascii: "]")) { return out }
            guard expect(UInt8(ascii: ",")) else { return nil }
        }
    }

    /// A time exactly as the ledger writes one, in quotes.
    mutating func timeValue() -> Timestamp? {
        guard let range = string() else { return nil }
        return canonicalTime(range)
    }
}
