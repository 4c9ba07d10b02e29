public import JiazhouCore

/// An expression of the rules language — a subset of Google's CEL — parsed,
/// and type-checked when a ``Schema`` is given.
///
/// ```swift
/// let schema = Schema([
///     "activity": .record("activity", ["category": .string, "minutes": .int, "start": .timestamp]),
///     "volunteer": .record("volunteer", ["tags": .list(.string), "age": .int]),
/// ])
/// let weekend = try Expression.condition(
///     #"activity.category == "elder_care" && activity.start.getDayOfWeek("+08:00") in [0, 6]"#, schema: schema)
/// let facts = try schema.bindings(from: factsJSON)
/// if try weekend.evaluateCondition(facts) { … }
/// ```
///
/// Parsing and checking report the first problem with its line and column
/// (``Expression/Error``); evaluation reports CEL's runtime errors — overflow,
/// division by zero, a missing key, the step budget — as ``Evaluation/Error``.
public struct Expression: Sendable {
    /// The source text, as given.
    public let source: String
    /// The result type the checker found; `nil` for an unchecked expression.
    public let resultType: ValueType?
    let root: SyntaxNode

    /// Parses `source` without type-checking it: evaluation then checks types
    /// as it goes, as CEL does for unchecked expressions.
    public init(parsing source: String) throws(Expression.Error) {
        self.source = source
        do {
            root = try Parser.parse(source)
        } catch {
            throw error.located(in: source)
        }
        resultType = nil
    }

    /// Parses and type-checks `source` against `schema`; with `expecting`, the
    /// result must have that type (a `dyn` result is accepted and checked when
    /// evaluated).
    public init(_ source: String, schema: Schema, expecting expected: ValueType? = nil) throws(Expression.Error) {
        self.source = source
        do throws(Expression.Error) {
            root = try Parser.parse(source)
            var checker = Checker(schema: schema)
            let type = try checker.check(root)
            if let expected, type.unified(with: expected) == nil {
                let start = source.utf8.prefix { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }.count
                throw Expression.Error(stage: .type, message: "expected a \(expected) expression, but this one is \(type)", offset: start)
            }
            resultType = type
        } catch {
            throw error.located(in: source)
        }
    }

    /// A `when:` condition: checked, and its result must be bool.
    public static func condition(_ source: String, schema: Schema) throws(Expression.Error) -> Expression {
        try Expression(source, schema: schema, expecting: .bool)
    }

    /// A `points:` amount: checked, and its result must be int.
    public static func amount(_ source: String, schema: Schema) throws(Expression.Error) -> Expression {
        try Expression(source, schema: schema, expecting: .int)
    }

    /// The value of the expression with `bindings` for its variables, taking
    /// at most `stepLimit` steps (see ``Limits/expressionSteps``).
    public func evaluate(_ bindings: Bindings, stepLimit: Int = Limits.expressionSteps) throws(Evaluation.Error) -> Value {
        var evaluator = Evaluator(bindings: bindings, steps: stepLimit)
        do {
            return try evaluator.result(of: root)
        } catch {
            throw Evaluation.Error(error, in: source)
        }
    }

    /// Evaluates a condition; a result that is not a bool is an error.
    public func evaluateCondition(_ bindings: Bindings, stepLimit: Int = Limits.expressionSteps) throws(Evaluation.Error) -> Bool {
        let value = try evaluate(bindings, stepLimit: stepLimit)
        guard case .bool(let b) = value else { throw resultRefusal(value, expected: "bool") }
        return b
    }

    /// Evaluates an amount; a result that is not an int is an error.
    public func evaluateAmount(_ bindings: Bindings, stepLimit: Int = Limits.expressionSteps) throws(Evaluation.Error) -> Int64 {
        let value = try evaluate(bindings, stepLimit: stepLimit)
        guard case .int(let n) = value else { throw resultRefusal(value, expected: "int") }
        return n
    }

    private func resultRefusal(_ value: Value, expected: String) -> Evaluation.Error {
        Evaluation.Error(Fault(.noMatchingOverload, "the result is \(value.typeName), not \(expected)", at: root.offset), in: source)
    }
}

extension Expression {
    /// Why an expression was refused before evaluation: its syntax, its
    /// types, or facts that do not match the schema.
    public struct Error: Swift.Error, Sendable, Equatable, CustomStringConvertible {
        /// Which check refused it.
        public enum Stage: String, Sendable {
            case syntax, type, facts
        }

        /// Which check refused it.
        public var stage: Stage
        /// What is wrong and, where it helps, what to write instead.
        public var message: String
        /// Where in the expression; `nil` for facts.
        public var position: SourcePosition?
        /// UTF-8 offset in the source; `nil` for facts.
        public var offset: Int?

        init(stage: Stage, message: String, offset: Int?) {
            self.stage = stage
            self.message = message
            self.offset = offset
        }

        func located(in source: String) -> Error {
            var copy = self
            copy.position = offset.map { SourcePosition(offset: $0, in: source) }
            return copy
        }

        public var description: String {
            "\(stage.rawValue) error\(position.map { " at \($0)" } ?? ""): \(message)"
        }
    }
}
