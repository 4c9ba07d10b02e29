/// The values of an evaluation's variables, by name: what
/// ``Schema/bindings(from:)`` makes of a JSON object of facts, or built
/// directly (`Bindings(["minutes": .int(90)])`).
///
/// Kept as two parallel arrays searched in order: expressions have a handful
/// of variables, and comparing short names beats hashing them on every
/// lookup of every evaluation.
public struct Bindings: Sendable {
    private var names: [String] = []
    private var bound: [Value] = []

    /// Bindings with these values.
    public init(_ values: [String: Value] = [:]) {
        for (name, value) in values { self[name] = value }
    }

    /// Bindings of distinct names, in the order given.
    init(distinct pairs: KeyValuePairs<String, Value>) {
        names = pairs.map(\.key)
        bound = pairs.map(\.value)
    }

    /// Each variable's value, by name.
    public var values: [String: Value] {
        Dictionary(uniqueKeysWithValues: zip(names, bound))
    }

    /// The value of the variable `name`, if bound.
    public subscript(name: String) -> Value? {
        get {
            for i in names.indices where names[i] == name { return bound[i] }
            return nil
        }
        set {
            if let i = names.firstIndex(of: name) {
                if let newValue { bound[i] = newValue } else {
                    names.remove(at: i)
                    bound.remove(at: i)
                }
            } else if let newValue {
                names.append(name)
                bound.append(newValue)
            }
        }
    }
}
