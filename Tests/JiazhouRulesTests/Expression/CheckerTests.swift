@testable import JiazhouRules
import Testing

@Suite struct CheckerTests {
    @Test(arguments: [
        ("activity.minutes * 15 / 60", ValueType.int),
        ("activity.category == 'elder_care' && '银龄' in volunteer.tags", .bool),
        ("activity.start", .timestamp),
        ("activity.start.getDayOfWeek('Asia/Shanghai') in [0, 6]", .bool),
        ("volunteer.tags.filter(t, t.startsWith('银'))", .list(.string)),
        ("volunteer.tags.map(t, size(t))", .list(.int)),
        ("activity.tags + volunteer.tags", .list(.string)),
        ("[1, 'a']", .list(.dyn)),
        ("{'a': 1}", .map(key: .string, value: .int)),
        ("has(volunteer.age) ? volunteer.age : 0", .int),
        ("[1, 'a'][0] + 1", .int),
        ("activity['category']", .string),
    ])
    func wellTypedExpressionsGetTheirType(source: String, type: ValueType) throws {
        #expect(try Expression(source, schema: Fixtures.schema).resultType == type)
    }

    @Test(arguments: [
        ("activty.minutes > 60", "unknown variable 'activty' (declared: activity, volunteer)", 1, 1),
        ("activity.catgory == 'x'", "no field 'catgory' in activity (fields: category, minutes, start, tags)", 1, 10),
        ("activity.minutes + 'x'", "'+' does not apply to int and string", 1, 18),
        ("activity.minutes == 'x'", "'==' does not apply to int and string", 1, 18),
        ("activity.category < 3", "'<' does not apply to string and int", 1, 19),
        ("!activity.minutes", "'!' applies to a bool, not int", 1, 11),
        ("-activity.category", "'-' applies to an int, not string", 1, 11),
        ("activity.minutes && true", "'&&' joins bools, not int", 1, 10),
        ("activity.minutes ? 1 : 2", "the condition of '?:' must be a bool, not int", 1, 10),
        ("true ? 1 : 'a'", "the two branches of '?:' must have the same type", 1, 6),
        ("1 in volunteer.tags", "'in' does not apply to int and list(string)", 1, 3),
        ("1 in 2", "'in' needs a list or a map on its right, not int", 1, 3),
        ("volunteer.age.size()", "size() measures a string, list or map, not int", 1, 15),
        ("activity.minutes.startsWith('a')", "startsWith() is called on a string, not int", 1, 10),
        ("activity.category.getHours()", "getHours() is called on a timestamp, not string", 1, 10),
        ("activity.start.getHours('Mars/Olympus')", "unknown time zone \"Mars/Olympus\"", 1, 25),
        ("timestamp('2026-02-30T00:00:00Z')", "is not an RFC 3339 time", 1, 11),
        ("activity.matches('x')", "unknown function 'matches'", 1, 10),
        ("activity.minutes.f", "int has no fields", 1, 18),
        ("volunteer.tags['a']", "a list index is an int, not string", 1, 16),
        ("volunteer.tags.all(t, t)", "the predicate of all() must be a bool, not string", 1, 23),
        ("volunteer.age.all(t, true)", "all() ranges over a list or a map, not int", 1, 15),
        ("{[1]: 2}", "map keys are ints or strings in this subset, not list(int)", 1, 2),
        ("has(volunteer.name)", "no field 'name' in volunteer", 1, 1),
        ("volunteer.tags.map(t, t).size(1)", "wrong call: size(x) or x.size()", 1, 26),
        ("x", "unknown variable 'x'", 1, 1),
    ] as [(String, String, Int, Int)])
    func typeErrorsSayWhatAndWhere(source: String, message: String, line: Int, column: Int) throws {
        let error = try #require(Fixtures.compileError(source))
        #expect(error.stage == .type)
        #expect(error.message.contains(message), "\(error.message)")
        #expect(error.position?.line == line)
        #expect(error.position?.column == column)
    }

    @Test func aConditionMustBeBool() throws {
        #expect(throws: Never.self) { try Expression.condition("activity.minutes >= 60", schema: Fixtures.schema) }
        let error = try #require(throws: Expression.Error.self) { try Expression.condition("  activity.minutes", schema: Fixtures.schema) }
        #expect(error.message == "expected a bool expression, but this one is int")
        #expect(error.position?.column == 3)
    }

    @Test func anAmountMustBeInt() throws {
        #expect(try Expression.amount("activity.minutes * 15 / 60", schema: Fixtures.schema).resultType == .int)
        let error = try #require(throws: Expression.Error.self) { try Expression.amount("activity.minutes > 1", schema: Fixtures.schema) }
        #expect(error.message == "expected a int expression, but this one is bool")
    }

    @Test func macroVariablesAreScopedToTheirMacro() {
        #expect(Fixtures.compileError("volunteer.tags.all(t, size(t) > 0) && t == 'x'")?.message.contains("unknown variable 't'") == true)
        #expect(Fixtures.compileError("volunteer.tags.all(volunteer, volunteer != '')") == nil)
    }
}
