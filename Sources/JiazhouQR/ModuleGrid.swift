/// A square of modules under construction: each dark or light, and each
/// either part of a function pattern (finder, timing, alignment, format and
/// version information) or free for data. `x` is the column, `y` the row,
/// both from the top left.
struct ModuleGrid {
    let size: Int
    private(set) var dark: [Bool]
    private(set) var isFunction: [Bool]

    init(size: Int) {
        self.size = size
        dark = [Bool](repeating: false, count: size * size)
        isFunction = [Bool](repeating: false, count: size * size)
    }

    subscript(x: Int, y: Int) -> Bool {
        dark[y * size + x]
    }

    /// Sets a function module: data placement and masking leave it alone.
    mutating func setFunction(x: Int, y: Int, dark value: Bool) {
        dark[y * size + x] = value
        isFunction[y * size + x] = true
    }

    mutating func setData(x: Int, y: Int, dark value: Bool) {
        precondition(!isFunction[y * size + x], "data never overwrites a function pattern")
        dark[y * size + x] = value
    }

    func isFunction(x: Int, y: Int) -> Bool { isFunction[y * size + x] }

    /// Modules left for codewords and remainder bits.
    var freeModuleCount: Int { isFunction.count { !$0 } }

    /// Flips every data module where `mask` holds (§7.8.2).
    mutating func apply(_ mask: Mask) {
        for y in 0..<size {
            for x in 0..<size where !isFunction[y * size + x] && mask.flips(x: x, y: y) {
                dark[y * size + x].toggle()
            }
        }
    }
}
