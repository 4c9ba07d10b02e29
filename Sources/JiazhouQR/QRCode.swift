/// A QR code symbol (ISO/IEC 18004:2015, model 2): the text in byte mode at
/// error correction level M, in the smallest version that holds it, with
/// the mask of least penalty. Pure: the same text gives the same modules.
///
/// ```swift
/// let code = try QRCode(encoding: "https://points.example/#t=jz_…")
/// let svg = code.svg()          // for a page or a printed card
/// code.isDark(x: 0, y: 0)       // true: a finder's corner
/// ```
public struct QRCode: Sendable, Equatable {
    /// 1 to 40; a symbol is `17 + 4 × version` modules on a side.
    public let version: Int
    /// The mask used, 0 to 7 (Table 10).
    public let mask: Int
    /// Modules on a side, without the quiet zone.
    public let size: Int
    /// Row by row from the top left: `true` is dark.
    private let modules: [Bool]

    /// The largest text a symbol holds at level M: version 40's 2 331 bytes.
    public static let maximumBytes = Version(40).byteCapacity

    /// Encodes `text` as its UTF-8 bytes.
    public init(encoding text: String, minimumVersion: Int = 1, mask: Int? = nil) throws(QRError) {
        try self.init(bytes: Array(text.utf8), minimumVersion: minimumVersion, mask: mask)
    }

    /// Encodes `bytes` in one byte-mode segment. `minimumVersion` (1–40)
    /// keeps a symbol from being smaller; `mask` (0–7) fixes the mask
    /// instead of choosing it by penalty (for tests against a reference).
    public init(bytes: [UInt8], minimumVersion: Int = 1, mask: Int? = nil) throws(QRError) {
        precondition(Version.range.contains(minimumVersion), "QR versions are 1 to 40")
        precondition(mask.map { (0...7).contains($0) } ?? true, "QR masks are 0 to 7")
        guard let version = Version.smallest(holding: bytes.count, from: minimumVersion) else {
            throw QRError(byteCount: bytes.count, capacity: Self.maximumBytes)
        }
        var grid = Self.place(Codewords.make(bytes: bytes, version: version), on: FunctionPatterns.grid(version: version))
        let chosen = mask.map(Mask.init) ?? Self.leastPenalty(grid)
        Self.finish(&grid, mask: chosen)
        self.version = version.number
        self.mask = chosen.reference
        size = version.size
        modules = (0..<grid.size * grid.size).map { grid[$0 % grid.size, $0 / grid.size] }
    }

    /// Whether the module at column `x`, row `y` (from the top left) is dark.
    public func isDark(x: Int, y: Int) -> Bool {
        precondition((0..<size).contains(x) && (0..<size).contains(y), "the module must lie inside the symbol")
        return modules[y * size + x]
    }

    /// The modules row by row, `true` for dark.
    public var rows: [[Bool]] {
        (0..<size).map { y in Array(modules[y * size..<(y + 1) * size]) }
    }

    /// Codeword bits go up and down two-module columns from the bottom
    /// right, skipping the vertical timing column and every function module
    /// (§7.7.3); the remainder bits left over stay light (they are zeros).
    static func place(_ codewords: [UInt8], on grid: ModuleGrid) -> ModuleGrid {
        var grid = grid
        let size = grid.size
        let bitCount = codewords.count * 8
        var index = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            let upward = (right + 1) & 2 == 0
            for step in 0..<size {
                let y = upward ? size - 1 - step : step
                for x in [right, right - 1] where !grid.isFunction(x: x, y: y) && index < bitCount {
                    grid.setData(x: x, y: y, dark: (codewords[index / 8] >> (7 - index % 8)) & 1 == 1)
                    index += 1
                }
            }
            right -= 2
        }
        precondition(index == bitCount, "every codeword has its place")
        return grid
    }

    /// Tries each mask with its format information drawn, as a reader
    /// will see it, and keeps the first of lowest penalty.
    static func leastPenalty(_ grid: ModuleGrid) -> Mask {
        var best = (mask: Mask(0), score: Int.max)
        for mask in Mask.all {
            var masked = grid
            finish(&masked, mask: mask)
            let score = Penalty.score(masked)
            if score < best.score { best = (mask, score) }
        }
        return best.mask
    }

    /// Masks the data and draws `mask`'s format information.
    static func finish(_ grid: inout ModuleGrid, mask: Mask) {
        grid.apply(mask)
        FunctionPatterns.drawFormat(bits: Information.formatBits(mask: mask), on: &grid)
    }
}
