import JiazhouCore

/// The bytes of one JSON-RPC 2.0 response object (§5), members in the order
/// the specification lists them: `jsonrpc`, `id`, then `result` or `error`.
enum Response {
    static func bytes(id: ResponseID, _ result: Result<[UInt8], RPCError>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        out.append(contentsOf: #"{"jsonrpc":"2.0","id":"#.utf8)
        out.append(contentsOf: id.bytes)
        switch result {
        case .success(let json):
            out.append(contentsOf: #","result":"#.utf8)
            out.append(contentsOf: json)
        case .failure(let error):
            out.append(contentsOf: #","error":{"code":"#.utf8)
            out.append(contentsOf: String(error.code.rawValue).utf8)
            out.append(contentsOf: #","message":"#.utf8)
            out.append(contentsOf: JSONValue.string(error.message).canonicalBytes)
            if let data = error.data {
                out.append(contentsOf: #","data":"#.utf8)
                out.append(contentsOf: data.canonicalBytes)
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "}"))
        return out
    }
}
