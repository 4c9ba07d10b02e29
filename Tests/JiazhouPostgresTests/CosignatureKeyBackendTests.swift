import Foundation
import JiazhouCore
import JiazhouService
import JiazhouStorage
import JiazhouTesting
import Testing

/// `v11-cosignature-keys` on both backends: each kept cosignature carries
/// the verifier key that checked it, and a ledger whose rows were kept
/// before the column existed still opens, its old rows without a key.
@Suite(.timeLimit(.minutes(5))) struct CosignatureKeyBackendTests {
    /// A witness key from a fixed seed: `witness.test/a`, `witness.test/b`.
    private static func witness(_ letter: String, seed: UInt8) throws -> CosignatureSigner {
        try CosignatureSigner(name: "witness.test/\(letter)", seed: Array(repeating: seed, count: 32))
    }

    /// Cosigns the ledger's latest checkpoint as `witness` at `time`, through the service.
    @discardableResult
    private func cosign(_ service: LedgerService, _ witness: CosignatureSigner, time: UInt64) async throws -> StoredCosignature {
        let size = try service.latestCheckpointSize()
        let body = try SignedNote(parsing: try service.checkpoint(CheckpointGetRequest(size: size)).note).text
        return try await service.keepCosignature(witness.signatureLine(for: body, timestamp: time), size: size, witness: witness.verifier)
    }

    @Test(arguments: Backend.allCases)
    func aNewCosignatureStoresAndReturnsItsWitnesssKey(backend: Backend) async throws {
        let (ledger, place) = try await backend.ledger()
        defer { place.remove() }
        let a = try Self.witness("a", seed: 0xA1)
        let kept = try await cosign(ledger.service, a, time: 1_796_000_000)
        #expect(kept.verifierKey == a.verifier.verifierKey)
        let stored = try ledger.service.store.read { try $0.cosignatures(size: kept.size) }
        #expect(stored == [kept])
        let reopened = try LedgerService.open(path: place.path, keyPath: place.keyPath)
        #expect(try reopened.info().witnesses?.map(\.verifierKey) == [a.verifier.verifierKey])
    }

    @Test(arguments: Backend.allCases)
    func aLedgerMadeBeforeTheKeysOpensWithItsOldRowsKeyless(backend: Backend) async throws {
        let (ledger, place) = try await backend.ledger()
        defer { place.remove() }
        let (a, b) = (try Self.witness("a", seed: 0xA1), try Self.witness("b", seed: 0xB2))
        let old = try await cosign(ledger.service, a, time: 1_796_000_000)
        let note = try ledger.service.cosignedCheckpoint()
        // As a ledger of the version before v11: no column, no record of the migration.
        try backend.takeBackCosignatureKeys(place)

        let readonly = try LedgerService.open(path: place.path, keyPath: place.keyPath, readonly: true)
        let shown = try #require(try readonly.info().witnesses)
        #expect(shown.map(\.witness) == [old.witness] && shown.map(\.size) == [old.size] && shown.map(\.verifierKey) == [nil])
        #expect(try backend.hasKeyColumn(place) == false, "read-only leaves the ledger as it is")

        let reopened = try LedgerService.open(path: place.path, keyPath: place.keyPath)
        #expect(try backend.hasKeyColumn(place))
        #expect(try reopened.store.read { try $0.cosignatures(size: old.size) }.map(\.verifierKey) == [nil])
        #expect(try reopened.cosignedCheckpoint() == note, "the old line is still served")
        let new = try await cosign(reopened, b, time: 1_796_000_100)
        #expect(try reopened.info().witnesses?.map(\.verifierKey) == [nil, b.verifier.verifierKey])
        let keyless = StoredCosignature(witness: old.witness, size: old.size, line: old.line, timestamp: old.timestamp, verifierKey: nil)
        #expect(try reopened.store.read { try $0.cosignatures(size: new.size) } == [keyless, new])
        // The old witness's next cosignature of the same size replaces its row, key and all.
        try await cosign(reopened, a, time: 1_796_000_200)
        #expect(try reopened.info().witnesses?.map(\.verifierKey) == [a.verifier.verifierKey, b.verifier.verifierKey])
    }

    @Test(arguments: Backend.allCases)
    func theSchemaRefusesAKeyThatNamesAnotherWitness(backend: Backend) async throws {
        let (ledger, place) = try await backend.ledger()
        defer { place.remove() }
        let (a, b) = (try Self.witness("a", seed: 0xA1), try Self.witness("b", seed: 0xB2))
        let kept = try await cosign(ledger.service, a, time: 1_796_000_000)
        let other = b.verifier.verifierKey
        #expect(throws: (any Error).self) { try backend.run(place, "UPDATE cosignatures SET verifier_key = '\(other)'") }
        #expect(throws: (any Error).self) { try backend.run(place, "UPDATE cosignatures SET verifier_key = '\(kept.witness)'") }
        #expect(try ledger.service.store.read { try $0.cosignatures(size: kept.size) } == [kept])
    }
}

extension Backend {
    /// Runs `sql` on the place's database with the backend's own shell; throws if it fails.
    func run(_ place: Place, _ sql: String) throws {
        switch self {
        case .sqlite:
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            process.arguments = [place.path, sql]
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw ShellRefused(sql: sql) }
        case .postgres:
            _ = try PostgresServer.shared().psql(place.database, sql)
        }
    }

    /// Takes `v11-cosignature-keys` back out: the column and the record of its migration.
    func takeBackCosignatureKeys(_ place: Place) throws {
        switch self {
        case .sqlite:
            try run(place, "ALTER TABLE cosignatures DROP COLUMN verifier_key; DELETE FROM grdb_migrations WHERE identifier = 'v11-cosignature-keys'")
        case .postgres:
            try run(place, "ALTER TABLE cosignatures DROP COLUMN verifier_key; DELETE FROM schema_versions WHERE version = 'v11-cosignature-keys'")
        }
    }

    func hasKeyColumn(_ place: Place) throws -> Bool {
        switch self {
        case .sqlite:
            let process = Process()
            let output = Pipe()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            process.arguments = [place.path, "SELECT count(*) FROM pragma_table_info('cosignatures') WHERE name = 'verifier_key'"]
            process.standardOutput = output
            try process.run()
            process.waitUntilExit()
            return String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
        case .postgres:
            let sql = "SELECT count(*) FROM information_schema.columns WHERE table_name = 'cosignatures' AND column_name = 'verifier_key'"
            return try PostgresServer.shared().psql(place.database, sql).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
        }
    }
}

struct ShellRefused: Error {
    let sql: String
}
