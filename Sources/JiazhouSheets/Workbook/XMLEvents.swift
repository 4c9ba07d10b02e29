import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Foundation's streaming XML parser, with its events handed to one part's
/// reader by local name (`x:row` is `row`: Strict and some writers prefix
/// the SpreadsheetML namespace). A reader's throw stops the parse.
///
/// A part that is not UTF-8, or has a document type declaration, is refused
/// before parsing. No
/// part of an .xlsx has a DTD (ECMA-376 Part 2, §8.1.4: DTDs are not allowed
/// in a package), and refusing them leaves no room for entity expansion.
protocol XMLPartReader: AnyObject {
    func start(_ name: String, _ attributes: [String: String]) throws(SheetError)
    func end(_ name: String) throws(SheetError)
    func text(_ text: String)
}

final class XMLEvents: NSObject, XMLParserDelegate {
    private let reader: any XMLPartReader
    private var failure: SheetError?

    private init(reader: any XMLPartReader) { self.reader = reader }

    /// Parses `data`, the part at `path`, into `reader`.
    static func parse(_ data: Data, part path: String, into reader: any XMLPartReader) throws(SheetError) {
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil || data.range(of: Data("<!ENTITY".utf8)) != nil {
            throw damaged(path, "has a document type declaration, which an .xlsx never has")
        }
        // Excel, WPS and LibreOffice write every part in UTF-8; FoundationXML
        // traps on a name that is not (FuzzWorkbook found it), so it gets none.
        guard data.withUnsafeBytes({ UTF8Validation.isValid($0.bindMemory(to: UInt8.self)) }) else {
            throw damaged(path, "is not UTF-8 text")
        }
        let events = XMLEvents(reader: reader)
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = events
        let parsed = parser.parse()
        if let failure = events.failure { throw failure }
        guard parsed else { throw damaged(path, "is not well-formed XML (\(parser.parserError.map { "\($0)" } ?? "unknown error"))") }
    }

    static func damaged(_ path: String, _ what: String) -> SheetError {
        SheetError(.bad_workbook, "the .xlsx file is damaged: its part \(path) \(what); open it in Excel or WPS and save it again")
    }

    private static func local(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    private func run(_ parser: XMLParser, _ body: () throws(SheetError) -> Void) {
        guard failure == nil else { return }
        do throws(SheetError) { try body() } catch {
            failure = error
            parser.abortParsing()
        }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        run(parser) { () throws(SheetError) in try reader.start(Self.local(name), attributes) }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        run(parser) { () throws(SheetError) in try reader.end(Self.local(name)) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard failure == nil else { return }
        reader.text(string)
    }
}
