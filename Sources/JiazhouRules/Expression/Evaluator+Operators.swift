/// The binary operators: int arithmetic that refuses to overflow, string and
/// list concatenation, equality, ordering and membership.
extension Evaluator {
    mutating func binary(_ op: BinaryOperator, _ a: Value, _ b: Value, at node: SyntaxNode) throws(Fault) -> Value {
        switch op {
        case .equal, .notEqual:
            if a.isAggregate && b.isAggregate { try spendComparing(a, b, at: node) }
            try spendComparingStrings(a, b, at: node)
            return .bool((a == b) == (op == .equal))
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let order = Self.order(a, b) else { throw refusal(op, a, b, at: node) }
            try spendComparingStrings(a, b, at: node)
            switch op {
            case .less: return .bool(order < 0)
            case .lessOrEqual: return .bool(order <= 0)
            case .greater: return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        case .in:
            switch b {
            case .list(let items):
                try spend(size: b, at: node)
                return .bool(items.contains(a))
            case .map(let map):
                try spend(reading: a, at: node)  // hashed to look it up
                return .bool(MapKey(a).map { map[$0] != nil } ?? false)
            default:
                throw Fault(.noMatchingOverload, "'in' needs a list or a map on its right, not \(b.typeName)", at: node.offset)
            }
        case .add:
            switch (a, b) {
            case (.int(let x), .int(let y)): return .int(try checked(x.addingReportingOverflow(y), op, x, y, at: node))
            case (.string(let x), .string(let y)):
                try spend((x.utf8.count + y.utf8.count) / 16, at: node)
                return .string(x + y)
            case (.list(let x), .list(let y)):
                try spend(size: a, at: node)
                try spend(size: b, at: node)
                return .list(x + y)
            default: throw refusal(op, a, b, at: node)
            }
        case .subtract, .multiply, .divide, .remainder:
            guard case .int(let x) = a, case .int(let y) = b else { throw refusal(op, a, b, at: node) }
            return .int(try arithmetic(op, x, y, at: node))
        }
    }

    /// Comparing two strings reads at most the shorter one.
    private mutating func spendComparingStrings(_ a: Value, _ b: Value, at node: SyntaxNode) throws(Fault) {
        guard case .string(let x) = a, case .string(let y) = b else { return }
        try spend(reading: .string(x.utf8.count <= y.utf8.count ? x : y), at: node)
    }

    /// Comparing two aggregates reads at most the smaller one.
    private mutating func spendComparing(_ a: Value, _ b: Value, at node: SyntaxNode) throws(Fault) {
        let cap = max(0, remainingSteps) + 1
        try spend(Swift.min(a.size(upTo: cap), b.size(upTo: cap)), at: node)
    }

    /// `-`, `*`, `/`, `%` on ints. `/` truncates toward zero and `%` takes the
    /// sign of the dividend, as in CEL (and C, and Swift).
    private func arithmetic(_ op: BinaryOperator, _ x: Int64, _ y: Int64, at node: SyntaxNode) throws(Fault) -> Int64 {
        switch op {
        case .subtract: return try checked(x.subtractingReportingOverflow(y), op, x, y, at: node)
        case .multiply: return try checked(x.multipliedReportingOverflow(by: y), op, x, y, at: node)
        default:
            guard y != 0 else {
                throw Fault(.divisionByZero, "\(op == .divide ? "division" : "modulus") by zero: \(x) \(op.rawValue) 0", at: node.offset)
            }
            // Int64.min / -1 and Int64.min % -1 are the overflowing cases.
            let result = op == .divide ? x.dividedReportingOverflow(by: y) : x.remainderReportingOverflow(dividingBy: y)
            return try checked(result, op, x, y, at: node)
        }
    }

    private func checked(_ result: (partialValue: Int64, overflow: Bool), _ op: BinaryOperator, _ x: Int64, _ y: Int64, at node: SyntaxNode) throws(Fault)
        -> Int64
    {
        guard !result.overflow else { throw Fault(.overflow, "\(x) \(op.rawValue) \(y) overflows a 64-bit int", at: node.offset) }
        return result.partialValue
    }

    private func refusal(_ op: BinaryOperator, _ a: Value, _ b: Value, at node: SyntaxNode) -> Fault {
        Fault(.noMatchingOverload, "'\(op.rawValue)' does not apply to \(a.typeName) and \(b.typeName)", at: node.offset)
    }

    /// -1, 0 or 1 for values of one ordered type (int, string by code point,
    /// bool with false first, timestamp); `nil` for any other pair.
    static func order(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): x < y ? -1 : x == y ? 0 : 1
        case (.bool(let x), .bool(let y)): x == y ? 0 : (!x ? -1 : 1)
        case (.timestamp(let x), .timestamp(let y)): x < y ? -1 : x == y ? 0 : 1
        case (.string(let x), .string(let y)):
            // UTF-8 byte order is code point order.
            x.hasSameScalars(as: y) ? 0 : x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : 1
        default: nil
        }
    }
}
