/// What `xl/workbook.xml` and its relationships say: the worksheets in
/// order, each with its name and part, and the date system.
final class WorkbookIndex: XMLPartReader {
    struct Sheet: Equatable {
        var name: String
        var relationship: String
    }

    private(set) var sheets: [Sheet] = []
    /// The 1904 date system (`<workbookPr date1904="1"/>`, Excel for Mac's
    /// old default): serial 0 is 1904-01-01, not 1899-12-31.
    private(set) var date1904 = false

    func start(_ name: String, _ attributes: [String: String]) throws(SheetError) {
        switch name {
        case "workbookPr":
            date1904 = ["1", "true"].contains(attributes["date1904"]?.lowercased() ?? "")
        case "sheet":
            guard sheets.count < SheetLimits.worksheets else {
                throw XMLEvents.damaged("xl/workbook.xml", "lists more than \(SheetLimits.worksheets) worksheets")
            }
            sheets.append(Sheet(name: attributes["name"] ?? "", relationship: Self.attribute("id", in: attributes) ?? ""))
        default:
            break
        }
    }

    func end(_ name: String) {}
    func text(_ text: String) {}

    /// An attribute by local name: `r:id` is `id` whatever the prefix.
    static func attribute(_ local: String, in attributes: [String: String]) -> String? {
        attributes.first { $0.key == local || $0.key.hasSuffix(":" + local) }?.value
    }
}

/// A relationships part (`xl/_rels/workbook.xml.rels`): id to target part.
final class Relationships: XMLPartReader {
    private(set) var targets: [String: String] = [:]
    /// Id to relationship type (`…/relationships/styles`).
    private(set) var types: [String: String] = [:]

    func start(_ name: String, _ attributes: [String: String]) {
        guard name == "Relationship", let id = attributes["Id"], let target = attributes["Target"], targets.count < 4096 else { return }
        targets[id] = target
        types[id] = attributes["Type"] ?? ""
    }

    func end(_ name: String) {}
    func text(_ text: String) {}

    /// The part a target names, from the package root: targets are relative
    /// to `xl/` unless they start with `/` (ECMA-376 Part 2, §9.3).
    static func part(_ target: String, base: String = "xl/") -> String {
        var path = target.hasPrefix("/") ? String(target.dropFirst()) : base + target
        // `worksheets/../worksheets/sheet1.xml`: writers rarely do it, but the form is allowed.
        var parts: [Substring] = []
        for piece in path.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(piece) }
        }
        path = parts.joined(separator: "/")
        return path
    }
}
