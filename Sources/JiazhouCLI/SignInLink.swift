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
