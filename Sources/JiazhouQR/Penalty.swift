/// The penalty score of a masked symbol (ISO/IEC 18004:2015 §7.8.3): the
/// mask with the lowest score is the one used.
enum Penalty {
    static func score(_ grid: ModuleGrid) -> Int {
        let size = grid.size
        let rows = (0..<size).map { y in (0..<size).map { x in grid[x, y] } }
        let columns = (0..<size).map { x in (0..<size).map { y in grid[x, y] } }
        var total = 0
        for line in rows + columns { total += runs(line) + finderLookalikes(line) }
        total += blocks(grid)
        total += balance(grid)
        return total
    }

    /// Feature 1: each run of five or more modules of one colour in a row
    /// or column scores 3, plus 1 for each module past five.
    static func runs(_ line: [Bool]) -> Int {
        var score = 0
        var length = 0
        var colour = false
        for (index, module) in line.enumerated() {
            if index > 0 && module == colour {
                length += 1
            } else {
                if length >= 5 { score += length - 2 }
                colour = module
                length = 1
            }
        }
        if length >= 5 { score += length - 2 }
        return score
    }

    /// Feature 2: each 2×2 block of one colour scores 3 (blocks overlap, so
    /// an m×n area scores 3·(m−1)·(n−1)).
    static func blocks(_ grid: ModuleGrid) -> Int {
        var score = 0
        for y in 0..<(grid.size - 1) {
            for x in 0..<(grid.size - 1) {
                let colour = grid[x, y]
                if grid[x + 1, y] == colour && grid[x, y + 1] == colour && grid[x + 1, y + 1] == colour { score += 3 }
            }
        }
        return score
    }

    /// Feature 3: dark-light-dark-dark-dark-light-dark (1:1:3:1:1) with four
    /// light modules on either side scores 40. Beyond the symbol is the
    /// light quiet zone, so the line is read with four light modules added
    /// at each end.
    static func finderLookalikes(_ line: [Bool]) -> Int {
        let padded = [Bool](repeating: false, count: 4) + line + [Bool](repeating: false, count: 4)
        var score = 0
        for start in 0...(padded.count - 11) {
            let window = padded[start..<start + 11]
            if window.elementsEqual(lightFirst) || window.elementsEqual(lightLast) { score += 40 }
        }
        return score
    }

    private static let finder: [Bool] = [true, false, true, true, true, false, true]
    private static let light = [Bool](repeating: false, count: 4)
    private static let lightFirst = light + finder
    private static let lightLast = finder + light

    /// Feature 4: 10 for each full 5 % that the share of dark modules lies
    /// away from 50 %.
    static func balance(_ grid: ModuleGrid) -> Int {
        var dark = 0
        for y in 0..<grid.size {
            for x in 0..<grid.size where grid[x, y] { dark += 1 }
        }
        let total = grid.size * grid.size
        return abs(dark * 100 - total * 50) / (total * 5) * 10
    }
}
