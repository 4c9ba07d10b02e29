/// Number and string literals: CEL's INT_LIT and STRING_LIT with its escapes
/// (langdef "String and Bytes Values"). FLOAT_LIT and UINT_LIT are recognised
/// only to be refused by name.
extension Lexer {
    mutating func lexNumber(start: Int) throws(Expression.Error) -> Token {
        if byte(at: index) == UInt8(ascii: ".") { throw floatRefusal(at: start) }
        var value: UInt64 = 0
        let isHex = byte(at: index) == UInt8(ascii: "0") && (byte(at: index + 1) ?? 0) | 0x20 == UInt8(ascii: "x")
        let radix: UInt64 = isHex ? 16 : 10
        if isHex { index += 2 }
        let digitsStart = index
        while let c = byte(at: index), isHex ? c.isHexDigit : c.isDigit {
            let digit = UInt64(c.isDigit ? c - UInt8(ascii: "0") : (c | 0x20) - UInt8(ascii: "a") + 10)
            let (shifted, o1) = value.multipliedReportingOverflow(by: radix)
            let (sum, o2) = shifted.addingReportingOverflow(digit)
            guard !o1, !o2, sum <= 1 << 63 else {
                throw failure("integer literal out of range: ints are 64-bit, from -9223372036854775808 to 9223372036854775807", at: start)
            }
            value = sum
            index += 1
        }
        if isHex && index == digitsStart { throw failure("'0x' needs hexadecimal digits", at: start) }
        if !isHex, let c = byte(at: index) {
            let fraction = c == UInt8(ascii: ".") && byte(at: index + 1)?.isDigit == true
            let exponent = c | 0x20 == UInt8(ascii: "e")
            if fraction || exponent { throw floatRefusal(at: start) }
        }
        if let c = byte(at: index), c | 0x20 == UInt8(ascii: "u") {
            throw failure("unsigned literals (1u) are not in this subset of CEL: numbers are 64-bit ints", at: start)
        }
        if let c = byte(at: index), c.isIdentifierStart || c.isDigit {
            throw failure("a number runs into a name here; put a space or an operator between them", at: index)
        }
        return Token(kind: .integer(value), offset: start)
    }

    private func floatRefusal(at offset: Int) -> Expression.Error {
        failure("floating-point literals are not in this subset of CEL: numbers are 64-bit ints (write 1, not 1.0)", at: offset)
    }

    /// Reads a quoted string whose opening quote is at `index`; handles triple
    /// quotes and, unless `raw`, escapes.
    mutating func lexString(raw: Bool) throws(Expression.Error) -> String {
        let start = index
        let quote = bytes[index]
        let triple = byte(at: index + 1) == quote && byte(at: index + 2) == quote
        index += triple ? 3 : 1
        var out: [UInt8] = []
        while true {
            guard let c = byte(at: index) else {
                throw failure("this string is not closed: it needs a matching \(triple ? "triple " : "")quote", at: start)
            }
            if c == quote && (!triple || (byte(at: index + 1) == quote && byte(at: index + 2) == quote)) {
                index += triple ? 3 : 1
                return String(decoding: out, as: UTF8.self)
            }
            if !triple && (c == 0x0A || c == 0x0D) {
                throw failure("a quoted string cannot span lines; use \\n or a triple-quoted string", at: index)
            }
            if c == UInt8(ascii: "\\") && !raw {
                let scalar = try lexEscape()
                out.append(contentsOf: String(scalar).utf8)
            } else {
                out.append(c)
                index += 1
            }
        }
    }

    /// One escape sequence starting at the backslash at `index`.
    private mutating func lexEscape() throws(Expression.Error) -> Unicode.Scalar {
        let start = index
        index += 1
        guard let c = byte(at: index) else { throw failure("a backslash ends the expression", at: start) }
        index += 1
        switch c {
        case UInt8(ascii: "\\"), UInt8(ascii: "?"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"):
            return Unicode.Scalar(c)
        case UInt8(ascii: "a"): return "\u{07}"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "v"): return "\u{0B}"
        case UInt8(ascii: "x"), UInt8(ascii: "X"): return try escapedScalar(digits: 2, radix: 16, start: start)
        case UInt8(ascii: "u"): return try escapedScalar(digits: 4, radix: 16, start: start)
        case UInt8(ascii: "U"): return try escapedScalar(digits: 8, radix: 16, start: start)
        case UInt8(ascii: "0")...UInt8(ascii: "3"):
            index -= 1
            return try escapedScalar(digits: 3, radix: 8, start: start)
        default:
            throw failure("unknown escape '\\\(Unicode.Scalar(c))' (known: \\n \\t \\r \\\\ \\\" \\' \\xHH \\uHHHH \\UHHHHHHHH and others)", at: start)
        }
    }

    private mutating func escapedScalar(digits: Int, radix: UInt32, start: Int) throws(Expression.Error) -> Unicode.Scalar {
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let c = byte(at: index), radix == 16 ? c.isHexDigit : (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(c) else {
                throw failure("this escape needs \(digits) \(radix == 16 ? "hexadecimal" : "octal") digits", at: start)
            }
            value = value * radix + UInt32(c.isDigit ? c - UInt8(ascii: "0") : (c | 0x20) - UInt8(ascii: "a") + 10)
            index += 1
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw failure("escape \\u{\(String(value, radix: 16))} is not a Unicode scalar (surrogates are not allowed)", at: start)
        }
        return scalar
    }
}
