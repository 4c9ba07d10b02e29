public import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real `jiazhou` process for fault tests: stdin written from the test,
/// stdout read line by line, stderr collected, and `kill -9` at any moment.
/// A watchdog kills it after `timeoutSeconds`, and `deinit` kills it too, so
/// no test leaves one running.
///
/// `@unchecked Sendable`: the mutable state (lines, stderr, ended) is guarded
/// by `lock`; the pipes and the process are set once in `init`.
public final class ChildProcess: @unchecked Sendable {
    public let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let errors = Pipe()
    private let lock = NSCondition()
    private var lines: [String] = []
    private var partial: [UInt8] = []
    private var outputEnded = false
    private var stderrText = ""

    public init(_ arguments: [String], environment: [String: String] = [:], timeoutSeconds: Double = 120) throws {
        // A child that stops reading must not kill the test with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        process.executableURL = URL(fileURLWithPath: CommandRunner.executable())
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Blocking reads on threads of their own, not readabilityHandler: on
        // Linux the handler was seen to stop before the last of a large
        // output (a second 100 KB line never came, nor the end of the stream).
        Self.readUntilEnd(output) { [weak self] bytes in self?.received(bytes) }
        Self.readUntilEnd(errors) { [weak self] bytes in
            guard let self else { return }
            self.lock.withLock { self.stderrText += String(decoding: bytes, as: UTF8.self) }
        }
        let process = process
        DispatchQueue.global().asyncAfter(deadline: .now() + timeoutSeconds) { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

    /// Reads `pipe` on a thread until its end, handing each chunk to
    /// `deliver` and an empty one at the end. The thread holds the pipe, so
    /// its descriptor stays open while it reads; it ends when the child does.
    private static func readUntilEnd(_ pipe: Pipe, _ deliver: @escaping @Sendable ([UInt8]) -> Void) {
        let thread = Thread {
            let descriptor = pipe.fileHandleForReading.fileDescriptor
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    deliver(Array(buffer[..<count]))
                } else if count < 0, errno == EINTR {
                    continue
                } else {
                    deliver([])
                    return
                }
            }
        }
        thread.name = "jiazhou-child-reader"
        thread.start()
    }

    private func received(_ bytes: [UInt8]) {
        lock.withLock {
            if bytes.isEmpty {
                if !partial.isEmpty { lines.append(String(decoding: partial, as: UTF8.self)) }
                partial = []
                outputEnded = true
            } else {
                partial += bytes
                while let newline = partial.firstIndex(of: UInt8(ascii: "\n")) {
                    lines.append(String(decoding: partial[..<newline], as: UTF8.self))
                    partial.removeSubrange(...newline)
                }
            }
            lock.broadcast()
        }
    }

    /// Writes `text` to stdin from a background thread (so that a child that
    /// answers while we write cannot stall us), then closes stdin if asked.
    public func writeInBackground(_ text: String, thenClose: Bool) {
        let handle = input.fileHandleForWriting
        let bytes = Data(text.utf8)
        DispatchQueue.global().async {
            try? handle.write(contentsOf: bytes)
            if thenClose { try? handle.close() }
        }
    }

    /// Writes `text` to stdin now (blocking while the pipe is full).
    public func write(_ text: String) {
        try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
    }

    public func closeInput() { try? input.fileHandleForWriting.close() }

    /// The next stdout line; `nil` once stdout has ended or after `timeoutSeconds`.
    public func readLine(timeoutSeconds: Double = 60) -> String? {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        return lock.withLock {
            while lines.isEmpty, !outputEnded, lock.wait(until: deadline) {}
            return lines.isEmpty ? nil : lines.removeFirst()
        }
    }

    /// Everything written on stderr so far.
    public var stderr: String { lock.withLock { stderrText } }

    /// Waits until stderr contains a match of `pattern`, the process ends, or the time is up.
    public func waitForStderr(matching pattern: String, timeoutSeconds: Double = 30) -> Substring? {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while Date() < deadline {
            let text = stderr
            if let range = text.range(of: pattern, options: .regularExpression) { return text[range] }
            guard process.isRunning else { return nil }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return nil
    }

    /// Ends the process at once, as a crash or a power cut would.
    public func killHard() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        _ = waitForExit(timeoutSeconds: 30)
    }

    public func send(signal number: Int32) { kill(process.processIdentifier, number) }

    /// The exit status, or `nil` if the process is still running after `timeoutSeconds`.
    public func waitForExit(timeoutSeconds: Double = 60) -> Int32? {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        guard !process.isRunning else { return nil }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Whether the process was ended by SIGKILL (rather than exiting).
    public var wasKilled: Bool { !process.isRunning && process.terminationReason == .uncaughtSignal }
}
