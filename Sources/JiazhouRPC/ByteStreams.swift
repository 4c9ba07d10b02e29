#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where request bytes come from. `read` blocks until some bytes are
/// available and returns how many it put in `buffer`; 0 means end of input.
/// The server calls it from one dedicated thread, never from Swift's
/// cooperative pool, so blocking is fine.
public protocol ByteSource: Sendable {
    /// Reads at most `buffer.count` bytes into `buffer`; how many, or 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Where response bytes go: all of `bytes`, or a thrown error (the client
/// has gone). Called from one task at a time.
public protocol ByteSink: Sendable {
    /// Writes all of `bytes`, or throws.
    func write(_ bytes: [UInt8]) throws
}

/// A failed system call on a standard stream.
public struct StreamFailure: Error, Sendable, CustomStringConvertible {
    /// The system call: `read` or `write`.
    public var operation: String
    /// Its `errno`.
    public var errorNumber: Int32
    public var description: String { "\(operation) failed: \(String(cString: strerror(errorNumber)))" }
}

/// A file descriptor read with `read(2)`: stdin for `jiazhou rpc`.
public struct FileDescriptorSource: ByteSource {
    /// The descriptor read, e.g. 0.
    public let descriptor: Int32
    /// Reads `descriptor`; it stays open, owned by the caller.
    public init(descriptor: Int32) { self.descriptor = descriptor }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            #if canImport(Darwin)
            let count = Darwin.read(descriptor, buffer.baseAddress, buffer.count)
            #else
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            #endif
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw StreamFailure(operation: "read", errorNumber: errno)
        }
    }
}

/// A file descriptor written with `write(2)`: stdout for `jiazhou rpc`.
/// Each call writes everything it is given (pipes take partial writes).
/// With SIGPIPE ignored, a closed pipe is an `EPIPE` error rather than death.
public struct FileDescriptorSink: ByteSink {
    /// The descriptor written, e.g. 1.
    public let descriptor: Int32
    /// Writes `descriptor`; it stays open, owned by the caller.
    public init(descriptor: Int32) { self.descriptor = descriptor }

    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                #if canImport(Darwin)
                let count = Darwin.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                #else
                let count = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                #endif
                if count > 0 {
                    offset += count
                } else if count < 0, errno == EINTR {
                    continue
                } else {
                    throw StreamFailure(operation: "write", errorNumber: count < 0 ? errno : EIO)
                }
            }
        }
    }
}
