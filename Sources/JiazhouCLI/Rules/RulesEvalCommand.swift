import ArgumentParser
import Foundation
import JiazhouCore
import JiazhouService

/// `jiazhou rules eval`: prices an activity for a volunteer without writing.
struct RulesEvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Price an activity for a volunteer as an award would now, without writing.",
        discussion: """
            jiazhou rules eval --volunteer V000123 --category elder_care --minutes 90 \\
                --start 2026-11-28T09:00:00+08:00 --scope shizhong/tongjiang/baiyang --tags 一老
            """
    )

    @OptionGroup var ledger: LedgerOptions

    @Option(name: .long, help: "The volunteer (V000123 or volunteer:V000123).")
    var volunteer: String

    @Option(name: .long, help: "The category id (environment, elder_care, home_visit, culture, outreach).")
    var category: String

    @Option(name: .long, help: "Minutes of service.")
    var minutes: Int64

    @Option(name: .long, help: "When it started, RFC 3339 with offset.")
    var start: String

    @Option(name: .long, help: "The issuing scope; its issuer pays.")
    var scope: String

    @Option(name: .long, help: "Activity tags, comma-separated.")
    var tags: String = ""

    @Option(name: .long, help: "The activity id.")
    var activity: String = "evaluation"

    @Option(name: .long, help: "Whose view: a coordinator of the scope, the volunteer, or the operator.")
    var actor: String = AccountID.rootOperator.text

    func run() async throws {
        try await reportingErrors {
            let id = volunteer.contains(":") ? try AccountID(volunteer) : try AccountID("volunteer:" + volunteer)
            let request = AwardRequest(
                volunteer: id,
                activity: Activity(
                    id: activity, category: category, minutes: minutes, start: start, scope: try Scope(scope),
                    tags: tags.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }))
            let result = try ledger.open(readonly: true).evaluate(request, actor: try AccountID(actor))
            print(ExplanationText(points: result.points, minutes: result.minutes, explanation: result.explanation).text)
            print("rule set v\(result.rules.version); spendable from \(result.available)\(result.expires.map { ", expires \($0)" } ?? "")")
        }
    }
}

/// An award's explanation as lines a coordinator reads.
struct ExplanationText {
    let text: String

    init(points: Int64, minutes: Int64, explanation: [JSONValue]) {
        var lines: [String] = []
        for step in explanation {
            let value = step["points"]?.integerValue ?? 0
            let minutesNote = step["minutes"]?.integerValue.map { " (\($0) min)" } ?? ""
            let amount = value >= 0 ? "+\(value)" : "\(value)"
            lines.append("  \(amount.padding(toLength: 6, withPad: " ", startingAt: 0)) \(step["rule"]?.stringValue ?? "?")\(minutesNote): \(step["detail"]?.stringValue ?? "")")
        }
        lines.append("  = \(points) points for \(minutes) counted minutes")
        text = lines.joined(separator: "\n")
    }
}
