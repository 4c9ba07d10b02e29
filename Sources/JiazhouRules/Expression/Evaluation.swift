/// Evaluation's public face: the error it reports. The evaluator itself is
/// ``Evaluator`` (internal); ``Expression/evaluate(_:stepLimit:)`` runs it.
public enum Evaluation {
    /// A runtime error (langdef "Runtime Errors"), with the position of the
    /// node that raised it.
    public struct Error: Swift.Error, Sendable, Equatable, CustomStringConvertible {
        /// What went wrong, as a stable name (the raw value).
        public enum Kind: String, Sendable, CaseIterable {
            /// An operator or function applied to types it has no overload for.
            case noMatchingOverload = "no_matching_overload"
            /// An int result outside 64 bits.
            case overflow
            /// `/` or `%` by zero.
            case divisionByZero = "division_by_zero"
            /// A map has no such key (`m[k]`, `m.f`).
            case noSuchKey = "no_such_key"
            /// Field selection on a value that has no fields (an int, a list).
            case noSuchField = "no_such_field"
            /// A list index outside 0 ..< size.
            case indexOutOfRange = "index_out_of_range"
            /// A name with no binding.
            case unboundVariable = "unbound_variable"
            /// A function this subset does not define (only in unchecked expressions).
            case unboundFunction = "unbound_function"
            /// A malformed argument: a timestamp or time zone text, a map key.
            case invalidArgument = "invalid_argument"
            /// The evaluation took more than its step limit.
            case stepBudgetExceeded = "step_budget_exceeded"
        }

        /// What went wrong.
        public var kind: Kind
        /// What went wrong, in words, with the values involved.
        public var message: String
        /// The node that raised it: an operator, a field name, a function name.
        public var position: SourcePosition

        init(_ fault: Fault, in source: String) {
            kind = fault.kind
            message = fault.message
            position = SourcePosition(offset: fault.offset, in: source)
        }

        public var description: String { "evaluation error at \(position): \(message) [\(kind.rawValue)]" }
    }
}

/// A runtime error inside the evaluator, before its offset becomes a line
/// and column (which needs the source, and is done once, at the boundary).
struct Fault: Error {
    var kind: Evaluation.Error.Kind
    var message: String
    var offset: Int

    init(_ kind: Evaluation.Error.Kind, _ message: String, at offset: Int) {
        self.kind = kind
        self.message = message
        self.offset = offset
    }

    /// Errors that CEL's error-absorbing operators (`&&`, `||`, `all`,
    /// `exists`) must not absorb: running out of steps ends the evaluation.
    var isFatal: Bool { kind == .stepBudgetExceeded }
}
