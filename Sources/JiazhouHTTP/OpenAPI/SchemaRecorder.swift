import JiazhouCore
import JiazhouService

/// Learns a `Decodable` type's JSON shape by decoding it from nothing: a
/// decoder that answers every question with a placeholder and writes down
/// what was asked. A member asked for through `contains` or `decodeNil`
/// (which `decodeIfPresent` does) is optional; any other is required.
///
/// The ledger's own value types (ids, scopes, hashes, times) refuse
/// placeholders, so they are recognised first and described by their
/// formats; string enums are listed by their cases.
enum SchemaRecorder {
    static func schema<T: Decodable>(of type: T.Type) -> Schema {
        let node = Node()
        do {
            _ = try RecordingDecoder(node: node).decodeValue(T.self)
        } catch {
            preconditionFailure("\(T.self) could not be described: \(error); teach SchemaRecorder its placeholder")
        }
        return node.schema
    }

    /// What one value turned out to be, filled in as the type decodes itself.
    final class Node {
        enum Kind { case unknown, leaf(Schema), object, array }
        var kind = Kind.unknown
        var members: [(name: String, node: Node)] = []
        var optional: Set<String> = []
        var element: Node?

        func member(_ name: String) -> Node {
            if let existing = members.first(where: { $0.name == name }) { return existing.node }
            let node = Node()
            members.append((name, node))
            return node
        }

        var schema: Schema {
            switch kind {
            case .unknown: .any
            case .leaf(let schema): schema
            case .object:
                .object(members.map { Schema.Property(name: $0.name, schema: $0.node.schema, required: !optional.contains($0.name)) })
            case .array: .array(element?.schema ?? .any)
            }
        }
    }

    /// A type whose decoding validates its text, with the schema and a valid placeholder.
    struct Known {
        var schema: Schema
        var placeholder: any Sendable
    }

    static func known(_ type: Any.Type) -> Known? {
        switch type {
        case is AccountID.Type:
            Known(schema: .string(pattern: "^(volunteer|merchant|issuer|sink|coordinator|operator):[A-Za-z0-9._/-]{1,120}$"), placeholder: AccountID.rootOperator)
        case is Scope.Type: Known(schema: .string(pattern: "^[a-z0-9-]{1,32}(/[a-z0-9-]{1,32}){0,4}$"), placeholder: Scope.placeholder)
        case is CertificateNumber.Type:
            Known(schema: .string(pattern: CertificateNumber.pattern), placeholder: CertificateNumber(typed: "JZ-0000-0000-0000-0000-0000-0000-0000")!)
        case is Hash.Type: Known(schema: .string(pattern: "^[0-9a-f]{64}$"), placeholder: TreeHasher.emptyRoot)
        case is Timestamp.Type: Known(schema: .string(format: "date-time"), placeholder: Timestamp(millisecondsSince1970: 0))
        case is JSONValue.Type: Known(schema: .any, placeholder: JSONValue.null)
        default: nil
        }
    }

    /// The cases of a `String`-backed enum, if `type` is one.
    static func stringCases<T>(_ type: T.Type) -> [T]? {
        guard let iterable = type as? any CaseIterable.Type else { return nil }
        let cases = allCases(iterable)
        guard !cases.isEmpty, cases.allSatisfy({ ($0 as? any RawRepresentable)?.rawValue is String }) else { return nil }
        return cases as? [T]
    }

    private static func allCases<C: CaseIterable>(_ type: C.Type) -> [Any] { Array(type.allCases) }
}

extension Scope {
    fileprivate static let placeholder = try! Scope("shizhong")
}
