import Foundation
import JiazhouTesting
import Testing

/// `jiazhou award import` through the real binary, on the demo district
/// (whose volunteers the sample sheets name).
@Suite struct AwardImportTests {
    /// One demo ledger, made once; each test works on a copy.
    static let demo: Result<String, any Error> = Result {
        let directory = try CommandRunner.temporaryDirectory()
        let made = try CommandRunner.run(["demo", "--db", directory + "/demo.sqlite", "--seeds", RepositoryFiles.root().appendingPathComponent("seeds").path])
        guard made.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: made.stderr]) }
        return directory + "/demo.sqlite"
    }

    let directory: String
    let database: String

    init() throws {
        let demo = try Self.demo.get()
        directory = try CommandRunner.temporaryDirectory()
        database = directory + "/ledger.sqlite"
        for suffix in ["", ".key"] { try FileManager.default.copyItem(atPath: demo + suffix, toPath: database + suffix) }
    }

    func sheet(_ name: String) -> String { RepositoryFiles.root().appendingPathComponent("seeds/activities/" + name).path }

    func size() throws -> String {
        try CommandRunner.run(["info", "--db", database]).stdout.split(separator: "\n").first { $0.hasPrefix("size:") }.map(String.init) ?? ""
    }

    @Test func aGB18030CampaignSheetIsAwardedWholeAndOnlyOnce() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let campaign = sheet("knock-campaign-2026-11-30.txt")
        let imported = try CommandRunner.run(["award", "import", campaign, "--db", database, "--scope", "shizhong"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("awarded 2890 rows (GB18030, tab), 84 activities"), "\(imported.stdout)")
        let after = try size()
        let again = try CommandRunner.run(["award", "import", campaign, "--db", database, "--scope", "shizhong"])
        #expect(again.status == 0 && again.stdout.contains("already imported"), "\(again.stdout)")
        #expect(try size() == after, "a re-run writes nothing")
        let verified = try CommandRunner.run(["verify", "--db", database, "--semantic"])
        #expect(verified.status == 0, "\(verified.stdout)")
    }

    @Test func aSignInSheetNamesItsActivitiesByTitleAndTheEntriesKeepIt() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/titles.csv"
        try "活动名称,志愿者编号,服务时长(分钟)\n九龙巷敬老午餐,V000007,90\n九龙巷敬老午餐,V000013,60\n".write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try CommandRunner.run([
            "award", "import", file, "--db", database, "--category", "elder_care", "--start", "2026-12-06T11:00:00+08:00",
            "--scope", "shizhong/haitang/jiulongxiang",
        ])
        #expect(imported.status == 0, "\(imported.stderr)")
        let exported = try CommandRunner.run(["export", "--db", database]).stdout.split(separator: "\n").suffix(2)
        for line in exported {
            #expect(line.contains(#""id":"九龙巷敬老午餐""#) && line.contains(#""title":"九龙巷敬老午餐""#), "\(line)")
        }
    }

    @Test func aSheetWithMistakesIsRefusedWholeWithEveryBadRowNamed() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let before = try size()
        let outcome = try CommandRunner.run([
            "award", "import", sheet("errors-baiyang-2026-12-02.csv"), "--db", database, "--activity", "care-1202", "--category", "elder_care",
            "--start", "2026-12-02T14:00:00+08:00", "--scope", "shizhong/tongjiang/baiyang",
        ])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("nothing was written"))
        for row in [4, 6, 7, 9, 11, 13, 15, 16, 17, 18, 20, 21, 22, 23, 24] {
            #expect(outcome.stderr.contains("  row \(row)"), "row \(row) in \(outcome.stderr)")
        }
        #expect(outcome.stderr.contains("row 24: unknown_account"))
        #expect(try size() == before)
    }

    @Test func aDryRunPricesEveryRowAndWritesNothing() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let before = try size()
        let outcome = try CommandRunner.run([
            "award", "import", sheet("cleanup-jiulongxiang-2026-12-05.csv"), "--db", database, "--activity", "cleanup-again", "--category", "环境整治",
            "--start", "2026-12-06T08:30:00+08:00", "--scope", "shizhong/haitang/jiulongxiang", "--dry-run",
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("dry run: 200 rows"), "\(outcome.stdout)")
        #expect(try size() == before)
    }

    @Test func aCoordinatorImportsOnlyWithinItsScopeAndAnEmptySheetIsRefused() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let outside = try CommandRunner.run([
            "award", "import", sheet("cleanup-jiulongxiang-2026-12-05.csv"), "--db", database, "--activity", "a", "--category", "environment",
            "--start", "2026-12-06T08:30:00+08:00", "--scope", "shizhong/tongjiang/baiyang", "--actor", "coordinator:office-jiulongxiang",
        ])
        #expect(outside.status == 1 && outside.stderr.contains("[forbidden]"), "\(outside.stderr)")
        let empty = directory + "/empty.csv"
        try Data().write(to: URL(fileURLWithPath: empty))
        let refused = try CommandRunner.run(["award", "import", empty, "--db", database, "--scope", "shizhong"])
        #expect(refused.status == 1 && refused.stderr.contains("jiazhou:"), "\(refused.stderr)")
    }
}
