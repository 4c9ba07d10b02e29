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
        /// The type decoded here, if it states its constraints.
        var constraining: (any SchemaConstraining.Type)?

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
            case .object: objectSchema
            case .array: .array(element?.schema ?? .any)
            }
        }

        /// The members, narrowed by ``constraining``'s constraints and split into its shapes.
        private var objectSchema: Schema {
            let constraints = constraining?.memberConstraints ?? [:]
            let properties = members.map { member in
                let schema = constraints[member.name].map { $0.applied(to: member.node.schema) } ?? member.node.schema
                return Schema.Property(name: member.name, schema: schema, required: !optional.contains(member.name))
            }
            assert(Set(constraints.keys).isSubset(of: members.map(\.name)), "\(constraining!) constrains a member it does not decode")
            let shapes = constraining?.shapes ?? []
            return shapes.isEmpty ? .object(properties) : .oneOf(shapes.map { $0.applied(to: properties) })
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
            Known(schema: DomainPatterns.accountID(), placeholder: AccountID.rootOperator)
        case is Scope.Type: Known(schema: DomainPatterns.scope, placeholder: Scope.placeholder)
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
