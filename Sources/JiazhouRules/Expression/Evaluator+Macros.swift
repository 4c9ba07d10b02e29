/// The macros over a list's elements or a map's keys (in the order written),
/// each element costing one step beyond the nodes it evaluates.
///
/// `all` and `exists` absorb errors as `&&` and `||` do: a false (true)
/// predicate decides `all` (`exists`) whatever errors other elements raise;
/// only when nothing decides does the first error come out. `exists_one`,
/// `filter` and `map` are strict: any error is the result.
extension Evaluator {
    mutating func macro(_ c: Comprehension, at node: SyntaxNode) throws(Fault) -> Value {
        let range = try evaluate(c.range)
        let elements: [Value]
        switch range {
        case .list(let items): elements = items
        case .map(let map): elements = map.keys.map(\.value)
        default: throw Fault(.noMatchingOverload, "\(c.macro.rawValue)() ranges over a list or a map, not \(range.typeName)", at: node.offset)
        }
        locals.append((c.variable, .null))
        let slot = locals.count - 1
        defer { locals.removeLast() }
        switch c.macro {
        case .all, .exists:
            let decisive = c.macro == .exists
            var pending: Fault?
            for element in elements {
                try spend(1, at: node)
                locals[slot].value = element
                do {
                    if try predicate(c, c.step) == decisive { return .bool(decisive) }
                } catch {
                    if error.isFatal { throw error }
                    pending = pending ?? error
                }
            }
            if let pending { throw pending }
            return .bool(!decisive)
        case .existsOne:
            var count = 0
            for element in elements {
                try spend(1, at: node)
                locals[slot].value = element
                if try predicate(c, c.step) { count += 1 }
            }
            return .bool(count == 1)
        case .filter:
            var kept: [Value] = []
            for element in elements {
                try spend(1, at: node)
                locals[slot].value = element
                if try predicate(c, c.step) { kept.append(element) }
            }
            return .list(kept)
        case .map:
            var mapped: [Value] = []
            mapped.reserveCapacity(elements.count)
            for element in elements {
                try spend(1, at: node)
                locals[slot].value = element
                if let filter = c.filter, try !predicate(c, filter) { continue }
                mapped.append(try evaluate(c.step))
            }
            return .list(mapped)
        }
    }

    private mutating func predicate(_ c: Comprehension, _ node: SyntaxNode) throws(Fault) -> Bool {
        let value = try evaluate(node)
        guard case .bool(let b) = value else {
            throw Fault(.noMatchingOverload, "the predicate of \(c.macro.rawValue)() must be a bool, not \(value.typeName)", at: node.offset)
        }
        return b
    }
}
