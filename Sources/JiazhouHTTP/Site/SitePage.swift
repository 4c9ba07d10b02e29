import Foundation
import HTTPTypes
import Hummingbird
import JiazhouCore
import JiazhouWeb

/// One file of the web pages as served: its bytes, media type and entity
/// tag worked out once at start, and the headers that keep a page to its
/// own origin.
struct SitePage: Sendable {
    /// The path it answers (`/` for the index).
    let path: String
    let file: Site.File
    /// A strong entity tag: the first 128 bits of the file's SHA-256, so
    /// that a new binary with a changed page never matches an old tag.
    let entityTag: String

    init(path: String, file: Site.File) {
        self.path = path
        self.file = file
        entityTag = "\"" + String(Hex.encode(TreeHasher.sha256(file.bytes).bytes).prefix(32)) + "\""
    }

    /// The pages: every file at its own path, and the index at `/` too.
    static let all: [SitePage] = {
        var pages = Site.files.values.map { SitePage(path: $0.path, file: $0) }
        if let index = Site.files["/index.html"] { pages.append(SitePage(path: "/", file: index)) }
        return pages.sorted { $0.path < $1.path }
    }()

    /// Scripts and styles from this origin only, none inline, no frames,
    /// no plug-ins; images also as `data:` (none today, but an SVG may use
    /// one); `connect-src 'self'`: the pages talk to this server and no other.
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    /// 304 when the client already holds this version (RFC 9110 §13.1.2),
    /// else the file. `no-cache`: the browser keeps it but asks each time,
    /// so a new server's pages are seen at once and an unchanged page costs
    /// a 304.
    func respond(to request: Request) -> Response {
        var headers: HTTPFields = [
            .eTag: entityTag, .cacheControl: "no-cache", .contentSecurityPolicy: Self.contentSecurityPolicy,
            .referrerPolicy: "no-referrer", .xContentTypeOptions: "nosniff",
        ]
        if let tags = request.headers[.ifNoneMatch], matches(tags) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = file.contentType
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.bytes)))
    }

    /// `If-None-Match` lists tags separated by commas, or is `*`; weak
    /// comparison, as §13.1.2 asks for this header.
    func matches(_ header: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == entityTag || tag == "W/" + entityTag
        }
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
