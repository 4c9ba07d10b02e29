/// Draws a version's function patterns (ISO/IEC 18004:2015 §6.3): finders
/// with their separators, timing, alignment, the dark module, and the areas
/// of the format and version information, reserved until a mask is chosen.
enum FunctionPatterns {
    /// A grid of `version`'s size with every function pattern drawn.
    static func grid(version: Version) -> ModuleGrid {
        var grid = ModuleGrid(size: version.size)
        drawTiming(&grid)
        drawFinders(&grid)
        drawAlignment(&grid, centres: version.alignmentCentres)
        drawFormat(bits: 0, on: &grid)
        drawVersion(&grid, number: version.number)
        return grid
    }

    /// Row 6 and column 6 alternate dark and light, dark on even indices.
    private static func drawTiming(_ grid: inout ModuleGrid) {
        for index in 0..<grid.size {
            grid.setFunction(x: 6, y: index, dark: index % 2 == 0)
            grid.setFunction(x: index, y: 6, dark: index % 2 == 0)
        }
    }

    /// Three 7×7 finders with a light border (the separator) where it falls
    /// inside the symbol.
    private static func drawFinders(_ grid: inout ModuleGrid) {
        let far = grid.size - 4
        for (centreX, centreY) in [(3, 3), (far, 3), (3, far)] {
            for dy in -4...4 {
                for dx in -4...4 {
                    let x = centreX + dx, y = centreY + dy
                    guard (0..<grid.size).contains(x), (0..<grid.size).contains(y) else { continue }
                    let ring = max(abs(dx), abs(dy))
                    grid.setFunction(x: x, y: y, dark: ring != 2 && ring != 4)
                }
            }
        }
    }

    /// 5×5 alignment patterns at every pair of centres, except where one
    /// would overlap a finder.
    private static func drawAlignment(_ grid: inout ModuleGrid, centres: [Int]) {
        let last = centres.count - 1
        for (i, centreY) in centres.enumerated() {
            for (j, centreX) in centres.enumerated() {
                if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                for dy in -2...2 {
                    for dx in -2...2 {
                        grid.setFunction(x: centreX + dx, y: centreY + dy, dark: max(abs(dx), abs(dy)) != 1)
                    }
                }
            }
        }
    }

    /// The 15 format bits (§7.9.1), twice: around the top-left finder and
    /// split between the other two; bit 0 is the least significant. Also the
    /// dark module beside the bottom-left finder.
    static func drawFormat(bits: Int, on grid: inout ModuleGrid) {
        let size = grid.size
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
        for index in 0...5 { grid.setFunction(x: 8, y: index, dark: bit(index)) }
        grid.setFunction(x: 8, y: 7, dark: bit(6))
        grid.setFunction(x: 8, y: 8, dark: bit(7))
        grid.setFunction(x: 7, y: 8, dark: bit(8))
        for index in 9..<15 { grid.setFunction(x: 14 - index, y: 8, dark: bit(index)) }
        for index in 0..<8 { grid.setFunction(x: size - 1 - index, y: 8, dark: bit(index)) }
        for index in 8..<15 { grid.setFunction(x: 8, y: size - 15 + index, dark: bit(index)) }
        grid.setFunction(x: 8, y: size - 8, dark: true)
    }

    /// The 18 version bits (§7.10), versions 7 and up: a 6×3 block above the
    /// bottom-left finder and its mirror left of the top-right one.
    private static func drawVersion(_ grid: inout ModuleGrid, number: Int) {
        guard number >= 7 else { return }
        let bits = Information.versionBits(number)
        for index in 0..<18 {
            let dark = (bits >> index) & 1 == 1
            let across = grid.size - 11 + index % 3, down = index / 3
            grid.setFunction(x: across, y: down, dark: dark)
            grid.setFunction(x: down, y: across, dark: dark)
        }
    }
}
