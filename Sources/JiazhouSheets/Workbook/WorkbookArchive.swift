import Foundation
import ZIPFoundation

/// The .xlsx as a ZIP archive, its parts taken out one at a time within
/// ``SheetLimits``: a part's size is checked against the archive's own
/// record before a byte is inflated, and counted again while inflating,
/// since a zip bomb's record may lie.
struct WorkbookArchive {
    private let archive: Archive

    init(bytes: [UInt8]) throws(SheetError) {
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw SheetError(
                .bad_workbook, "the .xlsx file is damaged (it is not a whole ZIP archive); open it in Excel or WPS and save it again",
                cause: "\(error)")
        }
    }

    /// Whether the archive has the part at `path`.
    func has(_ path: String) -> Bool { archive[path] != nil }

    /// The bytes of the part at `path`; `nil` if there is none.
    func part(_ path: String) throws(SheetError) -> Data? {
        guard let entry = archive[path] else { return nil }
        let declared = entry.uncompressedSize
        if declared > UInt64(SheetLimits.workbookPartBytes) {
            throw Self.tooLarge(path, "holds \(declared / 1_048_576) MiB of XML; at most \(SheetLimits.workbookPartBytes / 1_048_576) MiB")
        }
        if declared > UInt64(SheetLimits.ratioCheckedBytes), declared / max(entry.compressedSize, 1) > UInt64(SheetLimits.compressionRatio) {
            throw Self.tooLarge(path, "inflates \(declared / max(entry.compressedSize, 1)) times (a zip bomb?); a sheet inflates at most \(SheetLimits.compressionRatio) times")
        }
        var data = Data()
        data.reserveCapacity(Int(declared))
        do {
            _ = try archive.extract(entry, bufferSize: 64 * 1024) { chunk in
                guard data.count + chunk.count <= Int(declared) else { throw PartOverrun() }
                data.append(chunk)
            }
        } catch is PartOverrun {
            throw Self.tooLarge(path, "inflates past the size the archive records for it (a zip bomb?)")
        } catch {
            throw SheetError(
                .bad_workbook, "the .xlsx file is damaged: its part \(path) cannot be read; open it in Excel or WPS and save it again", cause: "\(error)")
        }
        return data
    }

    private struct PartOverrun: Error {}

    private static func tooLarge(_ path: String, _ what: String) -> SheetError {
        SheetError(.too_large, "the .xlsx part \(path) \(what); split the sheet or save it as CSV")
    }
}
