import Foundation
import JiazhouTesting
import Testing

/// `jiazhou rules check | publish | show | eval` through the real binary.
@Suite struct RulesCommandTests {
    let directory: String
    let database: String

    init() throws {
        directory = try CommandRunner.temporaryDirectory()
        database = directory + "/ledger.sqlite"
        let created = try CommandRunner.run(["init", "--db", database])
        try #require(created.status == 0, "\(created.stderr)")
    }

    func write(_ text: String, _ name: String) throws -> String {
        let path = directory + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func checkSummarisesTheDefaultRuleSet() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let outcome = try CommandRunner.run(["rules", "check", RepositoryFiles.root().appendingPathComponent("seeds/rules/shizhong.yaml").path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        for expected in ["rule set v1", "elder_care (帮扶老弱): 15 points/h", "weekend_holiday: +20%", "day 480 min, 150 points/day", "pending     7 days"] {
            #expect(outcome.stdout.contains(expected), "\(expected) in \(outcome.stdout)")
        }
    }

    @Test func checkListsEveryProblemWithItsLineAndExitsOne() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = try write("version: 1\nname: x\ncategories:\n  a: {label: A, points_per_hour: 1}\nrules:\n  - {id: r, label: R, bonus: 1, when: 'minutes >'}\ncaps: {year: {}}\n", "bad.yaml")
        let outcome = try CommandRunner.run(["rules", "check", file])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("2 problems"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("line 6, column") && outcome.stderr.contains("line 7, column"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("[rules_invalid]"))
    }

    @Test func publishThenShowThenEvaluate() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let v2 = try write(TestLedger.plainRules.replacingOccurrences(of: "version: 1", with: "version: 2"), "v2.yaml")
        let published = try CommandRunner.run(["rules", "publish", "--db", database, v2])
        #expect(published.status == 0, "\(published.stderr)")
        #expect(published.stdout.contains("published rule set v2"))
        let again = try CommandRunner.run(["rules", "publish", "--db", database, v2])
        #expect(again.status == 1 && again.stderr.contains("needs a higher version"), "\(again.stderr)")
        let shown = try CommandRunner.run(["rules", "show", "--db", database])
        #expect(shown.stdout.contains("# rule set v2") && shown.stdout.contains("plain test rules"))
        #expect(try CommandRunner.run(["rules", "show", "--db", database, "--version", "1"]).stdout.contains("市中区志愿服务积分规则"))
        let rpc = try CommandRunner.run(["rpc", "--db", database], stdin: Data("""
            {"jsonrpc":"2.0","id":1,"method":"account.open","params":{"actor":"operator:root","account":"issuer:shizhong","scope":"shizhong"}}
            {"jsonrpc":"2.0","id":2,"method":"account.open","params":{"actor":"operator:root","account":"volunteer:V000001","scope":"shizhong/a"}}

            """.utf8))
        #expect(rpc.status == 0)
        let evaluated = try CommandRunner.run([
            "rules", "eval", "--db", database, "--volunteer", "V000001", "--category", "elder_care", "--minutes", "90",
            "--start", "2026-11-28T09:00:00+08:00", "--scope", "shizhong",
        ])
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        #expect(evaluated.stdout.contains("= 22 points for 90 counted minutes"), "\(evaluated.stdout)")
        #expect(evaluated.stdout.contains("rule set v2"))
        #expect(try CommandRunner.run(["info", "--db", database]).stdout.contains("size:         8"), "evaluating writes nothing")
    }
}
