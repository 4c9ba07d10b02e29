extension AwardData {
    /// Appends the RFC 8785 bytes of ``json`` to `out`, written straight from
    /// the typed values: every object's members are fixed, so their order is
    /// too (RFC 8785 §3.2.3 on ASCII names is byte order), and nothing is
    /// sorted or boxed. A test holds these bytes equal to the general encoder's.
    public func write(into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        CanonicalJSON.writeName("activity", first: true, into: &out)
        activity.writeCanonical(into: &out)
        CanonicalJSON.writeName("explanation", into: &out)
        out.append(UInt8(ascii: "["))
        for (i, step) in explanation.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            step.write(into: &out)
        }
        out.append(UInt8(ascii: "]"))
        CanonicalJSON.writeName("facts", into: &out)
        facts.write(into: &out)
        if let lot {
            CanonicalJSON.writeName("lot", into: &out)
            CanonicalJSON.writeName("available", first: true, opening: true, into: &out)
            CanonicalJSON.writeTime(lot.available, into: &out)
            if let expires = lot.expires {
                CanonicalJSON.writeName("expires", into: &out)
                CanonicalJSON.writeTime(expires, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
        CanonicalJSON.writeName("minutes", into: &out)
        CanonicalJSON.writeInteger(minutes, into: &out)
        CanonicalJSON.writeName("periods", into: &out)
        CanonicalJSON.writeName("budget_month", first: true, opening: true, into: &out)
        CanonicalJSON.writeString(periods.budgetMonth, into: &out)
        CanonicalJSON.writeName("day", into: &out)
        CanonicalJSON.writeString(periods.day, into: &out)
        CanonicalJSON.writeName("month", into: &out)
        CanonicalJSON.writeString(periods.month, into: &out)
        CanonicalJSON.writeName("week", into: &out)
        CanonicalJSON.writeString(periods.week, into: &out)
        out.append(UInt8(ascii: "}"))
        CanonicalJSON.writeName("rules", into: &out)
        CanonicalJSON.writeName("hash", first: true, opening: true, into: &out)
        out.append(UInt8(ascii: "\""))
        rules.hash.writeHex(into: &out)
        out.append(UInt8(ascii: "\""))
        CanonicalJSON.writeName("version", into: &out)
        CanonicalJSON.writeInteger(rules.version, into: &out)
        out.append(UInt8(ascii: "}"))
        CanonicalJSON.writeName("volunteer", into: &out)
        CanonicalJSON.writeString(volunteer.text, into: &out)
        out.append(UInt8(ascii: "}"))
    }
}

extension AwardData.Step {
    func write(into out: inout [UInt8]) {
        CanonicalJSON.writeName("detail", first: true, opening: true, into: &out)
        CanonicalJSON.writeString(detail, into: &out)
        if let minutes {
            CanonicalJSON.writeName("minutes", into: &out)
            CanonicalJSON.writeInteger(minutes, into: &out)
        }
        CanonicalJSON.writeName("points", into: &out)
        CanonicalJSON.writeInteger(points, into: &out)
        CanonicalJSON.writeName("rule", into: &out)
        CanonicalJSON.writeString(rule, into: &out)
        out.append(UInt8(ascii: "}"))
    }
}

extension AwardData.Facts {
    func write(into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        if let budget {
            CanonicalJSON.writeName("budget", first: true, into: &out)
            CanonicalJSON.writeInteger(budget, into: &out)
        }
        CanonicalJSON.writeName("usage", first: budget == nil, into: &out)
        CanonicalJSON.writeName("budget_points", first: true, opening: true, into: &out)
        CanonicalJSON.writeInteger(usage.budgetPoints, into: &out)
        CanonicalJSON.writeName("day_minutes", into: &out)
        CanonicalJSON.writeInteger(usage.dayMinutes, into: &out)
        CanonicalJSON.writeName("day_points", into: &out)
        CanonicalJSON.writeInteger(usage.dayPoints, into: &out)
        CanonicalJSON.writeName("month_points", into: &out)
        CanonicalJSON.writeInteger(usage.monthPoints, into: &out)
        CanonicalJSON.writeName("week_points", into: &out)
        CanonicalJSON.writeInteger(usage.weekPoints, into: &out)
        out.append(UInt8(ascii: "}"))
        CanonicalJSON.writeName("volunteer", into: &out)
        CanonicalJSON.writeName("minutes", first: true, opening: true, into: &out)
        CanonicalJSON.writeInteger(volunteerMinutes, into: &out)
        CanonicalJSON.writeName("tags", into: &out)
        CanonicalJSON.writeStrings(volunteerTags, into: &out)
        out.append(UInt8(ascii: "}"))
        out.append(UInt8(ascii: "}"))
    }
}

extension Activity {
    /// The RFC 8785 bytes of ``json``, written directly.
    func writeCanonical(into out: inout [UInt8]) {
        CanonicalJSON.writeName("category", first: true, opening: true, into: &out)
        CanonicalJSON.writeString(category, into: &out)
        CanonicalJSON.writeName("id", into: &out)
        CanonicalJSON.writeString(id, into: &out)
        CanonicalJSON.writeName("minutes", into: &out)
        CanonicalJSON.writeInteger(minutes, into: &out)
        CanonicalJSON.writeName("scope", into: &out)
        CanonicalJSON.writeString(scope.path, into: &out)
        CanonicalJSON.writeName("start", into: &out)
        CanonicalJSON.writeString(start, into: &out)
        CanonicalJSON.writeName("tags", into: &out)
        CanonicalJSON.writeStrings(tags, into: &out)
        if let title {
            CanonicalJSON.writeName("title", into: &out)
            CanonicalJSON.writeString(title, into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }
}

extension CanonicalJSON {
    /// `"name":` of an object member whose name needs no escaping, with the
    /// comma before it unless it is the `first`, and the object's `{` before
    /// it when `opening`.
    static func writeName(_ name: StaticString, first: Bool = false, opening: Bool = false, into out: inout [UInt8]) {
        if opening { out.append(UInt8(ascii: "{")) }
        if !first { out.append(UInt8(ascii: ",")) }
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: ":"))
    }

    /// A JSON array of strings.
    static func writeStrings(_ items: [String], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            writeString(item, into: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// A time as the ledger writes one, in quotes.
    static func writeTime(_ time: Timestamp, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        time.writeRFC3339(into: &out)
        out.append(UInt8(ascii: "\""))
    }
}
