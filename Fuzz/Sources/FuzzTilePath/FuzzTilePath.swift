import FuzzSupport
import JiazhouCore

/// Tile paths as `GET /tlog/tile/…` reads them from anyone (C2SP tlog-tiles).
///
/// Properties: nothing traps; a path that parses is exactly the path its
/// tile writes (one name per tile), with a level of 0…63 and a width of
/// 1…256; asking whether it exists in a tree of any size, and where its
/// hashes start, never traps (indexes near Int64.max included).
@main
enum FuzzTilePath {
    static func main() {
        runFuzzer { data, size in
            FuzzTilePath.check(inputBytes(data, size))
            return 0
        }
    }

    static let sizes: [Int64] = [0, 1, 255, 256, 257, 65_536, 70_000, 1 << 40, Int64.max - 1, Int64.max]

    static func check(_ input: [UInt8]) {
        guard let text = validText(input) else { return }
        guard let tile = Tile(path: text[...]) else { return }
        require(tile.path == text, "\(text.debugDescription) parsed as the tile \(tile.path)")
        require((1...Tile.fullWidth).contains(tile.width) && tile.index >= 0, "\(text) has width \(tile.width), index \(tile.index)")
        if case .hashes(let level) = tile.kind { require((0...Tile.maxLevel).contains(level), "\(text) has level \(level)") }
        for size in sizes {
            let exists = tile.exists(inTreeOf: size)
            if exists, let positions = tile.positions {
                require(positions.upperBound <= Tile.available(at: tile.kind, size: size), "\(text) exists past the tree of \(size)")
            }
        }
    }
}
