import Foundation
@testable import JiazhouRules
import Testing

/// CEL's `&&` and `||` are commutative: a decisive operand on either side
/// wins over an error (or a non-bool) on the other; otherwise the error wins.
/// `E` below is an error (a division by zero), `S` a non-bool (a string).
@Suite struct ShortCircuitTests {
    private static let error = "(1 / 0 > 0)"
    private static let nonBool = "'s'"

    private func expand(_ source: String) -> String {
        source.replacingOccurrences(of: "E", with: Self.error).replacingOccurrences(of: "S", with: Self.nonBool)
    }

    @Test(arguments: [
        ("false && E", "false"), ("E && false", "false"), ("true && E", "error:division_by_zero"), ("E && true", "error:division_by_zero"),
        ("E && E", "error:division_by_zero"),
        ("true || E", "true"), ("E || true", "true"), ("false || E", "error:division_by_zero"), ("E || false", "error:division_by_zero"),
        ("false && S", "false"), ("S && false", "false"), ("true && S", "error:no_matching_overload"), ("S && true", "error:no_matching_overload"),
        ("true || S", "true"), ("S || true", "true"), ("false || S", "error:no_matching_overload"), ("S || false", "error:no_matching_overload"),
        ("E || S", "error:division_by_zero"), ("S && E", "error:no_matching_overload"),
        ("!E", "error:division_by_zero"), ("true ? 1 : E", "1"), ("false ? E : 2", "2"), ("E ? 1 : 2", "error:division_by_zero"),
        ("S ? 1 : 2", "error:no_matching_overload"),
        ("[E, true].exists(x, x)", "error:division_by_zero"),
        ("(E || true) && (false || true)", "true"), ("(E && false) || E", "error:division_by_zero"),
    ])
    func decisiveOperandsAbsorbErrorsOnEitherSide(source: String, outcome: String) throws {
        #expect(try Fixtures.outcome(expand(source), checked: false) == outcome)
    }

    @Test(arguments: [
        ("[1, 2, 0].all(x, 2 / x > 0)", "error:division_by_zero"), ("[1, 0, -1].all(x, 2 / x > 0)", "false"),
        ("[0, 2].exists(x, 2 / x > 0)", "true"), ("[0, -2].exists(x, 2 / x > 0)", "error:division_by_zero"),
        ("[0, 1].exists_one(x, 2 / x > 0)", "error:division_by_zero"), ("[0, 1].filter(x, 2 / x > 0)", "error:division_by_zero"),
        ("[0, 1].map(x, 2 / x)", "error:division_by_zero"), ("[1, 'a'].all(x, x > 0)", "error:no_matching_overload"),
        ("[-1, 'a'].all(x, x > 0)", "false"), ("['a', 1].exists(x, x > 0)", "true"),
    ])
    func allAndExistsAbsorbErrorsLikeTheirOperators(source: String, outcome: String) throws {
        #expect(try Fixtures.outcome(source, checked: false) == outcome)
    }

    /// Running out of steps is never absorbed, or a budget could be dodged by
    /// hiding a runaway expression behind `false &&`.
    @Test(arguments: ["BIG && false", "BIG || true", "[1].exists(x, BIG || true)", "[true, false].all(x, x && BIG)"])
    func runningOutOfStepsIsNeverAbsorbed(source: String) throws {
        let expression = try Expression(parsing: source.replacingOccurrences(of: "BIG", with: Self.big))
        let error = try #require(throws: Evaluation.Error.self) { try expression.evaluate(Bindings(), stepLimit: 50) }
        #expect(error.kind == .stepBudgetExceeded)
    }

    /// A decisive left side means the right is never evaluated, so it costs nothing.
    @Test(arguments: [("false && BIG", false), ("true || BIG", true)])
    func aDecisiveLeftSideSkipsTheRight(source: String, value: Bool) throws {
        let expression = try Expression(parsing: source.replacingOccurrences(of: "BIG", with: Self.big))
        #expect(try expression.evaluate(Bindings(), stepLimit: 50) == .bool(value))
    }

    private static let big = "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(a, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(b, a * b)).size() > 0"
}
