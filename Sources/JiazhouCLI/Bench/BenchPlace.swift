import Foundation
import JiazhouPostgres
import JiazhouStore

/// Where `jiazhou bench` keeps its ledger and measures its yardsticks: files
/// in a folder (SQLite), or an empty PostgreSQL database (`--db
/// postgres://…`) with the key file in the folder. Each yardstick is measured
/// on the same backend as the ledger, so that a ratio compares like with like.
enum BenchPlace {
    case sqlite(folder: String)
    case postgres(url: String, folder: String)

    var folder: String {
        switch self {
        case .sqlite(let folder), .postgres(_, let folder): folder
        }
    }

    /// The ledger, as `--db` names it.
    var ledger: String {
        switch self {
        case .sqlite(let folder): folder + "/ledger.sqlite"
        case .postgres(let url, _): url
        }
    }

    var key: String { folder + "/ledger.key" }

    var isPostgres: Bool {
        if case .postgres = self { return true }
        return false
    }

    /// What the figures are measured against, for the first line of the report.
    var description: String {
        switch self {
        case .sqlite(let folder): "SQLite, in \(folder)"
        case .postgres(let url, _): "PostgreSQL, \((try? PostgresLocation(url: url))?.description ?? url)"
        }
    }

    /// The same bytes inserted into a bare table of this backend, in one transaction.
    func plainInsert(_ nextChunk: () throws -> [(seq: Int64, bytes: [UInt8])]?) throws -> Double {
        switch self {
        case .sqlite(let folder): try PlainBaseline(path: folder + "/plain.sqlite").insertInOneTransaction(nextChunk)
        case .postgres(let url, _): try PostgresPlainBaseline(try PostgresLocation(url: url)).insertInOneTransaction(nextChunk)
        }
    }

    /// Primary-key selects of one row of a bare accounts-like table of this backend.
    func pointSelects(rows: Int, count: Int, key: (Int) -> String) throws -> Double {
        switch self {
        case .sqlite(let folder): try PlainBaseline(path: folder + "/plain-select.sqlite").pointSelects(rows: rows, count: count, key: key)
        case .postgres(let url, _): try PostgresPlainBaseline(try PostgresLocation(url: url)).pointSelects(rows: rows, count: count, key: key)
        }
    }
}
