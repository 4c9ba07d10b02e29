/// One lexical element of an expression, with the UTF-8 offset where it starts.
struct Token: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case identifier(String)
        /// The magnitude of a decimal or hexadecimal literal. It may be 2^63,
        /// which only a preceding unary minus makes valid (`-9223372036854775808`).
        case integer(UInt64)
        case string(String)
        case `true`, `false`, null
        case `in`
        case punctuation(Punctuation)
        case end
    }

    enum Punctuation: String, Sendable, CaseIterable {
        case equal = "==", notEqual = "!=", lessOrEqual = "<=", greaterOrEqual = ">=", and = "&&", or = "||"
        case less = "<", greater = ">", not = "!", plus = "+", minus = "-", times = "*", divide = "/", remainder = "%"
        case question = "?", colon = ":", dot = ".", comma = ",", openBracket = "[", closeBracket = "]"
        case openParen = "(", closeParen = ")", openBrace = "{", closeBrace = "}"
    }

    var kind: Kind
    var offset: Int

    /// How the token reads in an error message.
    var quoted: String {
        switch kind {
        case .identifier(let name): "'\(name)'"
        case .integer(let n): "'\(n)'"
        case .string: "a string"
        case .true: "'true'"
        case .false: "'false'"
        case .null: "'null'"
        case .in: "'in'"
        case .punctuation(let p): "'\(p.rawValue)'"
        case .end: "the end of the expression"
        }
    }
}

/// Identifiers CEL reserves for embedding in host languages: never names.
let reservedWords: Set<String> = [
    "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop", "package",
    "namespace", "return", "var", "void", "while",
]
