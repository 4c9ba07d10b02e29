import JiazhouCore
import JiazhouRules
import JiazhouStorage

/// `verify --semantic`: every award re-priced from its recorded facts with
/// the rule set it names, and every recorded fact checked against the chain
/// before it — so that a forger who changes an award's points must also
/// change its facts, and those no longer match the entries before it.
extension LedgerVerifier {
    /// Runs before the award's own effects are replayed: the replayed state
    /// is then exactly what the writer saw.
    mutating func reprice(_ entry: Entry) {
        let seq = entry.seq
        guard let version = entry.data["rules"]?["version"]?.integerValue, let published = ruleSets[version],
            entry.data["rules"]?["hash"]?.stringValue == published.hash.hex
        else {
            report(seq, "the award names a rule set that was not published before it")
            return
        }
        if let inForce = ruleSets.keys.max(), inForce != version {
            report(seq, "the award was priced by rule set v\(version), but v\(inForce) was in force")
        }
        guard let volunteer = entry.serviceVolunteer, let facts = entry.data["facts"], let recordedUsage = Usage(json: facts["usage"]),
            let minutesBefore = facts["volunteer"]?["minutes"]?.integerValue, let tags = facts["volunteer"]?["tags"]?.arrayValue,
            let home = replay.account(volunteer)?.opened.flatMap({ try? Scope($0.scope) })
        else {
            report(seq, "the award does not record the facts it was priced with")
            return
        }
        do {
            let rules = try parsedRules[version] ?? RuleSet(yaml: published.text)
            parsedRules[version] = rules
            let activity = try Activity(json: entry.data["activity"] ?? .null)
            guard let start = activity.startTime else { throw LedgerError(.invalid_request, "activity.start is not a time") }
            let recordedTags = tags.compactMap(\.stringValue)
            let openedTags = replay.account(volunteer)?.facts?.tags
            if recordedTags != openedTags { report(seq, "the award records tags \(recordedTags) for \(volunteer), who was opened with \(openedTags ?? [])") }
            let minutesCounted = replay.account(volunteer)?.totals.minutes ?? 0
            if minutesBefore != minutesCounted {
                report(seq, "the award records \(minutesBefore) counted minutes before it for \(volunteer); the chain gives \(minutesCounted)")
            }
            let periods = rules.periods(activityStart: start, awardTime: entry.time)
            if Periods(json: entry.data["periods"]) != periods { report(seq, "the award's periods are not those of its activity's start and its time") }
            guard let issuer = activity.scope.selfAndAncestors.map(AccountID.issuer(for:)).first(where: { replay.account($0)?.opened != nil }),
                let issuerScope = replay.account(issuer)?.opened.flatMap({ try? Scope($0.scope) })
            else { throw LedgerError(.unknown_account, "no issuer was open to pay for \(activity.scope)") }
            if let payer = entry.postings.first?.from, payer != issuer { report(seq, "the award is paid by \(payer), but \(issuer) pays for \(activity.scope)") }
            func counted(_ account: AccountID, _ period: String) -> UsageFigures { replay.usage(of: account, period: period) }
            let replayed = Usage(
                dayMinutes: counted(volunteer, "day:" + periods.day).minutes, dayPoints: counted(volunteer, "day:" + periods.day).points,
                weekPoints: counted(volunteer, "week:" + periods.week).points, monthPoints: counted(volunteer, "month:" + periods.month).points,
                budgetPoints: counted(issuer, "budget:" + periods.budgetMonth).points)
            if replayed != recordedUsage { report(seq, "the award records usage \(recordedUsage.json.canonicalText); the chain before it gives \(replayed.json.canonicalText)") }
            let budget = rules.budgets.monthly(for: issuerScope, accountBudget: replay.account(issuer)?.facts?.budget)
            if facts["budget"]?.integerValue != budget { report(seq, "the award records a budget of \(facts["budget"]?.canonicalText ?? "none"); \(issuer)'s is \(budget.map(String.init) ?? "none")") }
            let input = PricingInput(
                activity: activity, volunteer: VolunteerFacts(id: volunteer, scope: home, tags: recordedTags, minutes: minutesBefore),
                usage: recordedUsage, budget: facts["budget"]?.integerValue, awardTime: entry.time)
            let pricing = try rules.price(input)
            awardsRepriced += 1
            compare(entry, with: pricing)
        } catch {
            report(seq, "the award cannot be re-priced: \(StorageErrors.describe(error).message)")
        }
    }

    private mutating func compare(_ entry: Entry, with pricing: Pricing) {
        let paid = entry.postings.reduce(0) { $0 + $1.points }
        let minutes = entry.data["minutes"]?.integerValue ?? 0
        if pricing.points != paid || pricing.minutes != minutes {
            report(entry.seq, "the award pays \(paid) points for \(minutes) minutes; its rules give \(pricing.points) for \(pricing.minutes)")
        } else if entry.data["explanation"] != .array(pricing.explanation.map(\.json)) {
            report(entry.seq, "the award's explanation is not the one its rules give")
        }
        if paid > 0 {
            let lot = entry.data["lot"]
            if lot?["available"]?.stringValue != pricing.available.rfc3339 || lot?["expires"]?.stringValue != pricing.expires?.rfc3339 {
                report(entry.seq, "the award's lot dates are not the ones its rules give")
            }
        }
    }
}
