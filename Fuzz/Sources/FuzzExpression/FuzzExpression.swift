import FuzzSupport
import JiazhouCore
import JiazhouRules

/// The rules language (a CEL subset): parser, type-checker and evaluator.
///
/// The input is an expression, optionally followed by a NUL byte and a JSON
/// object of facts. The expression is checked and evaluated against the
/// rule sets' declared facts (``RuleSet/factSchema``, with one award's
/// values), parsed unchecked and evaluated against the same values, and
/// tried as `jiazhou rules expr` does with the facts given.
///
/// Properties: nothing traps; errors are ``Expression/Error`` or
/// ``Evaluation/Error`` with a position inside the source; a checked
/// expression's value has the type the checker gave it; a smaller step
/// budget only ever cuts an evaluation short (same value, or out of steps);
/// and the step budget bounds the time an evaluation takes.
@main
enum FuzzExpression {
    /// Longest any one evaluation may take within ``Limits/expressionSteps``
    /// steps, sanitizers and all: a typical rule takes microseconds, so an
    /// evaluation near this means work that the budget does not count.
    static let secondsPerEvaluation = 1.0

    static func main() {
        runFuzzer { data, size in
            FuzzExpression.check(inputBytes(data, size))
            return 0
        }
    }

    static let facts: Bindings = {
        let json = try! JSONParser.parse(
            #"""
            {"activity": {"id": "cleanup-1205", "category": "environment", "minutes": 270, "start": "2026-12-05T19:30:00+08:00",
                          "scope": "shizhong/haitang/jiulongxiang", "tags": ["一老一小", "河道"]},
             "volunteer": {"id": "volunteer:V000360", "scope": "shizhong/tongjiang/baiyang", "tags": ["银龄"], "minutes": 6000, "stars": 1},
             "category": {"id": "environment", "label": "环境整治", "points_per_hour": 10},
             "calendar": {"date": "2026-12-05", "weekday": 6, "hour": 19, "weekend": true, "holiday": false},
             "minutes": 270, "base": 45}
            """#)
        return try! RuleSet.factSchema.bindings(from: json)
    }()

    static func check(_ input: [UInt8]) {
        let (sourceBytes, factBytes) = split(input, at: 0)
        let source = String(decoding: sourceBytes, as: UTF8.self)
        do {
            let expression = try Expression(source, schema: RuleSet.factSchema)
            let value = evaluate(expression, facts, source: source)
            if let value, let type = expression.resultType {
                require(conforms(value, type), "the checker says \(type), the value is \(value)")
            }
        } catch {
            checkPosition(error.position, error.offset, in: source)
        }
        do {
            let expression = try Expression(parsing: source)
            _ = evaluate(expression, facts, source: source)
        } catch {
            checkPosition(error.position, error.offset, in: source)
        }
        if let factBytes, let factText = validText(factBytes) {
            let started = monotonicSeconds()
            let outcome = ExpressionTrial.run(source, facts: factText)
            require(monotonicSeconds() - started < 2 * secondsPerEvaluation, "rules expr took \(monotonicSeconds() - started) s")
            require(!outcome.output.isEmpty, "rules expr printed nothing")
        }
    }

    /// Evaluates with the full budget and with a small one; the value, or
    /// `nil` for an evaluation error.
    static func evaluate(_ expression: Expression, _ bindings: Bindings, source: String) -> Value? {
        let started = monotonicSeconds()
        let full = Result { () throws(Evaluation.Error) in try expression.evaluate(bindings) }
        let elapsed = monotonicSeconds() - started
        require(
            elapsed < secondsPerEvaluation,
            "an evaluation within \(Limits.expressionSteps) steps took \(elapsed) s: the budget does not bound its time")
        let small = Result { () throws(Evaluation.Error) in try expression.evaluate(bindings, stepLimit: 40) }
        switch (small, full) {
        case (.success(let a), .success(let b)): require(a == b, "a smaller budget gave another value: \(a) and \(b)")
        case (.failure(let e), _) where e.kind == .stepBudgetExceeded: break
        case (.failure(let a), .failure(let b)): require(a.kind == b.kind && a.position == b.position, "a smaller budget gave another error: \(a), \(b)")
        default: require(false, "a smaller budget changed the outcome: \(small) and \(full)")
        }
        switch full {
        case .success(let value): return value
        case .failure(let error):
            require(error.position.offset >= 0 && error.position.offset <= source.utf8.count, "an evaluation error outside the source: \(error)")
            require(!error.message.isEmpty, "an evaluation error without a message")
            return nil
        }
    }

    static func checkPosition(_ position: SourcePosition?, _ offset: Int?, in source: String) {
        guard let offset else { return }
        require(offset >= 0 && offset <= source.utf8.count, "an error at offset \(offset) of a \(source.utf8.count)-byte source")
        require(position?.offset == offset, "an error's position and offset differ")
    }

    /// Whether `value` is a value of `type`.
    static func conforms(_ value: Value, _ type: ValueType) -> Bool {
        switch (type, value) {
        case (.dyn, _), (.int, .int), (.string, .string), (.bool, .bool), (.null, .null), (.timestamp, .timestamp): return true
        case (.list(let element), .list(let items)): return items.allSatisfy { conforms($0, element) }
        case (.map(let keyType, let valueType), .map(let map)):
            return map.keys.allSatisfy { conforms($0.value, keyType) && conforms(map[$0]!, valueType) }
        case (.record(let record), .map(let map)):
            return map.keys.allSatisfy { key in
                guard case .string(let name) = key, let field = record.fields[name] else { return false }
                return conforms(map[key]!, field)
            }
        default: return false
        }
    }
}
