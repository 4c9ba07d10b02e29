/// Splits an expression's UTF-8 source into tokens (CEL's lexis, langdef
/// "Syntax"), refusing what this subset leaves out — floating-point,
/// unsigned and bytes literals — with an error that says so.
///
/// Works on bytes: every token but string contents is ASCII, and UTF-8 is
/// self-synchronising, so a byte scan never splits a character.
struct Lexer {
    let bytes: [UInt8]
    var index = 0

    init(_ source: String) {
        bytes = Array(source.utf8)
    }

    /// All tokens, ending with `.end`.
    static func tokens(_ source: String) throws(Expression.Error) -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    func byte(at i: Int) -> UInt8? { i < bytes.count ? bytes[i] : nil }

    func failure(_ message: String, at offset: Int) -> Expression.Error {
        Expression.Error(stage: .syntax, message: message, offset: offset)
    }

    mutating func next() throws(Expression.Error) -> Token {
        skipSpaceAndComments()
        let start = index
        guard let c = byte(at: index) else { return Token(kind: .end, offset: start) }
        if c.isIdentifierStart {
            if let quote = stringPrefixEnd(), quote > index {
                return try lexPrefixedString(start: start, prefixEnd: quote)
            }
            while let d = byte(at: index), d.isIdentifierStart || d.isDigit { index += 1 }
            let word = String(decoding: bytes[start..<index], as: UTF8.self)
            switch word {
            case "true": return Token(kind: .true, offset: start)
            case "false": return Token(kind: .false, offset: start)
            case "null": return Token(kind: .null, offset: start)
            case "in": return Token(kind: .in, offset: start)
            default:
                if reservedWords.contains(word) {
                    throw failure("'\(word)' is a reserved word in CEL and cannot be a name", at: start)
                }
                return Token(kind: .identifier(word), offset: start)
            }
        }
        if c.isDigit || (c == UInt8(ascii: ".") && byte(at: index + 1)?.isDigit == true) {
            return try lexNumber(start: start)
        }
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
            return Token(kind: .string(try lexString(raw: false)), offset: start)
        }
        for p in Token.Punctuation.allCases where matches(p.rawValue) {
            index += p.rawValue.utf8.count
            return Token(kind: .punctuation(p), offset: start)
        }
        throw failure(unexpectedCharacterMessage(c), at: start)
    }

    private func matches(_ text: String) -> Bool {
        var i = index
        for b in text.utf8 {
            guard byte(at: i) == b else { return false }
            i += 1
        }
        return true
    }

    private func unexpectedCharacterMessage(_ c: UInt8) -> String {
        switch c {
        case UInt8(ascii: "="): return "unexpected '='; equality is '=='"
        case UInt8(ascii: "&"): return "unexpected '&'; logical and is '&&'"
        case UInt8(ascii: "|"): return "unexpected '|'; logical or is '||'"
        default:
            let character = String(decoding: bytes[index..<min(bytes.count, index + 4)], as: UTF8.self).unicodeScalars.first
            return "unexpected character '\(character.map { String($0) } ?? "?")'; names are ASCII letters, digits and '_'"
        }
    }

    private mutating func skipSpaceAndComments() {
        while let c = byte(at: index) {
            switch c {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C:
                index += 1
            case UInt8(ascii: "/") where byte(at: index + 1) == UInt8(ascii: "/"):
                while let d = byte(at: index), d != 0x0A { index += 1 }
            default:
                return
            }
        }
    }

    /// If a string literal starts here with prefixes (`r`, `b`, `rb`, …), the
    /// offset of its opening quote.
    private func stringPrefixEnd() -> Int? {
        var i = index
        var seen = 0
        while let c = byte(at: i), "rRbB".utf8.contains(c), seen < 2 {
            i += 1
            seen += 1
        }
        guard let q = byte(at: i), q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") else { return nil }
        return i
    }

    private mutating func lexPrefixedString(start: Int, prefixEnd: Int) throws(Expression.Error) -> Token {
        let prefix = bytes[start..<prefixEnd].map { $0 | 0x20 }
        if prefix.contains(UInt8(ascii: "b")) {
            throw failure("bytes literals (b\"…\") are not in this subset of CEL; use a string", at: start)
        }
        guard prefix == [UInt8(ascii: "r")] else {
            throw failure("unknown string prefix '\(String(decoding: bytes[start..<prefixEnd], as: UTF8.self))'", at: start)
        }
        index = prefixEnd
        return Token(kind: .string(try lexString(raw: true)), offset: start)
    }
}

extension UInt8 {
    var isDigit: Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) }
    var isHexDigit: Bool { isDigit || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self | 0x20) }
    var isIdentifierStart: Bool { isLetter || self == UInt8(ascii: "_") }
    private var isLetter: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
    }
}
