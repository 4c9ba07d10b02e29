/// Operators, functions and macros: the overloads of this subset.
extension Checker {
    func binary(_ op: BinaryOperator, _ left: ValueType, _ right: ValueType, at node: SyntaxNode) throws(Expression.Error) -> ValueType {
        let refusal = failure("'\(op.rawValue)' does not apply to \(left) and \(right)", at: node)
        switch op {
        case .add:
            switch (left, right) {
            case (.int, .int), (.string, .string): return left
            case (.list(let a), .list(let b)):
                guard let element = a.unified(with: b) else { throw refusal }
                return .list(element)
            case (.dyn, .dyn): return .dyn
            case (.dyn, let other), (let other, .dyn):
                switch other {
                case .int, .string, .list: return other
                default: throw refusal
                }
            default: throw refusal
            }
        case .subtract, .multiply, .divide, .remainder:
            guard left.admits(.int), right.admits(.int) else { throw refusal }
            return .int
        case .equal, .notEqual:
            guard left.unified(with: right) != nil else { throw refusal }
            return .bool
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            let ordered: [ValueType] = [.int, .string, .bool, .timestamp]
            switch (left, right) {
            case (.dyn, .dyn): break
            case (.dyn, let known), (let known, .dyn): guard ordered.contains(known) else { throw refusal }
            default: guard left == right, ordered.contains(left) else { throw refusal }
            }
            return .bool
        case .in:
            switch right {
            case .list(let element):
                guard element.unified(with: left) != nil else { throw refusal }
            case .map(let key, _):
                guard key.unified(with: left) != nil else { throw refusal }
            case .record:
                guard left.admits(.string) else { throw refusal }
            case .dyn:
                break
            default:
                throw failure("'in' needs a list or a map on its right, not \(right)", at: node)
            }
            return .bool
        }
    }

    mutating func call(_ builtin: Builtin, target: SyntaxNode?, arguments: [SyntaxNode], at node: SyntaxNode) throws(Expression.Error) -> ValueType {
        let usage: String
        switch builtin {
        case .size:
            usage = "size(x) or x.size(), of a string, list or map"
            let operands = (target.map { [$0] } ?? []) + arguments
            guard operands.count == 1 else { break }
            let type = try check(operands[0])
            guard type.admits(.string) || type.isMapLike || type.isList else { throw failure("size() measures a string, list or map, not \(type)", at: node) }
            return .int
        case .startsWith, .endsWith, .contains:
            usage = "text.\(builtin)(part), both strings"
            guard let target, arguments.count == 1 else { break }
            try require(target, .string, "\(builtin)() is called on a string")
            try require(arguments[0], .string, "\(builtin)() takes a string")
            return .bool
        case .timestamp:
            usage = "timestamp(\"2026-11-23T08:30:00+08:00\")"
            guard target == nil, arguments.count == 1 else { break }
            if case .literal(.string(let text)) = arguments[0].kind {
                throw failure("\"\(text)\" is not an RFC 3339 time from year 1 to 9999, like 2026-11-23T08:30:00+08:00", at: arguments[0])
            }
            try require(arguments[0], .string, "timestamp() reads a string")
            return .timestamp
        case .calendar(let field):
            usage = "t.\(field.rawValue)() or t.\(field.rawValue)(\"+08:00\"), of a timestamp"
            guard let target, arguments.count <= 1 else { break }
            try require(target, .timestamp, "\(field.rawValue)() is called on a timestamp")
            if let zone = arguments.first {
                try require(zone, .string, "a time zone is a string")
                if case .literal(.string(let text)) = zone.kind, TimeZoneOffset.seconds(text) == nil {
                    throw failure(TimeZoneOffset.refusal(text), at: zone)
                }
            }
            return .int
        case .unknown(let name):
            throw failure("unknown function '\(name)' (this subset has \(Builtin.known.joined(separator: ", ")), has and the macros all, exists, exists_one, filter, map)", at: node)
        }
        throw failure("wrong call: \(usage)", at: node)
    }

    mutating func macro(_ c: Comprehension, at node: SyntaxNode) throws(Expression.Error) -> ValueType {
        let range = try check(c.range)
        let element: ValueType
        switch range {
        case .list(let e): element = e
        case .map(let key, _): element = key
        case .record: element = .string
        case .dyn: element = .dyn
        default: throw failure("\(c.macro.rawValue)() ranges over a list or a map, not \(range)", at: node)
        }
        locals.append((c.variable, element))
        defer { locals.removeLast() }
        if let filter = c.filter { try require(filter, .bool, "the predicate of map() must be a bool") }
        switch c.macro {
        case .all, .exists, .existsOne:
            try require(c.step, .bool, "the predicate of \(c.macro.rawValue)() must be a bool")
            return .bool
        case .filter:
            try require(c.step, .bool, "the predicate of filter() must be a bool")
            return .list(element)
        case .map:
            return .list(try check(c.step))
        }
    }
}

extension ValueType {
    var isList: Bool {
        if case .list = self { return true }
        return false
    }
}
