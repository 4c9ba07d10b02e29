@testable import JiazhouRules
import JiazhouTesting
import Testing

/// Arbitrary input is refused or evaluated, never a crash or a hang: the
/// rule texts come from people, and the facts from requests.
@Suite struct RobustnessTests {
    private static let fragments = [
        "1", "0", "-", "9223372036854775807", "'s'", "\"银龄\"", "true", "null", "x", "x.f", "[", "]", "{", "}", "(", ")", ",", ":",
        "?", "+", "*", "/", "%", "==", "<", "&&", "||", "!", " in ", ".", "size(", ".map(v, ", ".all(v, ", "v", "has(",
        "timestamp('2026-11-23T08:30:00Z')", ".getHours('+08:00')", "'\\", "r'", "'''", "//c\n", "\n", "1.5", "[x, x]",
    ]

    @Test func randomTextIsRefusedOrEvaluatedNeverACrash() {
        var random = SplitMix(seed: 20_261_123)
        let bindings = Bindings(["x": .map(MapValue([(.string("f"), .list([.int(1), .string("a")]))])!)])
        let schema = Schema(["x": .record("x", ["f": .list(.dyn)])])
        var evaluated = 0, refused = 0
        for _ in 0..<3000 {
            let source = (0..<Int.random(in: 1...24, using: &random)).map { _ in Self.fragments.randomElement(using: &random)! }.joined()
            _ = try? Expression(source, schema: schema)
            do {
                _ = try Expression(parsing: source).evaluate(bindings, stepLimit: 2000)
                evaluated += 1
            } catch {
                refused += 1
            }
        }
        #expect(evaluated > 50 && refused > 50, "evaluated \(evaluated), refused \(refused): the generator should exercise both")
    }
}
