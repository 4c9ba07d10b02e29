/// Walks a syntax tree and computes its value, CEL's way: strict in the
/// arguments of operators and functions, error-absorbing in `&&`, `||`,
/// `all` and `exists`, lazy in `?:`, and charged one step per node against a
/// budget so that no expression can run away (``Limits/expressionSteps``).
struct Evaluator {
    let bindings: Bindings
    private let limit: Int
    private var remaining: Int
    var remainingSteps: Int { remaining }
    /// Macro variables in scope, innermost last; they shadow the bindings.
    var locals: [(name: String, value: Value)] = []

    init(bindings: Bindings, steps: Int) {
        self.bindings = bindings
        self.limit = steps
        self.remaining = steps
    }

    /// Charges `steps` to the budget; an error once it is spent.
    mutating func spend(_ steps: Int, at node: SyntaxNode) throws(Fault) {
        remaining -= steps
        if remaining < 0 {
            throw Fault(.stepBudgetExceeded, "the evaluation needs more than its \(limit) steps; simplify the expression or its macros", at: node.offset)
        }
    }

    /// Charges the strings among `values` their size (one step per 16 bytes,
    /// as ``Value/size(upTo:)`` counts a string): what reading, comparing,
    /// hashing or searching them costs.
    mutating func spend(reading values: Value?..., at node: SyntaxNode) throws(Fault) {
        var bytes = 0
        for case .string(let s)? in values { bytes += s.utf8.count }
        if bytes >= 16 { try spend(bytes / 16, at: node) }
    }

    /// Charges the size of `value` (``Value/size(upTo:)``), measured no further
    /// than the budget left.
    mutating func spend(size value: Value, at node: SyntaxNode) throws(Fault) {
        try spend(value.size(upTo: max(0, remaining) + 1), at: node)
    }

    /// The value of the whole expression; returning it costs its size, so
    /// that no caller is handed a value too big to read.
    mutating func result(of root: SyntaxNode) throws(Fault) -> Value {
        let value = try evaluate(root)
        if value.isAggregate { try spend(size: value, at: root) }
        return value
    }

    mutating func evaluate(_ node: SyntaxNode) throws(Fault) -> Value {
        try spend(1, at: node)
        switch node.kind {
        case .literal(let value):
            return value
        case .identifier(let name):
            if !locals.isEmpty, let local = locals.last(where: { $0.name == name }) { return local.value }
            guard let value = bindings[name] else { throw Fault(.unboundVariable, "no value for '\(name)'", at: node.offset) }
            return value
        case .select(let target, let field):
            return try select(field, of: try evaluate(target), at: node)
        case .presence(let target, let field):
            return try presence(field, in: try evaluate(target), at: node)
        case .index(let target, let key):
            let container = try evaluate(target)
            return try index(container, try evaluate(key), at: node)
        case .list(let items):
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try evaluate(item)) }
            return .list(values)
        case .map(let entries):
            return try map(entries)
        case .not(let operand):
            let value = try evaluate(operand)
            guard case .bool(let b) = value else { throw Fault(.noMatchingOverload, "'!' applies to a bool, not \(value.typeName)", at: node.offset) }
            return .bool(!b)
        case .negate(let operand):
            let value = try evaluate(operand)
            guard case .int(let n) = value else { throw Fault(.noMatchingOverload, "'-' applies to an int, not \(value.typeName)", at: node.offset) }
            guard n != .min else { throw Fault(.overflow, "-(\(n)) overflows a 64-bit int", at: node.offset) }
            return .int(-n)
        case .binary(let op, let left, let right):
            let a = try evaluate(left)
            return try binary(op, a, try evaluate(right), at: node)
        case .and(let left, let right):
            return try logical(left, right, decisive: false, at: node)
        case .or(let left, let right):
            return try logical(left, right, decisive: true, at: node)
        case .conditional(let condition, let then, let otherwise):
            switch try evaluate(condition) {
            case .bool(true): return try evaluate(then)
            case .bool(false): return try evaluate(otherwise)
            case let other: throw Fault(.noMatchingOverload, "the condition of '?:' must be a bool, not \(other.typeName)", at: node.offset)
            }
        case .call(let builtin, let target, let arguments):
            return try call(builtin, target: target, arguments: arguments, at: node)
        case .comprehension(let comprehension):
            return try macro(comprehension, at: node)
        }
    }

    /// `&&` (`decisive` false) and `||` (`decisive` true), commutatively: the
    /// decisive value on either side wins over an error or a non-bool on the
    /// other (`false && 1/0 > 2` and `1/0 > 2 && false` are both false). Only
    /// when neither side decides does an error come out.
    private mutating func logical(_ left: SyntaxNode, _ right: SyntaxNode, decisive: Bool, at node: SyntaxNode) throws(Fault) -> Value {
        let name = decisive ? "||" : "&&"
        var pending: Fault?
        do throws(Fault) {
            let value = try evaluate(left)
            guard case .bool(let b) = value else { throw Fault(.noMatchingOverload, "'\(name)' joins bools, not \(value.typeName)", at: left.offset) }
            if b == decisive { return value }
        } catch {
            if error.isFatal { throw error }
            pending = error
        }
        let value: Value
        do {
            value = try evaluate(right)
        } catch {
            if error.isFatal { throw error }
            throw pending ?? error
        }
        guard case .bool(let b) = value else {
            throw pending ?? Fault(.noMatchingOverload, "'\(name)' joins bools, not \(value.typeName)", at: right.offset)
        }
        if b == decisive { return value }
        if let pending { throw pending }
        return value
    }

    private func select(_ field: String, of target: Value, at node: SyntaxNode) throws(Fault) -> Value {
        guard case .map(let map) = target else {
            throw Fault(.noSuchField, "\(target.typeName) has no fields: '.\(field)' applies to maps", at: node.offset)
        }
        guard let value = map[field] else { throw Fault(.noSuchKey, "no such key: '\(field)'", at: node.offset) }
        return value
    }

    private func presence(_ field: String, in target: Value, at node: SyntaxNode) throws(Fault) -> Value {
        guard case .map(let map) = target else {
            throw Fault(.noSuchField, "has() tests a field of a map, not of \(target.typeName)", at: node.offset)
        }
        return .bool(map[field] != nil)
    }

    /// A map literal: keys must be ints or strings, and distinct.
    private mutating func map(_ entries: [(key: SyntaxNode, value: SyntaxNode)]) throws(Fault) -> Value {
        var map = MapValue()
        for entry in entries {
            let key = try evaluate(entry.key)
            guard let mapKey = MapKey(key) else {
                throw Fault(.invalidArgument, "map keys are ints or strings, not \(key.typeName)", at: entry.key.offset)
            }
            try spend(reading: key, at: entry.key)
            guard map.insert(mapKey, try evaluate(entry.value)) else {
                throw Fault(.invalidArgument, "the key \(mapKey) appears twice in this map", at: entry.key.offset)
            }
        }
        return .map(map)
    }

    private mutating func index(_ container: Value, _ key: Value, at node: SyntaxNode) throws(Fault) -> Value {
        switch (container, key) {
        case (.list(let items), .int(let i)):
            guard i >= 0, i < items.count else {
                throw Fault(.indexOutOfRange, "index \(i) is outside the list (size \(items.count))", at: node.offset)
            }
            return items[Int(i)]
        case (.list, _):
            throw Fault(.noMatchingOverload, "a list index is an int, not \(key.typeName)", at: node.offset)
        case (.map(let map), _):
            guard let mapKey = MapKey(key) else {
                throw Fault(.invalidArgument, "map keys are ints or strings, not \(key.typeName)", at: node.offset)
            }
            try spend(reading: key, at: node)
            guard let value = map[mapKey] else { throw Fault(.noSuchKey, "no such key: \(mapKey)", at: node.offset) }
            return value
        default:
            throw Fault(.noMatchingOverload, "\(container.typeName) cannot be indexed", at: node.offset)
        }
    }
}
