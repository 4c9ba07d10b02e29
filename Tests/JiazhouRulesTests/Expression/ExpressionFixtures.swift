import JiazhouCore
@testable import JiazhouRules

/// The schema and facts the tests price against: the shape the rule sets
/// will declare.
enum Fixtures {
    static let schema = Schema([
        "activity": .record("activity", ["category": .string, "minutes": .int, "start": .timestamp, "tags": .list(.string)]),
        "volunteer": .record("volunteer", ["tags": .list(.string), "age": .int]),
    ])

    static let factsJSON = """
        {"activity": {"category": "elder_care", "minutes": 90, "start": "2026-11-22T08:30:00+08:00", "tags": ["一老一小"]},
         "volunteer": {"tags": ["银龄", "党员"], "age": 67}}
        """

    static var facts: Bindings {
        get throws { try schema.bindings(from: try JSONParser.parse(factsJSON)) }
    }

    /// The value of `source` (checked against the schema unless `checked` is
    /// false), as its CEL literal, or `error:KIND`.
    static func outcome(_ source: String, checked: Bool = true, bindings: Bindings? = nil) throws -> String {
        let expression = checked ? try Expression(source, schema: schema) : try Expression(parsing: source)
        let bindings = try bindings ?? facts
        do throws(Evaluation.Error) {
            return try expression.evaluate(bindings).description
        } catch {
            return "error:\(error.kind.rawValue)"
        }
    }

    /// The compile-time error for `source`, or `nil` if it compiles.
    static func compileError(_ source: String, schema: Schema = schema) -> Expression.Error? {
        do throws(Expression.Error) {
            _ = try Expression(source, schema: schema)
            return nil
        } catch {
            return error
        }
    }
}
