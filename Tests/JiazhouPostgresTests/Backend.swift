import Foundation
import JiazhouService
import JiazhouTesting
import Testing

/// Where a test's ledger lives: the one parameter of the suites that run on both backends.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// A fresh place for a ledger: a file in a new folder, or a new database on
    /// the tests' PostgreSQL server; the key file is in the folder either way.
    func place() throws -> Place {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jiazhou-pgtest-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        switch self {
        case .sqlite: return Place(path: folder + "/ledger.sqlite", keyPath: folder + "/ledger.key", folder: folder)
        case .postgres: return Place(path: try PostgresServer.shared().createDatabase(), keyPath: folder + "/ledger.key", folder: folder)
        }
    }

    struct Place: Sendable {
        let path: String
        let keyPath: String
        let folder: String

        /// The database's name on the tests' server (for psql).
        var database: String { URLComponents(string: path).map { String($0.path.dropFirst()) } ?? "" }

        func remove() { try? FileManager.default.removeItem(atPath: folder) }
    }

    /// The test district on a fresh ledger here.
    func ledger(rules: String? = nil) async throws -> (TestLedger, Place) {
        let place = try place()
        return (try await TestLedger.make(atPath: place.path, keyPath: place.keyPath, rules: rules), place)
    }
}
