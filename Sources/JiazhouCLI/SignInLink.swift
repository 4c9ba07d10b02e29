import JiazhouService

/// The pages' sign-in link: the token in the fragment (`/#t=…`), which a
/// browser never sends to the server, so it stays out of access logs and
/// referrers; the page keeps it and removes it from the address bar.
enum SignInLink {
    static func make(base: String, token: String) -> String {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/#t=" + token
    }
}

/// The public check page's link for a certificate: its number in the
/// fragment (`/#check=…`), as the pages' own certificates print it, so that
/// opening it puts the number in no server's logs.
enum CheckLink {
    static func make(base: String, number: CertificateNumber) -> String {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/#check=" + number.description
    }
}
