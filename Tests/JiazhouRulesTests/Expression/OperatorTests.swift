@testable import JiazhouRules
import Testing

/// Operators on values, evaluated against the fixtures' facts.
@Suite struct OperatorTests {
    @Test(arguments: [
        ("7 / 2", "3"), ("-7 / 2", "-3"), ("7 / -2", "-3"), ("-7 % 3", "-1"), ("7 % -3", "1"),
        ("activity.minutes * 15 / 60", "22"), ("2 + 3 * 4 - 1", "13"), ("-(-(3))", "3"),
        ("'a' + 'b' + '银龄'", "\"ab银龄\""), ("[1] + [2, 3]", "[1, 2, 3]"), ("volunteer.tags + ['x']", "[\"银龄\", \"党员\", \"x\"]"),
        ("'abc' < 'abd'", "true"), ("'Z' < 'a'", "true"), ("'é' > 'z'", "true"), ("false < true", "true"),
        ("'银龄' in volunteer.tags", "true"), ("'青年' in volunteer.tags", "false"), ("'category' in activity", "true"),
        ("'x' in {'x': 1}", "true"), ("2 in {1: 'a'}", "false"),
        ("size('银龄')", "2"), ("'银龄志愿者'.size()", "5"), ("size(volunteer.tags)", "2"), ("size(activity)", "4"),
        ("'银龄志愿者'.startsWith('银龄')", "true"), ("'银龄志愿者'.endsWith('志愿者')", "true"), ("'银龄志愿者'.contains('龄志')", "true"),
        ("'e\\u0301'.contains('é')", "false"),
        ("[[1], [2]][1][0]", "2"), ("{'a': {'b': 5}}.a.b", "5"), ("{'a': 1}['a']", "1"),
        ("has(volunteer.age)", "true"), ("has({'a': 1}.b)", "false"),
        ("activity.minutes > 60 ? 'long' : 'short'", "\"long\""),
        ("[1, 2] == [1, 2]", "true"), ("{'a': 1, 'b': 2} == {'b': 2, 'a': 1}", "true"), ("[1, 'a'] == [1, 'b']", "false"),
        ("null == null", "true"), ("activity.start == timestamp('2026-11-22T00:30:00Z')", "true"),
    ])
    func operatorsComputeCelValues(source: String, value: String) throws {
        #expect(try Fixtures.outcome(source) == value)
    }

    @Test(arguments: [
        ("9223372036854775807 + 1", "overflow"), ("-9223372036854775808 - 1", "overflow"), ("9223372036854775807 * 2", "overflow"),
        ("-(-9223372036854775808)", "overflow"), ("-9223372036854775808 / -1", "overflow"), ("-9223372036854775808 % -1", "overflow"),
        ("1 / 0", "division_by_zero"), ("1 % 0", "division_by_zero"), ("activity.minutes / (volunteer.age - 67)", "division_by_zero"),
        ("[1, 2][2]", "index_out_of_range"), ("[1, 2][-1]", "index_out_of_range"),
        ("{'a': 1}['b']", "no_such_key"), ("{1: 'a'}[2]", "no_such_key"),
        ("timestamp('not a time')", "invalid_argument"), ("activity.start.getHours(activity.category)", "invalid_argument"),
    ])
    func arithmeticAndLookupErrorsAreErrorsNotWrongValues(source: String, kind: String) throws {
        let checked = !source.hasPrefix("timestamp('not")
        #expect(try Fixtures.outcome(source, checked: checked) == "error:\(kind)")
    }

    @Test(arguments: [
        ("1 == 'a'", "false"), ("[1] == ['1']", "false"), ("{'a': 1} == [1]", "false"), ("null == 0", "false"),
        ("1 < 'a'", "error:no_matching_overload"), ("'a' + 1", "error:no_matching_overload"), ("[1] < [2]", "error:no_matching_overload"),
        ("1 in 1", "error:no_matching_overload"), ("size(1)", "error:no_matching_overload"), ("1.f", "error:no_such_field"),
        ("true[0]", "error:no_matching_overload"), ("[1]['a']", "error:no_matching_overload"), ("{'a': 1}[[1]]", "error:invalid_argument"),
        ("{'a': 1, 'a': 2}", "error:invalid_argument"), ("{[1]: 1}", "error:invalid_argument"), ("'a'.startsWith(1)", "error:no_matching_overload"),
        ("nope(1)", "error:unbound_function"), ("{1: 'a'}['1']", "error:no_such_key"), ("missing", "error:unbound_variable"), ("size(1, 2)", "error:no_matching_overload"),
    ])
    func uncheckedEvaluationChecksTypesAsItGoes(source: String, outcome: String) throws {
        #expect(try Fixtures.outcome(source, checked: false) == outcome)
    }

    @Test func errorsPointAtTheOperatorThatFailed() throws {
        let expression = try Expression("activity.minutes +\n  9223372036854775807", schema: Fixtures.schema)
        let error = try #require(throws: Evaluation.Error.self) { try expression.evaluate(try Fixtures.facts) }
        #expect(error.kind == .overflow)
        #expect(error.position == SourcePosition(line: 1, column: 18, offset: 17))
        #expect(error.message == "90 + 9223372036854775807 overflows a 64-bit int")
    }

    @Test func stringsCompareByCodePointWithoutNormalisation() throws {
        #expect(try Fixtures.outcome("'\\u00e9' == 'e\\u0301'") == "false")
        #expect(try Fixtures.outcome("{'\\u00e9': 1}['e\\u0301']", checked: false) == "error:no_such_key")
        // Swift's String < would call these equal (canonically equivalent); by code point 'e' < 'é'.
        #expect(try Fixtures.outcome("'e\\u0301' < '\\u00e9'") == "true")
    }
}
