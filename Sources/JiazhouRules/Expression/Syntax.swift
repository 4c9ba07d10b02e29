/// A node of the syntax tree the parser builds and the checker and
/// evaluator walk. Immutable; `offset` is the UTF-8 offset that errors about
/// this node point at (an operator, a field name, a function name).
struct SyntaxNode: Sendable {
    indirect enum Kind: Sendable {
        case literal(Value)
        case identifier(String)
        /// `target.field`.
        case select(SyntaxNode, field: String)
        /// `has(target.field)`.
        case presence(SyntaxNode, field: String)
        case index(SyntaxNode, SyntaxNode)
        case list([SyntaxNode])
        case map([(key: SyntaxNode, value: SyntaxNode)])
        case not(SyntaxNode)
        case negate(SyntaxNode)
        case binary(BinaryOperator, SyntaxNode, SyntaxNode)
        case and(SyntaxNode, SyntaxNode)
        case or(SyntaxNode, SyntaxNode)
        case conditional(SyntaxNode, SyntaxNode, SyntaxNode)
        /// A function call, receiver style (`s.startsWith(p)`) when `target` is set.
        case call(Builtin, target: SyntaxNode?, arguments: [SyntaxNode])
        case comprehension(Comprehension)
    }

    let kind: Kind
    let offset: Int
    /// Levels below and including this node; bounded by ``Limits/expressionDepth``
    /// so that every recursive walk of the tree has bounded depth.
    let height: Int

    init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
        self.height = 1 + kind.children.reduce(0) { max($0, $1.height) }
    }
}

extension SyntaxNode.Kind {
    var children: [SyntaxNode] {
        switch self {
        case .literal, .identifier: []
        case .select(let t, _), .presence(let t, _), .not(let t), .negate(let t): [t]
        case .index(let a, let b), .binary(_, let a, let b), .and(let a, let b), .or(let a, let b): [a, b]
        case .list(let items): items
        case .map(let entries): entries.flatMap { [$0.key, $0.value] }
        case .conditional(let a, let b, let c): [a, b, c]
        case .call(_, let target, let arguments): (target.map { [$0] } ?? []) + arguments
        case .comprehension(let c): [c.range, c.step] + (c.filter.map { [$0] } ?? [])
        }
    }
}

enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case `in`

    var isOrdering: Bool { [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(self) }
    var isArithmetic: Bool { [.add, .subtract, .multiply, .divide, .remainder].contains(self) }
}

/// The functions of this subset, resolved by name when parsing so that the
/// evaluator dispatches on an enum, not a string.
enum Builtin: Sendable, Equatable, CustomStringConvertible {
    case size, startsWith, endsWith, contains, timestamp
    case calendar(CalendarField)
    /// A name this subset does not define: the checker refuses it; unchecked
    /// evaluation fails when (and only if) the call is reached, as CEL does.
    case unknown(String)

    init(name: String) {
        switch name {
        case "size": self = .size
        case "startsWith": self = .startsWith
        case "endsWith": self = .endsWith
        case "contains": self = .contains
        case "timestamp": self = .timestamp
        default: self = CalendarField(rawValue: name).map(Builtin.calendar) ?? .unknown(name)
        }
    }

    var description: String {
        switch self {
        case .size: "size"
        case .startsWith: "startsWith"
        case .endsWith: "endsWith"
        case .contains: "contains"
        case .timestamp: "timestamp"
        case .calendar(let field): field.rawValue
        case .unknown(let name): name
        }
    }

    static let known = ["size", "startsWith", "endsWith", "contains", "timestamp"] + CalendarField.allCases.map(\.rawValue)
}

/// CEL's timestamp accessors; each takes an optional time zone.
enum CalendarField: String, Sendable, CaseIterable {
    case getFullYear, getMonth, getDate, getDayOfMonth, getDayOfWeek, getDayOfYear, getHours, getMinutes, getSeconds, getMilliseconds

    /// The accessor's reading of `t`, with CEL's bases: month, day of month
    /// and day of year count from 0; `getDate` from 1; Sunday is 0.
    func read(_ t: CivilTime) -> Int64 {
        switch self {
        case .getFullYear: t.year
        case .getMonth: t.month - 1
        case .getDate: t.day
        case .getDayOfMonth: t.day - 1
        case .getDayOfWeek: t.dayOfWeek
        case .getDayOfYear: t.dayOfYear
        case .getHours: t.hour
        case .getMinutes: t.minute
        case .getSeconds: t.second
        case .getMilliseconds: t.millisecond
        }
    }
}

/// A macro expanded at parse time: `range.all(variable, step)`, or
/// `range.map(variable, filter, step)` for map's three-argument form.
struct Comprehension: Sendable {
    enum Macro: String, Sendable {
        case all, exists, existsOne = "exists_one", filter, map
    }

    let macro: Macro
    let range: SyntaxNode
    let variable: String
    /// `map`'s optional predicate: elements for which it is false are skipped.
    let filter: SyntaxNode?
    /// The predicate (`all`, `exists`, `exists_one`, `filter`) or transform (`map`).
    let step: SyntaxNode
}
