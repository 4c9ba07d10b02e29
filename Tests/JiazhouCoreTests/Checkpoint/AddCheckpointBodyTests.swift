import Foundation
import JiazhouCore
import Testing

/// The add-checkpoint body parser on the fuzz target's seed corpus
/// (`Fuzz/corpus/witness-body`), with FuzzWitnessBody's properties.
@Suite struct AddCheckpointBodyTests {
    static let corpus = Vectors.directory.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz/corpus/witness-body")

    static var seeds: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).sorted()
    }

    @Test(arguments: seeds)
    func aParsedBodyWritesBackAsItsBytes(_ seed: String) throws {
        let bytes = Array(try Data(contentsOf: Self.corpus.appendingPathComponent(seed)))
        guard let body = try? AddCheckpointBody(parsing: bytes) else {
            #expect(seed.hasPrefix("refused-"), "seed \(seed) should parse")
            return
        }
        #expect(Array(body.text.utf8) == bytes)
        #expect(body.proof.count <= AddCheckpointBody.maxProofLines)
    }

    @Test func theSpecsExampleReadsAsItsParts() throws {
        let texts = try Self.seeds.map { try String(contentsOf: Self.corpus.appendingPathComponent($0), encoding: .utf8) }
        let example = try #require(texts.first { $0.hasPrefix("old 20852014\n") })
        let body = try AddCheckpointBody(parsing: Array(example.utf8))
        #expect(body.old == 20_852_014)
        #expect(body.proof.count == 4)
        #expect(try Checkpoint(body: try SignedNote(parsing: body.note).text).size == 20_852_163)
    }

    @Test func aBodyOverTheLimitIsRefused() {
        #expect(throws: LedgerError.self) { try AddCheckpointBody(parsing: Array(repeating: UInt8(ascii: "A"), count: AddCheckpointBody.maxBytes + 1)) }
    }
}
