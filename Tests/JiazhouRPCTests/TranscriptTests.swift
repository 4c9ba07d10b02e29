import Foundation
import JiazhouTesting
import Testing

/// The golden transcripts of `Transcripts/`: every method, every error code,
/// the batch rules, notifications, odd ids and hostile input, each stream
/// run twice — read 3 bytes at a time and 4 KiB at a time — for the same
/// bytes out. `JIAZHOU_BLESS=1 swift test --filter Transcript` rewrites the
/// expected lines from what the server says now: review the diff before
/// committing it.
@Suite struct TranscriptTests {
    static let names = ["envelope", "ids", "batches", "methods", "params", "refusals", "ordering", "limits"]
    static let directory = RepositoryFiles.root().appendingPathComponent("Tests/JiazhouRPCTests/Transcripts")
    static let blessing = ProcessInfo.processInfo.environment["JIAZHOU_BLESS"] == "1"

    @Test func everyTranscriptFileIsRun() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".jsonl") }
        #expect(Set(files) == Set(Self.names.map { $0 + ".jsonl" }))
    }

    @Test(arguments: names, [3, 4096])
    func transcriptGivesTheExpectedResponses(name: String, chunkBytes: Int) async throws {
        let url = Self.directory.appendingPathComponent(name + ".jsonl")
        let transcript = try Transcript(text: String(decoding: try Data(contentsOf: url), as: UTF8.self))
        if Self.blessing {
            if chunkBytes == 4096 { try await Self.bless(transcript, to: url) }
            return
        }
        #expect(!transcript.expected.isEmpty, "\(name) expects nothing")
        let actual = try await InProcessServer.run(lines: transcript.requests, maxLineBytes: transcript.maxLineBytes, chunkBytes: chunkBytes)
        let expected = transcript.expected
        if let first = zip(actual, expected).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
            Issue.record("\(name).jsonl, response \(first.offset + 1):\n  expected \(first.element.1)\n  actual   \(first.element.0)")
        }
        #expect(actual.count == expected.count, "\(name).jsonl: \(actual.count) responses, expected \(expected.count)")
    }

    /// Rewrites `url` with the responses each request gives now, found by
    /// running every prefix of the stream (each run is deterministic, and a
    /// response depends only on the lines before it).
    private static func bless(_ transcript: Transcript, to url: URL) async throws {
        var responses: [[String]] = []
        var before = 0
        for count in 1...transcript.requests.count {
            let lines = try await InProcessServer.run(lines: Array(transcript.requests.prefix(count)), maxLineBytes: transcript.maxLineBytes)
            responses.append(Array(lines[before...]))
            before = lines.count
        }
        try Data(transcript.rewritten(responses: responses).utf8).write(to: url)
    }
}
