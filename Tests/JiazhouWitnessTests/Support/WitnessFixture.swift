import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import JiazhouWitness
import Logging

let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

/// A witness key from a fixed seed, so that every run signs alike.
func witnessKey(_ n: Int) throws -> CosignatureSigner {
    try CosignatureSigner(name: "witness.test/w\(n)", seed: Array(repeating: UInt8(n), count: 32))
}

/// A temporary folder, removed by `remove()`.
struct Scratch {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("jiazhou-witness-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A witness over a state file, for `ledger`'s origin and key, at a fixed time.
func makeWitness(_ key: CosignatureSigner, statePath: String, ledger: LedgerService, time: UInt64 = 1_796_000_000) throws -> Witness {
    try Witness(
        signer: key, logs: [try WitnessLog(origin: ledger.origin, verifierKey: ledger.verifierKey)], state: try WitnessState(path: statePath),
        now: { time }, logger: quiet)
}

/// Awards `volunteer` once more: one more entry and a new checkpoint.
func grow(_ ledger: TestLedger, volunteer: Int = 1, id: String = UUID().uuidString) async throws {
    _ = try await ledger.service.award(
        AwardRequest(volunteer: TestLedger.volunteer(volunteer), activity: TestLedger.activity(id, minutes: 60)), actor: TestLedger.baiyangOffice,
        key: nil)
}

/// Polls `condition` every 50 ms until it holds or `seconds` pass (generous: the whole suite may be running beside it).
func eventually(seconds: Double = 60, _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return try await condition()
}
