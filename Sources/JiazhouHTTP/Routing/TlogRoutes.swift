import Hummingbird
import JiazhouCore
import JiazhouService

/// The C2SP tlog-tiles read paths under `/tlog/` (Ledger/SPEC.md §15):
/// `checkpoint`, `tile/<L>/<N>[.p/<W>]` and `tile/entries/<N>[.p/<W>]`,
/// open to anyone (the tree holds no personal data) and cacheable as the
/// spec asks: full tiles forever, partial ones and the checkpoint briefly.
enum TlogRoutes {
    static let prefix = "/tlog/"
    static let paths = ["/tlog/checkpoint", "/tlog/tile/**"]

    /// A full tile never changes; a partial one is a prefix of the full one
    /// to come, but the spec lets a log drop it once that exists.
    static let fullTileCaching = "public, max-age=31536000, immutable"
    static let shortLivedCaching = "public, max-age=5"

    static func add(to router: Router<LedgerRequestContext>, ledger: LedgerService) {
        router.get("/tlog/checkpoint") { _, _ -> Response in
            let note = try ledger.cosignedCheckpoint()
            return Response(
                status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: shortLivedCaching],
                body: ResponseBody(byteBuffer: ByteBuffer(string: note)))
        }
        router.get("/tlog/tile/**") { request, _ -> Response in
            let path = request.uri.path.dropFirst(prefix.utf8.count)
            guard let tile = Tile(path: path) else {
                throw HTTPFailure.invalid(
                    "\(request.uri.path) is not a tile path: tile/<level 0–63>/<index as x001/x234/067>[.p/<width 1–255>], or tile/entries/<index>[.p/<width>]")
            }
            let bytes = try ledger.tile(tile)
            return Response(
                status: .ok,
                headers: [.contentType: "application/octet-stream", .cacheControl: tile.isPartial ? shortLivedCaching : fullTileCaching],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }
}
