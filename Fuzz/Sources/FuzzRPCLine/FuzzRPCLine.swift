import FuzzSupport
import JiazhouCore
@testable import JiazhouRPC
import JiazhouService

/// The JSON-RPC input path up to the service: the line framer, the envelope
/// (request, batch or refusal), the method table, `actor`/`key` and each
/// method's params decoded into its request type — everything the reader
/// thread does before a call reaches the ledger — and the bytes of every
/// response the envelope alone decides.
///
/// Properties: nothing traps; the framer gives the same frames whatever
/// the input's cut into reads; every response is one line of valid JSON, a
/// JSON-RPC 2.0 response object whose id is the request's id as written.
@main
enum FuzzRPCLine {
    /// Small, so that the fuzzer reaches the over-long-line path.
    static let maxLineBytes = 1024

    static func main() {
        runFuzzer { data, size in
            FuzzRPCLine.check(inputBytes(data, size))
            return 0
        }
    }

    static func check(_ input: [UInt8]) {
        let frames = frame(input, chunk: input.count + 1)
        let chunk = 1 + Int(input.first ?? 0) % 7
        require(frame(input, chunk: chunk) == frames, "the framer's lines depend on how the input is cut into reads")
        // Lines as the input has them, less the last one's missing "\n".
        var lines = input.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        require(lines.count == frames.count, "\(lines.count) lines, \(frames.count) frames")
        for (line, frame) in zip(lines, frames) {
            switch frame {
            case .line(let bytes):
                require(bytes.elementsEqual(line) && bytes.count <= maxLineBytes, "the framer changed a line")
                answer(bytes)
            case .tooLarge(let bytes):
                require(bytes == line.count && bytes > maxLineBytes, "a line of \(line.count) bytes framed as too large (\(bytes))")
            }
        }
    }

    static func frame(_ input: [UInt8], chunk: Int) -> [LineFramer.Frame] {
        var framer = LineFramer(maxLineBytes: maxLineBytes)
        var frames: [LineFramer.Frame] = []
        var start = 0
        while start < input.count {
            let end = min(start + chunk, input.count)
            framer.feed(Array(input[start..<end])) { frames.append($0) }
            start = end
        }
        framer.finish { frames.append($0) }
        return frames
    }

    /// What the dispatcher and the responder make of one line, up to the service.
    static func answer(_ line: [UInt8]) {
        guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return }
        switch Envelope.parse(line) {
        case .refused(let error):
            checkResponse(Response.bytes(id: .null, .failure(error)), id: .null)
        case .single(let item):
            if let (id, response) = respond(item) { checkResponse(response, id: id) }
        case .batch(let items):
            require(!items.isEmpty && items.count <= RPCLimits.batchCalls, "a batch of \(items.count)")
            var out: [UInt8] = []
            var ids: [ResponseID] = []
            for item in items {
                guard let (id, response) = respond(item) else { continue }
                out.append(out.isEmpty ? UInt8(ascii: "[") : UInt8(ascii: ","))
                out.append(contentsOf: response)
                ids.append(id)
            }
            guard !out.isEmpty else { return }
            out.append(UInt8(ascii: "]"))
            require(!out.contains(0x0A), "a batch response spans lines")
            guard case .array(let responses)? = try? JSONParser.parseKeepingNumberText(out), responses.count == ids.count else {
                return require(false, "a batch response is not an array of \(ids.count) responses: \(String(decoding: out, as: UTF8.self))")
            }
        }
    }

    /// The response an item gets before the service: for an invalid item or
    /// params, the error; for a valid call, `nil` (the service would answer).
    static func respond(_ item: Envelope.Item) -> (ResponseID, [UInt8])? {
        switch item {
        case .invalid(let id, let error):
            return (id, Response.bytes(id: id, .failure(error)))
        case .request(let request):
            let failure: RPCError
            switch MethodTable.method(request.method, in: MethodTable.methods) {
            case .failure(let error): failure = error
            case .success(let method):
                do {
                    let arguments = try Arguments(params: request.params, method: method)
                    try method.checkParams(arguments)
                    if method.access != .publicRead { _ = try arguments.requireActor() }
                    return nil
                } catch {
                    failure = error
                }
            }
            guard let id = request.id else { return nil }  // a notification is not answered
            return (id, Response.bytes(id: id, .failure(failure)))
        }
    }

    static func checkResponse(_ response: [UInt8], id: ResponseID) {
        require(!response.contains(0x0A), "a response spans lines")
        guard case .object(let members)? = try? JSONParser.parseKeepingNumberText(response) else {
            return require(false, "a response is not a JSON object: \(String(decoding: response, as: UTF8.self))")
        }
        require(members["jsonrpc"] == .string("2.0"), "a response without jsonrpc 2.0")
        require(members["id"] == (try? JSONParser.parseKeepingNumberText(id.bytes)), "a response's id is not the request's")
        guard case .object(let error)? = members["error"], case .integer? = error["code"], case .string? = error["message"] else {
            return require(false, "an error response without code and message: \(String(decoding: response, as: UTF8.self))")
        }
    }
}
