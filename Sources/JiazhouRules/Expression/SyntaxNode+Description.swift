/// The tree as an S-expression — `(&& (== a.b 1) (in x [0, 6]))` — for
/// tests and debugging: it shows precedence and macro expansion at a glance.
extension SyntaxNode: CustomStringConvertible {
    var description: String {
        switch kind {
        case .literal(let value): value.description
        case .identifier(let name): name
        case .select(let target, let field): "\(target).\(field)"
        case .presence(let target, let field): "(has \(target).\(field))"
        case .index(let target, let key): "(index \(target) \(key))"
        case .list(let items): "(list" + items.map { " \($0)" }.joined() + ")"
        case .map(let entries): "(map" + entries.map { " \($0.key):\($0.value)" }.joined() + ")"
        case .not(let operand): "(! \(operand))"
        case .negate(let operand): "(- \(operand))"
        case .binary(let op, let a, let b): "(\(op.rawValue) \(a) \(b))"
        case .and(let a, let b): "(&& \(a) \(b))"
        case .or(let a, let b): "(|| \(a) \(b))"
        case .conditional(let c, let a, let b): "(?: \(c) \(a) \(b))"
        case .call(let builtin, let target, let arguments):
            "(\(builtin)" + (target.map { " \($0)." } ?? "") + arguments.map { " \($0)" }.joined() + ")"
        case .comprehension(let c):
            "(\(c.macro.rawValue) \(c.range) \(c.variable)" + (c.filter.map { " \($0)" } ?? "") + " \(c.step))"
        }
    }
}
