/// Every limit of the expression language, in one place.
///
/// They belong in JiazhouCore's `Limits` beside the ledger's other limits;
/// they live here only until that file can take them (it belongs to another
/// part of the codebase). Each one is enforced where input enters, with an
/// error that names it.
public enum ExpressionLimits {
    /// Longest expression source, in UTF-8 bytes. A rule's condition is a line
    /// or two; 4 KiB leaves room for long tag lists without letting a
    /// document smuggle in a program.
    public static let sourceBytes = 4096

    /// Deepest nesting of the syntax tree (and of parentheses, brackets and
    /// calls while parsing). The parser, checker and evaluator recurse once per
    /// level, so this bounds their stack use. CEL requires implementations to
    /// accept at least 32 levels and 32 operators in a row; 64 covers both.
    public static let depth = 64

    /// Steps one evaluation may take: one per node evaluated, one more per
    /// element a macro visits, and the size of every value read whole — the
    /// operands of list concatenation, of `in` on a list and of `==` between
    /// lists or maps, and a list or map result (one per value and per 16
    /// bytes of string, ``Value/size(upTo:)``). Nested macros are CEL's way
    /// to explode; this turns an explosion into an error instead of a hang.
    /// A typical rule takes under 50.
    public static let steps = 10_000
}
