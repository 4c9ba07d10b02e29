@testable import JiazhouRules
import Testing

/// The output of `jiazhou rules expr`, golden.
@Suite struct ExpressionTrialTests {
    @Test(arguments: [
        ("1 + 2 * 3", nil, "7"),
        ("[1, 2].map(x, x * 10)", nil, "[10,20]"),
        ("{'b': 1, 'a': timestamp('2026-11-23T08:30:00+08:00')}", nil, #"{"a":"2026-11-23T00:30:00Z","b":1}"#),
        (#""银龄" in volunteer.tags && activity.minutes >= 60"#, #"{"volunteer": {"tags": ["银龄"]}, "activity": {"minutes": 90}}"#, "true"),
        ("size(volunteer.tags) * 10", #"{"volunteer": {"tags": ["银龄", "党员"]}}"#, "20"),
        ("x", #"{"x": "2026-11-23T08:30:00+08:00"}"#, #""2026-11-23T08:30:00+08:00""#),
    ] as [(String, String?, String)])
    func aValueIsPrintedAsJSON(source: String, facts: String?, output: String) {
        #expect(ExpressionTrial.run(source, facts: facts) == .init(output: output, succeeded: true))
    }

    @Test(arguments: [
        ("1 / 0", nil, """
            evaluation error at line 1, column 3: division by zero: 1 / 0 [division_by_zero]
              1 / 0
                ^
            """),
        ("activity.catgory == 'x'", #"{"activity": {"category": "a"}}"#, """
            type error at line 1, column 10: no field 'catgory' in activity (fields: category)
              activity.catgory == 'x'
                       ^
            """),
        ("'银龄' in tags &&\n  1.5 > 1", #"{"tags": []}"#, """
            syntax error at line 2, column 3: floating-point literals are not in this subset of CEL: numbers are 64-bit ints (write 1, not 1.0)
                1.5 > 1
                ^
            """),
        ("'银龄' + 1", nil, """
            type error at line 1, column 6: '+' does not apply to string and int
              '银龄' + 1
                     ^
            """),
        ("x", "{", "--facts is not valid JSON: expected a member name in double quotes at byte 1"),
        ("x", "[]", "--facts must be a JSON object of variables, like {\"x\": 1}, not array"),
        ("x", #"{"x": 1.5}"#, "--facts is not valid JSON: "),
    ] as [(String, String?, String)])
    func anErrorIsPrintedWithItsPositionAndACaret(source: String, facts: String?, output: String) {
        let outcome = ExpressionTrial.run(source, facts: facts)
        #expect(!outcome.succeeded)
        if output.hasSuffix(": ") {
            #expect(outcome.output.hasPrefix(output), "\(outcome.output)")
        } else {
            #expect(outcome.output == output)
        }
    }
}
