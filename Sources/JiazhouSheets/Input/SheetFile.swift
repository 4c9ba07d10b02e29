#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A sheet read from a file with `read(2)`, a chunk at a time: a 2 GB export
/// costs one chunk of memory, not 2 GB. The file is closed when the source
/// goes away.
public final class SheetFile: SheetSource {
    /// The path as given.
    public let path: String
    private let descriptor: Int32

    /// Opens `path` for reading.
    public init(path: String) throws(SheetError) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw SheetError(.read_failed, "cannot open the sheet \(path): \(reason)", cause: reason)
        }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Reads the next bytes of the file, retrying when interrupted.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            #if canImport(Glibc)
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            #else
            let count = Darwin.read(descriptor, buffer.baseAddress, buffer.count)
            #endif
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw SheetError(.read_failed, "cannot read the sheet \(path): \(String(cString: strerror(errno)))")
        }
    }
}
