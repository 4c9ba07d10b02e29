import Foundation
@testable import JiazhouRules
import Testing

/// One case of `Conformance/cel-spec-simple.cases` (the format is described
/// at the top of that file).
struct ConformanceCase: Sendable, CustomTestStringConvertible {
    enum Expectation: Sendable, Equatable {
        case value(String)
        case error(String)
        case checkError(String)
    }

    var name: String
    var line: Int
    var source = ""
    var variables: [(name: String, literal: String)] = []
    var checked = true
    var expectation: Expectation?

    var testDescription: String { name }

    /// The data file, found beside this folder whichever checkout it is in.
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Conformance/cel-spec-simple.cases")

    /// Every case, or the reason the file could not be read (a test reports it).
    static let loaded: Result<[ConformanceCase], ConformanceFileError> = {
        do {
            return .success(try parse(String(contentsOf: path, encoding: .utf8)))
        } catch let error as ConformanceFileError {
            return .failure(error)
        } catch {
            return .failure(ConformanceFileError(line: 0, message: "cannot read \(path.path): \(error)"))
        }
    }()

    static var all: [ConformanceCase] { (try? loaded.get()) ?? [] }

    static func parse(_ text: String) throws(ConformanceFileError) -> [ConformanceCase] {
        var cases: [ConformanceCase] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let (keyword, rest) = line.firstIndex(of: " ").map { (String(line[..<$0]), String(line[line.index(after: $0)...])) } ?? (line, "")
            if keyword == "case" {
                cases.append(ConformanceCase(name: rest, line: i + 1))
                continue
            }
            guard !cases.isEmpty else { throw ConformanceFileError(line: i + 1, message: "'\(keyword)' before any case") }
            switch keyword {
            case "expr": cases[cases.count - 1].source += (cases[cases.count - 1].source.isEmpty ? "" : "\n") + rest
            case "unchecked": cases[cases.count - 1].checked = false
            case "value": cases[cases.count - 1].expectation = .value(rest)
            case "error": cases[cases.count - 1].expectation = .error(rest)
            case "checkerror": cases[cases.count - 1].expectation = .checkError(rest)
            case "let":
                let parts = rest.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2 else { throw ConformanceFileError(line: i + 1, message: "let NAME = LITERAL") }
                cases[cases.count - 1].variables.append((parts[0], parts[1]))
            default:
                throw ConformanceFileError(line: i + 1, message: "unknown keyword '\(keyword)'")
            }
        }
        if let incomplete = cases.first(where: { $0.source.isEmpty || $0.expectation == nil }) {
            throw ConformanceFileError(line: incomplete.line, message: "case \(incomplete.name) needs an expr and an expectation")
        }
        return cases
    }
}

struct ConformanceFileError: Error, CustomStringConvertible {
    var line: Int
    var message: String
    var description: String { "cel-spec-simple.cases line \(line): \(message)" }
}
