extension QRCode {
    /// The symbol as a standalone SVG document: dark modules as one path on
    /// a white square, with a quiet zone of `quietZone` modules (the
    /// standard asks for 4). One user unit is one module, so the image
    /// scales to any size without blurring; `crispEdges` keeps renderers
    /// from anti-aliasing the seams between modules.
    ///
    /// `title` becomes the image's accessible name (escaped).
    public func svg(quietZone: Int = 4, title: String? = nil) -> String {
        precondition(quietZone >= 0 && quietZone <= 16, "a quiet zone of 0 to 16 modules")
        let side = size + 2 * quietZone
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" shape-rendering=\"crispEdges\""
        out += title == nil ? ">" : " role=\"img\">"
        if let title { out += "<title>\(Self.escaped(title))</title>" }
        out += "<rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/><path fill=\"#000\" d=\"\(pathData(offset: quietZone))\"/></svg>"
        return out
    }

    /// The dark modules as SVG path data, one user unit a module, shifted by
    /// `offset` modules on both axes: for drawing the symbol inside another
    /// SVG (a printed card). One rectangle a run of dark modules in a row: a
    /// tenth of the size of one square a module.
    public func pathData(offset: Int = 0) -> String {
        var data = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else { x += 1; continue }
                let start = x
                while x < size && isDark(x: x, y: y) { x += 1 }
                data += "M\(start + offset) \(y + offset)h\(x - start)v1h-\(x - start)z"
            }
        }
        return data
    }

    /// Text for XML character data and attributes (an SVG's title, a card's lines).
    public static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
