import JiazhouCore
import JiazhouSheets
import Testing

/// 活动名称 is the activity's title, as a sign-in sheet heads it; with no
/// 活动编号 column it names the activity too.
@Suite struct ActivityTitleTests {
    @Test func aTitleColumnAloneIsTheActivitysTitleAndId() throws {
        let report = try Sheets.read("活动名称,志愿者编号,时长(分钟)\n白杨社区敬老活动,V000001,60\n白杨社区敬老活动,V000002,90\n江滨河道清洁,V000001,30\n")
        #expect(Sheets.places(report) == [])
        #expect(report.rows.map(\.activity.title) == ["白杨社区敬老活动", "白杨社区敬老活动", "江滨河道清洁"])
        #expect(report.rows.map(\.activity.id) == ["白杨社区敬老活动", "白杨社区敬老活动", "江滨河道清洁"])
    }

    @Test func withAnIdColumnTheTitleIsOnlyTheTitle() throws {
        let report = try Sheets.read("活动编号,活动名称,志愿者编号,时长(分钟)\n2026-12-06-elder,白杨社区敬老活动,V000001,60\n")
        #expect(report.rows.first?.activity.id == "2026-12-06-elder")
        #expect(report.rows.first?.activity.title == "白杨社区敬老活动")
    }

    @Test func aTitleTooLongForAnIdIsRefusedByRowWhenItMustBeOne() throws {
        let long = String(repeating: "敬", count: 50)  // 150 bytes: a title, not an id
        let report = try Sheets.read("活动名称,志愿者编号,时长(分钟)\n\(long),V000001,60\n短名,V000002,60\n")
        #expect(Sheets.places(report) == ["2 A bad_activity"])
        #expect(report.rows.map(\.volunteer.name) == ["V000002"])
        let withID = try Sheets.read("活动编号,活动名称,志愿者编号,时长(分钟)\na1,\(long),V000001,60\n")
        #expect(Sheets.places(withID) == [])
        #expect(withID.rows.first?.activity.title == long)
    }
}
