/// Type-checks a syntax tree against a ``Schema`` (CEL's "gradual type
/// checking"): every name must be declared, every field of a record known,
/// every operator and function applied to types it has an overload for.
/// `dyn` passes and is checked when evaluated. Stops at the first problem.
struct Checker {
    let schema: Schema
    /// Macro variables in scope, innermost last; they shadow the schema.
    var locals: [(name: String, type: ValueType)] = []

    init(schema: Schema) {
        self.schema = schema
    }

    func failure(_ message: String, at node: SyntaxNode) -> Expression.Error {
        Expression.Error(stage: .type, message: message, offset: node.offset)
    }

    mutating func check(_ node: SyntaxNode) throws(Expression.Error) -> ValueType {
        switch node.kind {
        case .literal(let value):
            return ValueType(of: value)
        case .identifier(let name):
            if let local = locals.last(where: { $0.name == name }) { return local.type }
            if let type = schema.variables[name] { return type }
            let known = (locals.map(\.name) + schema.variables.keys.sorted()).joined(separator: ", ")
            throw failure("unknown variable '\(name)'\(known.isEmpty ? "" : " (declared: \(known))")", at: node)
        case .select(let target, let field):
            return try selection(try check(target), field: field, at: node)
        case .presence(let target, let field):
            let type = try check(target)
            if case .record = type { _ = try selection(type, field: field, at: node) }
            guard type.admits(.dyn) || type.isMapLike else { throw failure("has() tests a field of a map or a record, not of \(type)", at: node) }
            return .bool
        case .index(let target, let key):
            return try index(try check(target), key: key, at: node)
        case .list(let items):
            var types: [ValueType] = []
            for item in items { types.append(try check(item)) }
            return .list(ValueType.join(types))
        case .map(let entries):
            var keys: [ValueType] = [], values: [ValueType] = []
            for entry in entries {
                let key = try check(entry.key)
                guard key == .int || key == .string || key == .dyn else {
                    throw failure("map keys are ints or strings in this subset, not \(key)", at: entry.key)
                }
                keys.append(key)
                values.append(try check(entry.value))
            }
            return .map(key: ValueType.join(keys), value: ValueType.join(values))
        case .not(let operand):
            try require(operand, .bool, "'!' applies to a bool")
            return .bool
        case .negate(let operand):
            try require(operand, .int, "'-' applies to an int")
            return .int
        case .binary(let op, let left, let right):
            return try binary(op, try check(left), try check(right), at: node)
        case .and(let left, let right), .or(let left, let right):
            let name = if case .and = node.kind { "&&" } else { "||" }
            try require(left, .bool, "'\(name)' joins bools")
            try require(right, .bool, "'\(name)' joins bools")
            return .bool
        case .conditional(let condition, let then, let otherwise):
            try require(condition, .bool, "the condition of '?:' must be a bool")
            let a = try check(then), b = try check(otherwise)
            guard let type = a.unified(with: b) else {
                throw failure("the two branches of '?:' must have the same type, not \(a) and \(b)", at: node)
            }
            return type
        case .call(let builtin, let target, let arguments):
            return try call(builtin, target: target, arguments: arguments, at: node)
        case .comprehension(let comprehension):
            return try macro(comprehension, at: node)
        }
    }

    /// Checks `node` and requires `type` (or dyn).
    mutating func require(_ node: SyntaxNode, _ type: ValueType, _ rule: String) throws(Expression.Error) {
        let found = try check(node)
        guard found.admits(type) else { throw failure("\(rule), not \(found)", at: node) }
    }

    private func selection(_ type: ValueType, field: String, at node: SyntaxNode) throws(Expression.Error) -> ValueType {
        switch type {
        case .record(let record):
            guard let fieldType = record.fields[field] else {
                throw failure("no field '\(field)' in \(record.name) (fields: \(record.fields.keys.sorted().joined(separator: ", ")))", at: node)
            }
            return fieldType
        case .map(let key, let value) where key.admits(.string):
            return value
        case .dyn:
            return .dyn
        default:
            throw failure("\(type) has no fields: '.\(field)' applies to records and maps with string keys", at: node)
        }
    }

    private mutating func index(_ type: ValueType, key: SyntaxNode, at node: SyntaxNode) throws(Expression.Error) -> ValueType {
        let keyType = try check(key)
        switch type {
        case .list(let element):
            guard keyType.admits(.int) else { throw failure("a list index is an int, not \(keyType)", at: key) }
            return element
        case .map(let k, let value):
            guard k.unified(with: keyType) != nil else { throw failure("this map's keys are \(k), not \(keyType)", at: key) }
            return value
        case .record:
            guard keyType.admits(.string) else { throw failure("a record is indexed by a field name, not \(keyType)", at: key) }
            if case .literal(.string(let field)) = key.kind { return try selection(type, field: field, at: key) }
            return .dyn
        case .dyn:
            guard keyType.admits(.int) || keyType.admits(.string) else { throw failure("an index is an int or a string, not \(keyType)", at: key) }
            return .dyn
        default:
            throw failure("\(type) cannot be indexed: '[…]' applies to lists and maps", at: node)
        }
    }
}

extension ValueType {
    /// Maps and records: what `has()`, `in` and field selection read.
    var isMapLike: Bool {
        switch self {
        case .map, .record: true
        default: false
        }
    }
}
