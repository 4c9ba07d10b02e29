import JiazhouRPC
import Testing

@Suite struct LineFramerTests {
    static let stream = Array("first\n\nsecond line\r\nthird".utf8)

    private func frames(_ bytes: [UInt8], maxLineBytes: Int, chunkBytes: Int) -> [LineFramer.Frame] {
        var framer = LineFramer(maxLineBytes: maxLineBytes)
        var frames: [LineFramer.Frame] = []
        for start in stride(from: 0, to: bytes.count, by: chunkBytes) {
            framer.feed(Array(bytes[start..<min(start + chunkBytes, bytes.count)])) { frames.append($0) }
        }
        framer.finish { frames.append($0) }
        return frames
    }

    @Test(arguments: 1...12)
    func linesComeOutTheSameWhereverTheChunksEnd(chunkBytes: Int) {
        #expect(frames(Self.stream, maxLineBytes: 100, chunkBytes: chunkBytes) == [
            .line(Array("first".utf8)), .line([]), .line(Array("second line\r".utf8)), .line(Array("third".utf8)),
        ])
    }

    @Test(arguments: [1, 3, 64])
    func aLineOverTheLimitIsMeasuredNotKeptAndTheNextLineIsWhole(chunkBytes: Int) {
        let bytes = Array("12345\n123456\n\(String(repeating: "y", count: 1000))\nok\n".utf8)
        #expect(frames(bytes, maxLineBytes: 5, chunkBytes: chunkBytes) == [
            .line(Array("12345".utf8)), .tooLarge(bytes: 6), .tooLarge(bytes: 1000), .line(Array("ok".utf8)),
        ])
    }

    @Test func anOverlongLastLineWithoutNewlineIsStillReported() {
        #expect(frames(Array("abcdefgh".utf8), maxLineBytes: 4, chunkBytes: 3) == [.tooLarge(bytes: 8)])
    }

    @Test func noInputGivesNoLines() {
        #expect(frames([], maxLineBytes: 4, chunkBytes: 3).isEmpty)
    }
}
