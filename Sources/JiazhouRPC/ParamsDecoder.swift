import JiazhouCore

/// Decodes a method's params with the decoder both transports share
/// (``JSONValueDecoder``): paths start at `params`, and a field that does
/// not fit is −32602 with `data.reason` `invalid_request`.
enum ParamsDecoder {
    /// Decodes `T` from `params`; `extra` names the members taken out before
    /// (`actor`, `key`), for the message about an unknown member.
    static func decode<T: Decodable>(_ type: T.Type, from params: JSONValue, extra: [String]) throws(RPCError) -> T {
        do {
            return try JSONValueDecoder(root: "params").decode(T.self, from: params, extra: extra)
        } catch {
            throw RPCError(error)
        }
    }
}
