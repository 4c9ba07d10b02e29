#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ZIPFoundation

/// The .xlsx as a ZIP archive, its parts taken out one at a time within
/// ``SheetLimits``: a part's size is checked against the archive's own
/// record before a byte is inflated, and counted again while inflating,
/// since a zip bomb's record may lie.
struct WorkbookArchive {
    private let archive: Archive

    /// Opens the archive in `bytes` from a temporary file, removed at once.
    ///
    /// Not ZIPFoundation's in-memory archive: its reader traps when an offset
    /// in the archive points past the end (FuzzWorkbook found it: a seek past
    /// the end makes a negative count), where a file's `fread` just reads
    /// nothing and the archive is refused.
    init(bytes: [UInt8]) throws(SheetError) {
        let url = try Self.temporaryFile(holding: bytes)
        defer { unlink(url.path) }  // the open archive keeps reading it; the name goes now
        do {
            archive = try Archive(url: url, accessMode: .read)
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
        // Checked first: a zip64 record may claim any size, and no part is larger than the file it came in.
        if entry.compressedSize > UInt64(SheetLimits.workbookBytes) {
            throw SheetError(.bad_workbook, "the .xlsx file is damaged: its part \(path) claims to be larger than the file; open it in Excel or WPS and save it again")
        }
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

    /// A new file of mode 0600 in the temporary folder holding `bytes`.
    private static func temporaryFile(holding bytes: [UInt8]) throws(SheetError) -> URL {
        var template = Array((NSTemporaryDirectory() + "/jiazhou-sheet-XXXXXX.xlsx").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 5) }
        guard descriptor >= 0 else {
            throw SheetError(.read_failed, "cannot make a temporary file to read the .xlsx: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, bytes.count - written) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                let reason = String(cString: strerror(errno))
                unlink(path)
                throw SheetError(.read_failed, "cannot write a temporary file to read the .xlsx: \(reason)")
            }
            written += count
        }
        return URL(fileURLWithPath: path)
    }

    private static func tooLarge(_ path: String, _ what: String) -> SheetError {
        SheetError(.too_large, "the .xlsx part \(path) \(what); split the sheet or save it as CSV")
    }
}
