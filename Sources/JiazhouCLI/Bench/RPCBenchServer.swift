import Foundation
import JiazhouCore
import JiazhouRPC

/// A `jiazhou rpc` child process for `jiazhou bench rpc`, over raw pipes,
/// with the transport's own framer and `write(2)` loop on the client side.
///
/// `@unchecked Sendable`: the request pipe is written by one sender at a
/// time; the response side is read only by the benchmark's own thread.
final class RPCBenchServer: @unchecked Sendable {
    private let process = Process()
    private let requests = Pipe()
    private let responses = Pipe()
    private var framer = LineFramer(maxLineBytes: RPCLimits.defaultMaxLineBytes)
    private var ready: [[UInt8]] = []
    private var readIndex = 0
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 1)

    /// What a pipelined run found.
    struct Run {
        var seconds: Double
        var errors: Int
        var firstError: String?
    }

    init(executable: String, database: String) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["rpc", "--db", database]
        process.standardInput = requests
        process.standardOutput = responses
        try process.run()
    }

    deinit { buffer.deallocate() }

    /// Sends every line at once from another thread while reading the
    /// responses here, as a pipelining client does; times the whole.
    func pipeline(_ lines: [String]) throws -> Run {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(lines.count * 200)
        for line in lines {
            bytes.append(contentsOf: line.utf8)
            bytes.append(0x0A)
        }
        let sink = FileDescriptorSink(descriptor: requests.fileHandleForWriting.fileDescriptor)
        let payload = bytes
        let start = DispatchTime.now().uptimeNanoseconds
        let sent = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? sink.write(payload)
            sent.signal()
        }
        var run = Run(seconds: 0, errors: 0)
        for _ in 0..<lines.count {
            let response = try nextLine()
            if Self.isError(response) {
                run.errors += 1
                if run.firstError == nil { run.firstError = String(decoding: response, as: UTF8.self) }
            }
        }
        run.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        sent.wait()
        return run
    }

    /// One request, then its response: the round trip's seconds.
    func roundTrip(_ line: String) throws -> Double {
        let sink = FileDescriptorSink(descriptor: requests.fileHandleForWriting.fileDescriptor)
        let start = DispatchTime.now().uptimeNanoseconds
        try sink.write(Array((line + "\n").utf8))
        let response = try nextLine()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if Self.isError(response) { throw LedgerError(.invalid_request, "the round trip failed: \(String(decoding: response, as: UTF8.self))") }
        return seconds
    }

    /// Closes stdin and waits for the server to exit; its status.
    func finish() throws -> Int32 {
        try requests.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Whether a response to one of the benchmark's requests (whose ids
    /// are integers) is an error: `{"jsonrpc":"2.0","id":N,"error":…}`.
    private static func isError(_ line: [UInt8]) -> Bool {
        let prefix = Array(#"{"jsonrpc":"2.0","id":"#.utf8)
        guard line.starts(with: prefix) else { return true }
        let afterID = line[prefix.count...].drop { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-") }
        return !afterID.starts(with: #","result":"#.utf8)
    }

    private func nextLine() throws -> [UInt8] {
        let source = FileDescriptorSource(descriptor: responses.fileHandleForReading.fileDescriptor)
        while readIndex == ready.count {
            ready.removeAll(keepingCapacity: true)
            readIndex = 0
            let count = try source.read(into: buffer)
            guard count > 0 else { throw LedgerError(.storage_unavailable, "jiazhou rpc ended before answering every request") }
            framer.feed(UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count)) { frame in
                if case .line(let line) = frame { ready.append(line) }
            }
        }
        defer { readIndex += 1 }
        return ready[readIndex]
    }
}
