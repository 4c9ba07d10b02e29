import JiazhouCore
import Testing

/// Tile paths and sizes exactly as C2SP tlog-tiles writes them, including
/// the spec's own examples; every other spelling of a tile is refused.
@Suite struct TileTests {
    @Test func indexesAreThreeDigitGroupsAllButTheLastPrefixedWithX() {
        #expect(Tile.encode(index: 1_234_067) == "x001/x234/067")
        #expect(Tile.encode(index: 0) == "000")
        #expect(Tile.encode(index: 5) == "005")
        #expect(Tile.encode(index: 1000) == "x001/000")
        #expect(Tile.encode(index: Int64.max) == "x009/x223/x372/x036/x854/x775/807")
    }

    @Test func pathsReadBackAsTheyAreWritten() throws {
        let cases: [(String, Tile.Kind, Int64, Int)] = [
            ("tile/0/x001/x234/067", .hashes(level: 0), 1_234_067, 256),
            ("tile/0/x001/x234/067.p/8", .hashes(level: 0), 1_234_067, 8),
            ("tile/63/000.p/1", .hashes(level: 63), 0, 1),
            ("tile/entries/x001/002.p/255", .entries, 1002, 255),
            ("tile/entries/000", .entries, 0, 256),
        ]
        for (path, kind, index, width) in cases {
            let tile = try #require(Tile(path: path[...]), "\(path)")
            #expect(tile.kind == kind && tile.index == index && tile.width == width, "\(path)")
            #expect(tile.path == path)
        }
    }

    @Test(arguments: [
        "tile/0/x1/2", "tile/0/1", "tile/0/0001", "tile/0/x000/005", "tile/0/005.p/0", "tile/0/005.p/256", "tile/0/005.p/257",
        "tile/0/005.p/08", "tile/00/000", "tile/64/000", "tile/-1/000", "tile/0/00a", "tile/0/../000", "tile/0/000/", "tile/0/",
        "tile/entries/", "tile/data/000", "tile/0/x001", "tile/0/001/x002", "tiles/0/000", "tile/0/x009/x223/x372/x036/x854/x775/808",
        "tile/0/x999/x999/x999/x999/x999/x999/x999/999", "tile/0/000.p", "tile/0/000.p/", "tile/0/000.q/5",
    ])
    func otherSpellingsAreRefused(_ path: String) {
        #expect(Tile(path: path[...]) == nil, "\(path)")
    }

    /// The spec's example: "a tree of size 70,000 will be represented by 273
    /// full level 0 tiles, one partial level 0 tile of width 112, one full
    /// level 1 tile, one partial level 1 tile of width 17, and one partial
    /// level 2 tile of width 1."
    @Test func aTreeOf70000LeavesHasTheSpecsTiles() {
        let hashes = Tile.all(inTreeOf: 70_000).filter { $0.kind != .entries }
        let level0 = hashes.filter { $0.kind == .hashes(level: 0) }
        #expect(level0.filter { !$0.isPartial }.count == 273)
        #expect(level0.filter(\.isPartial).map(\.width) == [112])
        #expect(hashes.filter { $0.kind == .hashes(level: 1) }.map(\.width) == [256, 17])
        #expect(hashes.filter { $0.kind == .hashes(level: 2) }.map(\.width) == [1])
        #expect(hashes.count == 273 + 1 + 2 + 1)
        #expect(Tile.all(inTreeOf: 70_000).filter { $0.kind == .entries }.count == 274)
        // "A tree of size 256 will be represented by a full level 0 tile and a partial level 1 tile of width 1."
        #expect(Tile.all(inTreeOf: 256).filter { $0.kind != .entries }.map(\.path) == ["tile/0/000", "tile/1/000.p/1"])
        #expect(Tile.all(inTreeOf: 0).isEmpty)
    }

    @Test func aTileExistsOnlyOnceTheTreeHoldsAllOfIt() throws {
        let partial = try #require(Tile(path: "tile/0/001.p/4"))
        #expect(!partial.exists(inTreeOf: 259))
        #expect(partial.exists(inTreeOf: 260))
        #expect(partial.exists(inTreeOf: 10_000))
        let level1 = try #require(Tile(path: "tile/1/000.p/2"))
        #expect(!level1.exists(inTreeOf: 511))
        #expect(level1.exists(inTreeOf: 512))
        // 2^63 - 1 leaves hold 127 subtrees of 256^7, and none of 256^8.
        #expect(try #require(Tile(path: "tile/7/000.p/127")).exists(inTreeOf: Int64.max))
        #expect(try #require(Tile(path: "tile/8/000.p/1")).exists(inTreeOf: Int64.max) == false)
        #expect(try #require(Tile(path: "tile/0/x009/x223/x372/x036/x854/x775/807")).exists(inTreeOf: Int64.max) == false)
    }
}
