import JiazhouCore
import JiazhouSheets
import Testing

/// Cell formats, read through a one-row sheet each.
@Suite struct CellTests {
    private func one(_ header: String, _ cell: String, options: SheetOptions = .init()) throws -> SheetReport {
        try Sheets.read("\(header)\n\(cell)\n", options: options)
    }

    @Test(arguments: [("90", Int64(90)), ("90.0", 90), ("90.00", 90), ("+90", 90), ("1", 1), ("1440", 1440), ("０９０", 90), ("0090", 90)])
    func minutesAreWholeNumbers(cell: String, minutes: Int64) throws {
        #expect(try one("volunteer,minutes", "V000001,\(cell)").rows.map(\.minutes) == [minutes])
    }

    @Test(arguments: [
        ("1.5", Int64(90)), ("2", 120), ("0.25", 15), ("0.1", 6), ("1.50", 90), ("24", 1440), ("0.05", 3), ("1.0000000000", 60),
    ])
    func hoursBecomeExactMinutes(cell: String, minutes: Int64) throws {
        #expect(try one("volunteer,hours", "V000001,\(cell)").rows.map(\.minutes) == [minutes])
    }

    @Test(arguments: [
        ("1.51", SheetProblem.Reason.bad_minutes), ("0.01", .bad_minutes), ("0.3333333333", .bad_minutes), ("24.5", .minutes_out_of_range),
        ("0", .minutes_out_of_range), ("-1", .minutes_out_of_range), ("1.5h", .bad_minutes), ("1,5", .ragged_row), (".5", .bad_minutes),
        ("1.", .bad_minutes), ("99999999999999999", .minutes_out_of_range),
    ])
    func hoursThatAreNotWholeMinutesOrOutOfRangeAreRefused(cell: String, reason: SheetProblem.Reason) throws {
        #expect(try one("volunteer,hours", "V000001,\(cell)").problems.map(\.reason) == [reason])
    }

    @Test(arguments: [
        ("2026-11-23 08:30", "2026-11-23T08:30:00+08:00"),
        ("2026/11/23 8:30", "2026-11-23T08:30:00+08:00"),
        ("2026-11-23T08:30", "2026-11-23T08:30:00+08:00"),
        ("2026-11-23 08:30:15", "2026-11-23T08:30:15+08:00"),
        ("2026-1-5 18:00", "2026-01-05T18:00:00+08:00"),
        ("2026-11-23T08:30:00+08:00", "2026-11-23T08:30:00+08:00"),
        ("2026-11-23T00:30:00Z", "2026-11-23T00:30:00Z"),
    ])
    func startTimesBecomeRFC3339WithTheSheetsOffset(cell: String, start: String) throws {
        #expect(try one("volunteer,minutes,start", "V000001,90,\(cell)").rows.map(\.activity.start) == [start])
    }

    @Test func aLocalStartTakesTheOffsetItIsGiven() throws {
        let report = try one("volunteer,minutes,start", "V000001,90,2026-11-23 08:30", options: SheetOptions(utcOffsetMinutes: -(5 * 60 + 30)))
        #expect(report.rows.map(\.activity.start) == ["2026-11-23T08:30:00-05:30"])
    }

    @Test(arguments: ["2026-02-29 08:00", "2026-11-23", "08:30", "2026-11-23 25:00", "2026-11-23 8:3", "1969-12-31 23:00", "23/11/2026 08:30", "2026-11/23 08:30"])
    func startsThatAreNotTimesAreRefused(cell: String) throws {
        #expect(try one("volunteer,minutes,start", "V000001,90,\(cell)").problems.map(\.reason) == [.bad_start])
    }

    @Test(arguments: [
        ("一老一小、银龄", ["一老一小", "银龄"]), ("a; b ;; a", ["a", "b"]), ("夜间；银龄", ["夜间", "银龄"]), (" ; ", nil),
    ])
    func tagsAreSplitTrimmedAndDeduplicated(cell: String, tags: [String]?) throws {
        #expect(try one("volunteer,minutes,tags", "V000001,90,\(cell)").rows.map(\.activity.tags) == [tags])
    }

    @Test(arguments: ["V000123", "volunteer:V000123", "Ｖ０００１２３", "volunteer：V000123", "\"  V000123  \""])
    func volunteerCellsBecomeVolunteerAccounts(cell: String) throws {
        #expect(try one("volunteer,minutes", "\(cell),90").rows.map(\.volunteer) == [try AccountID("volunteer:V000123")])
    }

    /// The reader checks names on bytes; AccountID checks them on text. The two must agree
    /// (but for names shaped like mobile or ID-card numbers, which the reader refuses as
    /// personal data: PersonalDataInProblemsTests).
    @Test(arguments: [
        "V000123", "a.b_c-D9", String(repeating: "x", count: 120), String(repeating: "x", count: 121), "a b", "a/b", "é", "a:b",
        "a+b", "-", "_.", "V00012３",
    ])
    func theReaderAcceptsExactlyTheVolunteerNamesAccountIDAccepts(name: String) throws {
        let accountID = try? AccountID("volunteer:\(name)")
        let report = try one("volunteer,minutes", "\"\(name)\",90")
        if name == "V00012３" {
            #expect(report.rows.map(\.volunteer.name) == ["V000123"])  // full-width digits are folded first
        } else {
            #expect(report.rows.map(\.volunteer) == (accountID.map { [$0] } ?? []), "\(name)")
        }
    }
}
