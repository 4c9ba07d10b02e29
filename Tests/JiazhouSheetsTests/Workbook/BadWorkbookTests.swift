import Foundation
import JiazhouCore
import JiazhouSheets
import Testing
import ZIPFoundation

/// Files that are not a readable .xlsx: each a clear ``SheetError``, none a crash.
@Suite struct BadWorkbookTests {
    static func error(_ bytes: [UInt8]) -> SheetError? {
        do {
            _ = try SheetReader(source: SheetBytes(bytes)).readAll()
            return nil
        } catch {
            return error
        }
    }

    static func fixture(_ name: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: URL(fileURLWithPath: WorkbookTests.fixture(name))))
    }

    static let compoundFile: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)

    @Test func anOldXlsOrAPasswordProtectedXlsxSaysSaveAsXlsxOrCSV() {
        // Both are OLE compound files; an encrypted .xlsx holds an EncryptedPackage stream.
        let encrypted = Self.compoundFile + Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        for bytes in [Self.compoundFile, encrypted] {
            let error = Self.error(bytes)
            #expect(error?.reason == .unsupported_format)
            #expect(error?.message.contains("save as .xlsx or CSV") == true)
        }
    }

    @Test func aCorruptArchiveIsABadWorkbook() throws {
        let whole = try Self.fixture("signin.xlsx")
        for cut in [whole.count / 2, 40, 4] {
            #expect(Self.error(Array(whole.prefix(cut)))?.reason == .bad_workbook, "cut at \(cut)")
        }
        var flipped = whole
        for index in stride(from: 100, to: flipped.count - 200, by: 61) { flipped[index] ^= 0x5A }
        #expect([.bad_workbook, .too_large].contains(Self.error(flipped)?.reason))
    }

    @Test func aZipBombIsRefusedBeforeItIsInflated() throws {
        let error = Self.error(try Self.fixture("zip-bomb.xlsx"))
        #expect(error?.reason == .too_large)
        #expect(error?.message.contains("zip bomb") == true, "\(String(describing: error))")
    }

    @Test func aDocumentTypeDeclarationIsRefusedUnread() throws {
        let error = Self.error(try Self.fixture("entities.xlsx"))
        #expect(error?.reason == .bad_workbook)
        #expect(error?.message.contains("document type declaration") == true)
    }

    @Test func aZipThatIsNoWorkbookSaysSo() throws {
        let error = Self.error(try Self.fixture("not-a-workbook.xlsx"))
        #expect(error?.reason == .bad_workbook)
        #expect(error?.message.contains("not an .xlsx") == true)
    }

    @Test func aFileOverTheSizeLimitIsTooLarge() {
        var bytes: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
        bytes += [UInt8](repeating: 0, count: SheetLimits.workbookBytes)
        #expect(Self.error(bytes)?.reason == .too_large)
    }

    /// FuzzWorkbook: an offset past the archive's end trapped in
    /// ZIPFoundation's in-memory reader; from a file it is refused.
    @Test func fuzzFoundAnOffsetPastTheEndIsABadWorkbook() throws {
        #expect([.bad_workbook, .too_large].contains(Self.error(try Self.fixture("fuzz-offset-past-end.xlsx"))?.reason))
    }

    /// FuzzWorkbook: bytes that are not UTF-8 in an element's name trapped
    /// inside FoundationXML; a part that is not UTF-8 is now refused unparsed.
    @Test func fuzzFoundAWorksheetThatIsNotUTF8IsABadWorkbook() throws {
        var table = SheetTable(header: ["volunteer", "minutes"])
        table.append([.text("V000001"), .number(90)])
        var parts = try SheetTableTests.parts(Data(table.xlsxBytes()))
        parts["xl/worksheets/sheet1.xml"] = Data(try Self.fixture("fuzz-not-utf8-sheet.xml"))
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, data) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let error = Self.error([UInt8](try #require(archive.data)))
        #expect(error?.reason == .bad_workbook)
        #expect(error?.message.contains("not UTF-8") == true, "\(String(describing: error))")
    }
}
