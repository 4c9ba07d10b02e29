/// Members and primaries: literals, names, calls, selection, indexing, list
/// and map literals, and the macros (`has`, `all`, `exists`, `exists_one`,
/// `filter`, `map`), which CEL expands when parsing.
extension Parser {
    mutating func parseMember() throws(Expression.Error) -> SyntaxNode {
        var node = try parsePrimary()
        while true {
            if accept(.dot) {
                guard case .identifier(let name) = current.kind else {
                    throw failure("expected a field or method name after '.', found \(current.quoted)")
                }
                let offset = current.offset
                index += 1
                if sees(.openParen) {
                    node = try call(name, target: node, arguments: try parseArguments(), at: offset)
                } else {
                    node = try make(.select(node, field: name), at: offset)
                }
            } else if sees(.openBracket) {
                let offset = current.offset
                index += 1
                let key = try parseExpression()
                try expect(.closeBracket, "to close the index")
                node = try make(.index(node, key), at: offset)
            } else if sees(.openBrace) {
                throw failure("message construction (Type{field: value}) is not in this subset of CEL")
            } else {
                return node
            }
        }
    }

    private mutating func parsePrimary() throws(Expression.Error) -> SyntaxNode {
        let token = current
        index += 1
        switch token.kind {
        case .integer(let magnitude):
            guard magnitude <= UInt64(Int64.max) else {
                throw failure("integer literal out of range: the largest int is 9223372036854775807", at: token.offset)
            }
            return try make(.literal(.int(Int64(magnitude))), at: token.offset)
        case .string(let s): return try make(.literal(.string(s)), at: token.offset)
        case .true: return try make(.literal(.bool(true)), at: token.offset)
        case .false: return try make(.literal(.bool(false)), at: token.offset)
        case .null: return try make(.literal(.null), at: token.offset)
        case .identifier(let name):
            if sees(.openParen) { return try call(name, target: nil, arguments: try parseArguments(), at: token.offset) }
            return try make(.identifier(name), at: token.offset)
        case .punctuation(.openParen):
            let inner = try parseExpression()
            try expect(.closeParen, "to close the parenthesis")
            return inner
        case .punctuation(.openBracket): return try parseList(at: token.offset)
        case .punctuation(.openBrace): return try parseMap(at: token.offset)
        case .punctuation(.dot):
            throw failure("names with a leading '.' (package-qualified names) are not in this subset of CEL", at: token.offset)
        default:
            throw failure("expected a value, a name or '(', found \(token.quoted)", at: token.offset)
        }
    }

    /// `( [Expr {, Expr}] )`.
    private mutating func parseArguments() throws(Expression.Error) -> [SyntaxNode] {
        try expect(.openParen, "to start the arguments")
        var arguments: [SyntaxNode] = []
        if accept(.closeParen) { return arguments }
        repeat {
            arguments.append(try parseExpression())
        } while accept(.comma)
        try expect(.closeParen, "to close the arguments")
        return arguments
    }

    /// `[a, b, …]`, trailing comma allowed. A list of literals becomes one
    /// literal, so that `x in [0, 6]` does not build the list on every evaluation.
    private mutating func parseList(at offset: Int) throws(Expression.Error) -> SyntaxNode {
        var items: [SyntaxNode] = []
        while !sees(.closeBracket) {
            items.append(try parseExpression())
            guard accept(.comma) else { break }
        }
        try expect(.closeBracket, "to close the list")
        let values = items.compactMap { if case .literal(let v) = $0.kind { v } else { nil } }
        if values.count == items.count { return try make(.literal(.list(values)), at: offset) }
        return try make(.list(items), at: offset)
    }

    /// `{k: v, …}`, trailing comma allowed; folded like lists when every key
    /// and value is a literal and the keys are valid and distinct (otherwise
    /// evaluation reports the problem, as CEL does).
    private mutating func parseMap(at offset: Int) throws(Expression.Error) -> SyntaxNode {
        var entries: [(key: SyntaxNode, value: SyntaxNode)] = []
        while !sees(.closeBrace) {
            let key = try parseExpression()
            try expect(.colon, "between a map key and its value")
            entries.append((key, try parseExpression()))
            guard accept(.comma) else { break }
        }
        try expect(.closeBrace, "to close the map")
        let pairs = entries.compactMap { entry -> (MapKey, Value)? in
            guard case .literal(let k) = entry.key.kind, let key = MapKey(k), case .literal(let v) = entry.value.kind else { return nil }
            return (key, v)
        }
        if pairs.count == entries.count, let folded = MapValue(pairs) { return try make(.literal(.map(folded)), at: offset) }
        return try make(.map(entries), at: offset)
    }

    /// A call, or the macro it spells.
    private func call(_ name: String, target: SyntaxNode?, arguments: [SyntaxNode], at offset: Int) throws(Expression.Error) -> SyntaxNode {
        if target == nil && name == "has" {
            guard arguments.count == 1, case .select(let operand, let field) = arguments[0].kind else {
                throw failure("has() takes one field selection, like has(volunteer.age)", at: offset)
            }
            return try make(.presence(operand, field: field), at: offset)
        }
        if let target, let macro = Comprehension.Macro(rawValue: name) {
            return try comprehension(macro, range: target, arguments: arguments, at: offset)
        }
        let builtin = Builtin(name: name)
        // A literal timestamp is read once, here, not on every evaluation.
        if builtin == .timestamp, target == nil, arguments.count == 1, case .literal(.string(let text)) = arguments[0].kind,
            let instant = Instant(rfc3339: text)
        {
            return try make(.literal(.timestamp(instant)), at: offset)
        }
        return try make(.call(builtin, target: target, arguments: arguments), at: offset)
    }

    private func comprehension(_ macro: Comprehension.Macro, range: SyntaxNode, arguments: [SyntaxNode], at offset: Int) throws(Expression.Error) -> SyntaxNode {
        let allowed = macro == .map ? 2...3 : 2...2
        let usage = macro == .map ? "list.map(x, transform) or list.map(x, predicate, transform)" : "list.\(macro.rawValue)(x, predicate)"
        guard allowed.contains(arguments.count) else {
            throw failure("\(macro.rawValue)() takes a variable and \(macro == .map ? "a transform" : "a predicate"): \(usage)", at: offset)
        }
        guard case .identifier(let variable) = arguments[0].kind else {
            throw failure("the first argument of \(macro.rawValue)() is the name of the element variable: \(usage)", at: arguments[0].offset)
        }
        let filter = arguments.count == 3 ? arguments[1] : nil
        let step = Comprehension(macro: macro, range: range, variable: variable, filter: filter, step: arguments[arguments.count - 1])
        return try make(.comprehension(step), at: offset)
    }
}
