/// Functions: `size`, the string tests, `timestamp` and the timestamp
/// accessors. Arguments are evaluated first (CEL is strict in them).
///
/// Every string a function reads costs its size in steps (one per 16 bytes,
/// as ``Value/size(upTo:)`` counts it), and none reads more than a constant
/// number of times its operands' bytes, so that the step budget bounds the
/// time of a call whatever strings it is given.
extension Evaluator {
    mutating func call(_ builtin: Builtin, target: SyntaxNode?, arguments: [SyntaxNode], at node: SyntaxNode) throws(Fault) -> Value {
        if case .unknown(let name) = builtin {
            throw Fault(.unboundFunction, "unknown function '\(name)'", at: node.offset)
        }
        let receiver = try target.map { node throws(Fault) in try evaluate(node) }
        // No call takes more than one argument; reading it into a local saves an array per call.
        guard arguments.count <= 1 else { throw arity(builtin, at: node) }
        let argument = try arguments.first.map { node throws(Fault) in try evaluate(node) }
        try spend(reading: receiver, argument, at: node)
        switch (builtin, receiver, argument) {
        case (.size, let operand?, nil), (.size, nil, let operand?):
            switch operand {
            case .string(let s): return .int(Int64(s.unicodeScalars.count))
            case .list(let items): return .int(Int64(items.count))
            case .map(let map): return .int(Int64(map.count))
            default: throw Fault(.noMatchingOverload, "size() measures a string, list or map, not \(operand.typeName)", at: node.offset)
            }
        case (.startsWith, .string(let s)?, .string(let part)?):
            return .bool(s.utf8.starts(with: part.utf8))
        case (.endsWith, .string(let s)?, .string(let part)?):
            return .bool(s.utf8.count >= part.utf8.count && s.utf8.suffix(part.utf8.count).elementsEqual(part.utf8))
        case (.contains, .string(let s)?, .string(let part)?):
            return .bool(Self.bytes(Array(s.utf8), contain: Array(part.utf8)))
        case (.timestamp, nil, .string(let text)?):
            guard let instant = Instant(rfc3339: text) else {
                throw Fault(.invalidArgument, "\"\(text)\" is not an RFC 3339 time from year 1 to 9999, like 2026-11-23T08:30:00+08:00", at: node.offset)
            }
            return .timestamp(instant)
        case (.timestamp, nil, .timestamp?):
            return argument!
        case (.calendar(let field), .timestamp(let instant)?, nil):
            return .int(field.read(instant.civil(offsetSeconds: 0)))
        case (.calendar(let field), .timestamp(let instant)?, .string(let zone)?):
            guard let offset = TimeZoneOffset.seconds(zone) else {
                throw Fault(.invalidArgument, TimeZoneOffset.refusal(zone), at: arguments[0].offset)
            }
            return .int(field.read(instant.civil(offsetSeconds: offset)))
        default:
            let types = ([receiver].compactMap { $0 } + [argument].compactMap { $0 }).map(\.typeName)
            throw Fault(.noMatchingOverload, "\(builtin)() does not apply to (\(types.joined(separator: ", ")))", at: node.offset)
        }
    }

    private func arity(_ builtin: Builtin, at node: SyntaxNode) -> Fault {
        Fault(.noMatchingOverload, "\(builtin)() takes at most one argument", at: node.offset)
    }

    /// Substring search on UTF-8 bytes: the same as by code point, since
    /// UTF-8 never matches in the middle of a character. Knuth–Morris–Pratt,
    /// linear in both lengths whatever they hold: the naive search took
    /// haystack × needle (`'aaa…a'.contains('aa…ab')`), seconds within the
    /// step budget (found by the FuzzExpression fuzz target).
    static func bytes(_ haystack: [UInt8], contain needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count else { return false }
        // failure[i]: the longest proper prefix of needle[0...i] that is also its suffix.
        var failure = [Int](repeating: 0, count: needle.count)
        var matched = 0
        for i in 1..<needle.count {
            while matched > 0, needle[i] != needle[matched] { matched = failure[matched - 1] }
            if needle[i] == needle[matched] { matched += 1 }
            failure[i] = matched
        }
        matched = 0
        for byte in haystack {
            while matched > 0, byte != needle[matched] { matched = failure[matched - 1] }
            if byte == needle[matched] { matched += 1 }
            if matched == needle.count { return true }
        }
        return false
    }
}
