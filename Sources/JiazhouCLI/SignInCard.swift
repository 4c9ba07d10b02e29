import JiazhouCore
import JiazhouQR

/// The printable sign-in card (登录卡) the office hands a volunteer: the
/// sign-in link as a QR code, large, with plain instructions. The link's
/// fragment carries the token, so whoever holds the card can sign in: the
/// card says to keep it like a key.
struct SignInCard {
    var link: String
    var principal: AccountID

    /// An 85.6 × 54 mm card (ID-1, the size of a bank card), in millimetres.
    func svg() throws(QRError) -> String {
        let code = try QRCode(encoding: link)
        let side = code.size + 8
        // The symbol fills a 46 mm square on the left: about 0.6 mm a module
        // for a 120-byte link (version 8), which phone cameras read at arm's length.
        let scale = 46.0 / Double(side)
        let name = QRCode.escaped(principal.text)
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="85.6mm" height="54mm" viewBox="0 0 85.6 54" role="img">\
            <title>嘉州积分 登录卡 \(name)</title>\
            <rect width="85.6" height="54" rx="3" fill="#fff" stroke="#9b1c1c" stroke-width="0.6"/>\
            <g transform="translate(3 4) scale(\(scale))" shape-rendering="crispEdges">\
            <rect width="\(side)" height="\(side)" fill="#fff"/><path fill="#000" d="\(code.pathData(offset: 4))"/></g>\
            <g font-family="Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif" fill="#111">\
            <text x="52" y="12" font-size="5.2" font-weight="700" fill="#9b1c1c">嘉州积分</text>\
            <text x="52" y="19" font-size="3.6" font-weight="700">登录卡</text>\
            <text x="52" y="27" font-size="2.8">用手机相机</text>\
            <text x="52" y="31" font-size="2.8">扫左边的码登录</text>\
            <text x="52" y="39" font-size="2.4">请像钥匙一样保管；</text>\
            <text x="52" y="42.5" font-size="2.4">丢了请告诉社区办公室</text>\
            <text x="52" y="49" font-size="2.2" fill="#444">\(name)</text></g></svg>
            """
    }
}
