import JiazhouCore

/// Tries one expression against facts given as JSON text, as
/// `jiazhou rules expr 'EXPR' [--facts JSON]` does, so that anyone can learn
/// the language by trying it. Without a declared schema, the variables and
/// their types are inferred from the facts (``Schema/inferred(from:)``), and
/// the expression is type-checked against them before it is evaluated.
///
/// ```swift
/// ExpressionTrial.run("size(volunteer.tags) * 10", facts: #"{"volunteer": {"tags": ["银龄"]}}"#)
/// // Outcome(output: "10", succeeded: true)
/// ```
public enum ExpressionTrial {
    /// What to print, and whether it is a value (exit 0) or an error (exit 1).
    public struct Outcome: Sendable, Equatable {
        /// On success the value as JSON (RFC 8785 form); on failure the error,
        /// its position, and the expression line with a caret under the column.
        public var output: String
        /// Whether `output` is a value.
        public var succeeded: Bool
    }

    /// Checks and evaluates `source` with the variables of `facts`, a JSON
    /// object (none when `nil`).
    public static func run(_ source: String, facts: String?) -> Outcome {
        let json: JSONValue
        do {
            json = try facts.map { try JSONParser.parse($0) } ?? .object([:])
        } catch {
            return Outcome(output: "--facts is not valid JSON: \(error)", succeeded: false)
        }
        guard json.objectValue != nil else {
            return Outcome(output: "--facts must be a JSON object of variables, like {\"x\": 1}, not \(json.typeName)", succeeded: false)
        }
        let schema = Schema.inferred(from: json)
        do {
            let expression = try Expression(source, schema: schema)
            let value = try expression.evaluate(try schema.bindings(from: json))
            return Outcome(output: String(decoding: CanonicalJSON.bytes(value.json), as: UTF8.self), succeeded: true)
        } catch let error as Expression.Error {
            return Outcome(output: report(error.description, error.position, source), succeeded: false)
        } catch let error as Evaluation.Error {
            return Outcome(output: report(error.description, error.position, source), succeeded: false)
        } catch {
            return Outcome(output: "\(error)", succeeded: false)
        }
    }

    /// The message, then the source line and the caret, indented.
    static func report(_ message: String, _ position: SourcePosition?, _ source: String) -> String {
        guard let position else { return message }
        let excerpt = position.caretLines(in: source).split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        return ([message] + excerpt).joined(separator: "\n")
    }
}
