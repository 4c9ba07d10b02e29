import Foundation
import JiazhouCore

/// The demo district read from `seeds/`: who exists, and the week they live.
struct DemoWorld {
    struct Person {
        var id: AccountID
        var name: String
        var phone: String?
        var scope: Scope
        var tags: [String]
        var budget: Int64?
    }

    struct Week: Decodable {
        struct Activity: Decodable {
            struct Participant: Decodable {
                var volunteer: String
                var minutes: Int64
            }
            var id: String
            var name: String
            var category: String
            var start: String
            var scope: String
            var tags: [String]
            var coordinator: String
            var participants: [Participant]
        }
        struct Correction: Decodable {
            var activity: String
            var volunteer: String
            var reason: String
        }
        var activities: [Activity]
        var corrections: [Correction]
    }

    struct Tree: Decodable {
        struct Node: Decodable {
            var id: String
            var name: String
            var communities: [Node]?
            var grids: [Node]?
        }
        var district: Node
        var streets: [Node]
    }

    var tree: Tree
    var issuers: [Person]
    var coordinators: [Person]
    var volunteers: [Person]
    var merchants: [Person]
    var week: Week

    /// Reads every seed file; says which file and line is wrong.
    init(directory: String) throws(LedgerError) {
        func text(_ name: String) throws(LedgerError) -> String {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw LedgerError(.invalid_request, "cannot read \(path); run the demo from the repository root or pass --seeds DIR")
            }
            return text
        }
        func decode<T: Decodable>(_ type: T.Type, _ name: String) throws(LedgerError) -> T {
            do { return try JSONDecoder().decode(T.self, from: Data(try text(name).utf8)) } catch let error as LedgerError { throw error } catch {
                throw LedgerError(.invalid_request, "\(name) is malformed: \(error)")
            }
        }
        tree = try decode(Tree.self, "world.json")
        week = try decode(Week.self, "week.json")
        issuers = try Self.rows(try text("issuers.csv"), file: "issuers.csv") { row throws(LedgerError) in
            let id = try AccountID(row["issuer"])
            return Person(id: id, name: id.name, scope: try Scope(id.name), tags: [], budget: Int64(row["budget"]))
        }
        coordinators = try Self.rows(try text("coordinators.csv"), file: "coordinators.csv") { row throws(LedgerError) in
            Person(id: try AccountID(row["coordinator"]), name: row["name"], scope: try Scope(row["scope"]), tags: [])
        }
        volunteers = try Self.rows(try text("volunteers.csv"), file: "volunteers.csv") { row throws(LedgerError) in
            Person(
                id: try AccountID("volunteer:\(row["volunteer"])"), name: row["name"], phone: row["phone"], scope: try Scope(row["scope"]),
                tags: row["tags"].split(separator: ";").map(String.init))
        }
        merchants = try Self.rows(try text("merchants.csv"), file: "merchants.csv") { row throws(LedgerError) in
            Person(id: try AccountID(row["merchant"]), name: row["name"], scope: try Scope(row["scope"]), tags: [row["kind"]])
        }
    }

    struct Row {
        var fields: [String: String]
        subscript(_ name: String) -> String { fields[name] ?? "" }
    }

    /// The seeds' CSV: a header line, comma-separated fields without quotes.
    static func rows<T>(_ text: String, file: String, _ make: (Row) throws(LedgerError) -> T) throws(LedgerError) -> [T] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard !lines.isEmpty else { return [] }
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var result: [T] = []
        for (i, line) in lines.enumerated() {
            let values = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard values.count == header.count else {
                throw LedgerError(.invalid_request, "\(file) line \(i + 2): \(values.count) fields, the header has \(header.count)")
            }
            do { result.append(try make(Row(fields: Dictionary(uniqueKeysWithValues: zip(header, values))))) } catch {
                throw LedgerError(error.reason, "\(file) line \(i + 2): \(error.message)")
            }
        }
        return result
    }

    /// Street names by id, for the summary.
    var streetNames: [String: String] {
        Dictionary(uniqueKeysWithValues: tree.streets.map { ($0.id, $0.name) })
    }

    /// Volunteer names by id, for the summary (the names stay off the chain).
    var volunteerNames: [AccountID: String] {
        Dictionary(uniqueKeysWithValues: volunteers.map { ($0.id, $0.name) })
    }
}
