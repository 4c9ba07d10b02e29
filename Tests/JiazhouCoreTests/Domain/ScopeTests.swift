import JiazhouCore
import Testing

@Suite("Scope")
struct ScopeTests {
    @Test(arguments: [
        ("shizhong", ["shizhong"]),
        ("shizhong/tongjiang/baiyang", ["shizhong", "tongjiang", "baiyang"]),
        ("shizhong/tongjiang/baiyang/g01/compound-7", ["shizhong", "tongjiang", "baiyang", "g01", "compound-7"]),
        (String(repeating: "a", count: 32), [String(repeating: "a", count: 32)]),
    ])
    func aValidPathParsesIntoItsSegments(path: String, segments: [String]) throws {
        let scope = try Scope(path)
        #expect(scope.segments == segments)
        #expect(scope.depth == segments.count)
        #expect(scope.path == path)
    }

    @Test(arguments: [
        "", "/", "shizhong/", "/shizhong", "shizhong//baiyang",
        "Shizhong",  // lowercase only
        "shi zhong", "shi_zhong", "shi.zhong", "石中",
        String(repeating: "a", count: 33),  // a segment is at most 32 bytes
        "a/b/c/d/e/f",  // at most five levels
    ])
    func aMalformedPathIsRejected(_ path: String) {
        let error = #expect(throws: LedgerError.self) { try Scope(path) }
        #expect(error?.reason == .invalid_request)
    }

    @Test(arguments: [
        ("shizhong", "shizhong", true),
        ("shizhong", "shizhong/tongjiang/baiyang", true),
        ("shizhong/tongjiang", "shizhong/tongjiang/baiyang/g01", true),
        ("shizhong/tongjiang/baiyang", "shizhong/tongjiang", false),  // a parent is not inside its child
        ("shizhong/tongjiang", "shizhong/tongjiang2", false),  // segments, not string prefixes
        ("shizhong/tongjiang", "shizhong/baiyang/tongjiang", false),
        ("shizhong", "shizhong2/tongjiang", false),
        ("other", "shizhong", false),
    ])
    func aScopeContainsItselfAndWhatLiesBelowIt(outer: String, inner: String, expected: Bool) throws {
        #expect(try Scope(outer).contains(Scope(inner)) == expected)
    }

    @Test func ancestorsRunFromDeepestToTheRoot() throws {
        let scope = try Scope("shizhong/tongjiang/baiyang")
        #expect(scope.selfAndAncestors.map(\.path) == ["shizhong/tongjiang/baiyang", "shizhong/tongjiang", "shizhong"])
        #expect(scope.root.path == "shizhong")
    }
}
