extension AwardData {
    /// The award's `data` as a JSON object: the same members, and so the
    /// same canonical bytes, as ``write(into:)`` gives.
    public var json: JSONValue {
        var facts: [String: JSONValue] = [
            "volunteer": ["minutes": .integer(self.facts.volunteerMinutes), "tags": .array(self.facts.volunteerTags.map(JSONValue.string))],
            "usage": [
                "budget_points": .integer(self.facts.usage.budgetPoints), "day_minutes": .integer(self.facts.usage.dayMinutes),
                "day_points": .integer(self.facts.usage.dayPoints), "month_points": .integer(self.facts.usage.monthPoints),
                "week_points": .integer(self.facts.usage.weekPoints),
            ],
        ]
        if let budget = self.facts.budget { facts["budget"] = .integer(budget) }
        var data: [String: JSONValue] = [
            "activity": activity.json,
            "volunteer": .string(volunteer.text),
            "minutes": .integer(minutes),
            "rules": ["version": .integer(rules.version), "hash": .string(rules.hash.hex)],
            "explanation": .array(explanation.map(\.json)),
            "facts": .object(facts),
            "periods": ["budget_month": .string(periods.budgetMonth), "day": .string(periods.day), "month": .string(periods.month), "week": .string(periods.week)],
        ]
        if let lot {
            var members: [String: JSONValue] = ["available": .string(lot.available.rfc3339)]
            if let expires = lot.expires { members["expires"] = .string(expires.rfc3339) }
            data["lot"] = .object(members)
        }
        return .object(data)
    }

    /// Reads an award's `data` when it has exactly the members and types this
    /// version writes, each spelled as it would write it (so that
    /// ``write(into:)`` gives back the same bytes); `nil` for anything else —
    /// an older shape, a forgery — which the entry then keeps as plain JSON.
    public init?(json: JSONValue) {
        guard case .object(let o) = json, o.count == (o["lot"] == nil ? 7 : 8),
            let activityJSON = o["activity"], let activity = Self.activity(activityJSON),
            let volunteerText = o["volunteer"]?.stringValue, let volunteer = try? AccountID(volunteerText), volunteer.text == volunteerText,
            let minutes = o["minutes"]?.integerValue,
            case .object(let rules)? = o["rules"], rules.count == 2, let version = rules["version"]?.integerValue,
            let hash = rules["hash"]?.stringValue.flatMap(Hash.init(hex:)),
            case .array(let steps)? = o["explanation"], let factsJSON = o["facts"], let facts = Self.facts(factsJSON),
            case .object(let periods)? = o["periods"], periods.count == 4, let budgetMonth = periods["budget_month"]?.stringValue,
            let day = periods["day"]?.stringValue, let month = periods["month"]?.stringValue, let week = periods["week"]?.stringValue
        else { return nil }
        var explanation: [Step] = []
        explanation.reserveCapacity(steps.count)
        for step in steps {
            guard case .object(let s) = step, s.count == (s["minutes"] == nil ? 3 : 4), let rule = s["rule"]?.stringValue,
                let points = s["points"]?.integerValue, let detail = s["detail"]?.stringValue
            else { return nil }
            var stepMinutes: Int64?
            if let value = s["minutes"] {
                guard let n = value.integerValue else { return nil }
                stepMinutes = n
            }
            explanation.append(Step(rule: rule, points: points, detail: detail, minutes: stepMinutes))
        }
        var lot: Lot?
        if let lotJSON = o["lot"] {
            guard case .object(let l) = lotJSON, l.count == (l["expires"] == nil ? 1 : 2), let available = l["available"].flatMap(Self.time) else { return nil }
            var expires: Timestamp?
            if let value = l["expires"] {
                guard let time = Self.time(value) else { return nil }
                expires = time
            }
            lot = Lot(available: available, expires: expires)
        }
        self.init(
            activity: activity, volunteer: volunteer, minutes: minutes, rules: RuleSetReference(version: version, hash: hash),
            explanation: explanation, facts: facts, periods: Periods(budgetMonth: budgetMonth, day: day, month: month, week: week), lot: lot)
    }

    private static func activity(_ json: JSONValue) -> Activity? {
        guard case .object(let a) = json, a.count == (a["title"] == nil ? 6 : 7), let id = a["id"]?.stringValue, let category = a["category"]?.stringValue,
            let minutes = a["minutes"]?.integerValue, let start = a["start"]?.stringValue, let scopeText = a["scope"]?.stringValue,
            let scope = try? Scope(scopeText), scope.path == scopeText, let tags = strings(a["tags"])
        else { return nil }
        var title: String?
        if let value = a["title"] {
            guard let text = value.stringValue else { return nil }
            title = text
        }
        return Activity(id: id, category: category, minutes: minutes, start: start, scope: scope, tags: tags, title: title)
    }

    private static func facts(_ json: JSONValue) -> Facts? {
        guard case .object(let f) = json, f.count == (f["budget"] == nil ? 2 : 3),
            case .object(let v)? = f["volunteer"], v.count == 2, let volunteerMinutes = v["minutes"]?.integerValue, let tags = strings(v["tags"]),
            case .object(let u)? = f["usage"], u.count == 5, let budgetPoints = u["budget_points"]?.integerValue,
            let dayMinutes = u["day_minutes"]?.integerValue, let dayPoints = u["day_points"]?.integerValue,
            let monthPoints = u["month_points"]?.integerValue, let weekPoints = u["week_points"]?.integerValue
        else { return nil }
        var budget: Int64?
        if let value = f["budget"] {
            guard let n = value.integerValue else { return nil }
            budget = n
        }
        return Facts(
            volunteerTags: tags, volunteerMinutes: volunteerMinutes,
            usage: Usage(budgetPoints: budgetPoints, dayMinutes: dayMinutes, dayPoints: dayPoints, monthPoints: monthPoints, weekPoints: weekPoints),
            budget: budget)
    }

    private static func strings(_ json: JSONValue?) -> [String]? {
        guard case .array(let items)? = json else { return nil }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard let text = item.stringValue else { return nil }
            out.append(text)
        }
        return out
    }

    /// A time exactly as the ledger writes one (UTC, milliseconds).
    private static func time(_ json: JSONValue) -> Timestamp? {
        guard let text = json.stringValue, let time = Timestamp(rfc3339: text), time.rfc3339 == text else { return nil }
        return time
    }
}

extension AwardData.Step {
    /// `{rule, points, detail}` (and `minutes`).
    public var json: JSONValue {
        var members: [String: JSONValue] = ["rule": .string(rule), "points": .integer(points), "detail": .string(detail)]
        if let minutes { members["minutes"] = .integer(minutes) }
        return .object(members)
    }
}
