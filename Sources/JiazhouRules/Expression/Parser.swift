import JiazhouCore
/// A recursive-descent parser for CEL's grammar (langdef "Syntax"), one
/// function per precedence level, lowest first:
///
///     Expr = Or ["?" Or ":" Expr]      Or = And {"||" And}
///     And = Relation {"&&" Relation}   Relation = Addition {RelOp Addition}
///     Addition = Mult {("+"|"-") Mult} Mult = Unary {("*"|"/"|"%") Unary}
///     Unary = {"!"|"-"} Member         Member = Primary {"." IDENT [Args] | "[" Expr "]"}
///
/// Chains of operators are built in loops, not by recursion, and every node's
/// height is checked against ``Limits/expressionDepth``, so no input can
/// exhaust the stack here or in the checker and evaluator.
struct Parser {
    private(set) var tokens: [Token]
    var index = 0
    private var nesting = 0

    /// The syntax tree of `source`.
    static func parse(_ source: String) throws(Expression.Error) -> SyntaxNode {
        guard source.utf8.count <= Limits.expressionSourceBytes else {
            throw Expression.Error(
                stage: .syntax, message: "the expression is \(source.utf8.count) bytes; the limit is \(Limits.expressionSourceBytes)", offset: 0)
        }
        var parser = Parser(tokens: try Lexer.tokens(source))
        let root = try parser.parseExpression()
        guard parser.current.kind == .end else {
            throw parser.failure("unexpected \(parser.current.quoted) after a complete expression")
        }
        return root
    }

    var current: Token { tokens[index] }
    var following: Token { tokens[min(index + 1, tokens.count - 1)] }

    func failure(_ message: String, at offset: Int? = nil) -> Expression.Error {
        Expression.Error(stage: .syntax, message: message, offset: offset ?? current.offset)
    }

    func sees(_ p: Token.Punctuation) -> Bool { current.kind == .punctuation(p) }

    mutating func accept(_ p: Token.Punctuation) -> Bool {
        guard sees(p) else { return false }
        index += 1
        return true
    }

    mutating func expect(_ p: Token.Punctuation, _ context: String) throws(Expression.Error) {
        guard accept(p) else { throw failure("expected '\(p.rawValue)' \(context), found \(current.quoted)") }
    }

    /// A node, refused if it makes the tree deeper than the limit.
    func make(_ kind: SyntaxNode.Kind, at offset: Int) throws(Expression.Error) -> SyntaxNode {
        let node = SyntaxNode(kind, at: offset)
        guard node.height <= Limits.expressionDepth else {
            throw failure("the expression nests more than \(Limits.expressionDepth) levels deep", at: offset)
        }
        return node
    }

    mutating func parseExpression() throws(Expression.Error) -> SyntaxNode {
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= Limits.expressionDepth else {
            throw failure("the expression nests more than \(Limits.expressionDepth) levels deep")
        }
        let condition = try parseOr()
        let question = current.offset
        guard accept(.question) else { return condition }
        let then = try parseOr()
        try expect(.colon, "in a conditional 'c ? a : b'")
        let otherwise = try parseExpression()
        return try make(.conditional(condition, then, otherwise), at: question)
    }

    private mutating func parseOr() throws(Expression.Error) -> SyntaxNode {
        var left = try parseAnd()
        while case let offset = current.offset, accept(.or) {
            left = try make(.or(left, try parseAnd()), at: offset)
        }
        return left
    }

    private mutating func parseAnd() throws(Expression.Error) -> SyntaxNode {
        var left = try parseRelation()
        while case let offset = current.offset, accept(.and) {
            left = try make(.and(left, try parseRelation()), at: offset)
        }
        return left
    }

    private mutating func parseRelation() throws(Expression.Error) -> SyntaxNode {
        var left = try parseAddition()
        while true {
            let op: BinaryOperator
            switch current.kind {
            case .in: op = .in
            case .punctuation(.equal): op = .equal
            case .punctuation(.notEqual): op = .notEqual
            case .punctuation(.less): op = .less
            case .punctuation(.lessOrEqual): op = .lessOrEqual
            case .punctuation(.greater): op = .greater
            case .punctuation(.greaterOrEqual): op = .greaterOrEqual
            default: return left
            }
            let offset = current.offset
            index += 1
            left = try make(.binary(op, left, try parseAddition()), at: offset)
        }
    }

    private mutating func parseAddition() throws(Expression.Error) -> SyntaxNode {
        var left = try parseMultiplication()
        while case .punctuation(let p) = current.kind, p == .plus || p == .minus {
            let offset = current.offset
            index += 1
            left = try make(.binary(p == .plus ? .add : .subtract, left, try parseMultiplication()), at: offset)
        }
        return left
    }

    private mutating func parseMultiplication() throws(Expression.Error) -> SyntaxNode {
        var left = try parseUnary()
        while case .punctuation(let p) = current.kind, p == .times || p == .divide || p == .remainder {
            let offset = current.offset
            index += 1
            let op: BinaryOperator = p == .times ? .multiply : p == .divide ? .divide : .remainder
            left = try make(.binary(op, left, try parseUnary()), at: offset)
        }
        return left
    }

    /// A run of `!` and `-` before a member. A `-` directly before an integer
    /// literal is folded into it, which is how `-9223372036854775808` (whose
    /// magnitude is no int) is written.
    private mutating func parseUnary() throws(Expression.Error) -> SyntaxNode {
        var operators: [Token] = []
        while sees(.not) || sees(.minus) {
            operators.append(current)
            index += 1
        }
        var operand: SyntaxNode
        if let last = operators.last, last.kind == .punctuation(.minus), case .integer(let magnitude) = current.kind,
            !Self.startsPostfix(following)
        {
            operand = try make(.literal(.int(magnitude == 1 << 63 ? .min : -Int64(magnitude))), at: last.offset)
            index += 1
            operators.removeLast()
        } else {
            operand = try parseMember()
        }
        for op in operators.reversed() {
            operand = try make(op.kind == .punctuation(.not) ? .not(operand) : .negate(operand), at: op.offset)
        }
        return operand
    }

    private static func startsPostfix(_ token: Token) -> Bool {
        token.kind == .punctuation(.dot) || token.kind == .punctuation(.openBracket)
    }
}
