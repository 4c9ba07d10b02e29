/// The values of an evaluation's variables, by name: what
/// ``Schema/bindings(from:)`` makes of a JSON object of facts, or built
/// directly (`Bindings(["minutes": .int(90)])`).
public struct Bindings: Sendable {
    /// Each variable's value, by name.
    public var values: [String: Value]

    /// Bindings with these values.
    public init(_ values: [String: Value] = [:]) {
        self.values = values
    }

    /// The value of the variable `name`, if bound.
    public subscript(name: String) -> Value? {
        get { values[name] }
        set { values[name] = newValue }
    }
}
