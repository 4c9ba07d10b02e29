import Foundation
import JiazhouRPC

/// A golden transcript: request lines and the response lines expected for
/// them, in `Transcripts/*.jsonl`.
///
/// ```
/// # a comment
/// @max-line 512                 the server's --max-line for this transcript
/// > {"jsonrpc":"2.0",…}         a request line, sent as written
/// >hex 7bff7d                   a request line given as hex bytes (invalid UTF-8, …)
/// >pad 600 {"id":"PAD"}         a request line with PAD replaced by 600 'x'
/// < {"jsonrpc":"2.0",…}         the next expected response line
/// ```
/// All request lines form one stream; all response lines must come out in
/// the order written. Each request is followed by what it alone gives (none
/// for a notification), which is how `JIAZHOU_BLESS=1` rewrites a file.
struct Transcript {
    enum Step: Equatable {
        /// A request line's bytes, and the transcript line that gave them.
        case send([UInt8], source: String)
        case expect(String)
        /// A comment or directive, kept as written.
        case other(String)
    }

    var maxLineBytes = RPCLimits.defaultMaxLineBytes
    var steps: [Step] = []

    var requests: [[UInt8]] { steps.compactMap { if case .send(let bytes, _) = $0 { bytes } else { nil } } }
    var expected: [String] { steps.compactMap { if case .expect(let line) = $0 { line } else { nil } } }

    init(text: String) throws {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("> ") {
                steps.append(.send(Array(line.dropFirst(2).utf8), source: line))
            } else if line.hasPrefix(">hex ") {
                let hex = Array(line.dropFirst(5).utf8)
                guard hex.count % 2 == 0 else { throw Malformed(line: line) }
                let bytes = try stride(from: 0, to: hex.count, by: 2).map { i in
                    guard let byte = UInt8(String(decoding: hex[i..<i + 2], as: UTF8.self), radix: 16) else { throw Malformed(line: line) }
                    return byte
                }
                steps.append(.send(bytes, source: line))
            } else if line.hasPrefix(">pad ") {
                let parts = line.dropFirst(5).split(separator: " ", maxSplits: 1)
                guard parts.count == 2, let count = Int(parts[0]) else { throw Malformed(line: line) }
                steps.append(.send(Array(parts[1].replacingOccurrences(of: "PAD", with: String(repeating: "x", count: count)).utf8), source: line))
            } else if line.hasPrefix("< ") {
                steps.append(.expect(String(line.dropFirst(2))))
            } else if line.hasPrefix("@max-line ") {
                guard let limit = Int(line.dropFirst(10)) else { throw Malformed(line: line) }
                maxLineBytes = limit
                steps.append(.other(line))
            } else if line.hasPrefix("#") || line.isEmpty {
                steps.append(.other(line))
            } else {
                throw Malformed(line: line)
            }
        }
        while steps.last == .other("") { steps.removeLast() }
    }

    struct Malformed: Error, CustomStringConvertible {
        var line: String
        var description: String { "not a transcript line: \(line.prefix(80))" }
    }

    /// The text of this transcript with `responses[i]` after the i-th request.
    func rewritten(responses: [[String]]) -> String {
        var out: [String] = []
        var request = 0
        for step in steps {
            switch step {
            case .send(_, let source):
                out.append(source)
                out += responses[request].map { "< " + $0 }
                request += 1
            case .expect: break
            case .other(let line): out.append(line)
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
