import Foundation
import JiazhouRPC
import JiazhouTesting

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real `jiazhou rpc` process (the built binary), talked to over pipes.
/// A watchdog ends it after `timeoutSeconds`, so a hung server fails the
/// test instead of hanging it.
///
/// `@unchecked Sendable`: the request pipe is written by one background
/// sender at a time, and the response side is read only by the test.
final class RPCProcess: @unchecked Sendable {
    let process = Process()
    private let requests = Pipe()
    private let responses = Pipe()
    private let errors = Pipe()
    private var framer = LineFramer(maxLineBytes: 1 << 30)
    private var ready: [String] = []
    private var ended = false
    private let stderrText = Collected()

    init(_ arguments: [String], timeoutSeconds: Double = 120) throws {
        // A server that stops reading must not kill the test with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        process.executableURL = URL(fileURLWithPath: CommandRunner.executable())
        process.arguments = arguments
        process.standardInput = requests
        process.standardOutput = responses
        process.standardError = errors
        try process.run()
        let process = process, errors = errors, stderrText = stderrText
        DispatchQueue.global().async { stderrText.set(errors.fileHandleForReading.readDataToEndOfFile()) }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeoutSeconds) { if process.isRunning { process.terminate() } }
    }

    /// Writes `lines` (each with `\n`) from a background thread, then closes
    /// stdin if asked: the test reads responses meanwhile, as a pipelining
    /// client does, so neither side's pipe can fill up and stall the other.
    func sendInBackground(_ lines: [String], thenClose: Bool) {
        let handle = requests.fileHandleForWriting
        let bytes = Data(lines.map { $0 + "\n" }.joined().utf8)
        DispatchQueue.global().async {
            try? handle.write(contentsOf: bytes)
            if thenClose { try? handle.close() }
        }
    }

    /// Writes one line now.
    func send(_ line: String) throws {
        try requests.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
    }

    func closeInput() throws { try requests.fileHandleForWriting.close() }

    /// Closes our end of the responses, as a client that goes away does.
    func closeOutput() throws { try responses.fileHandleForReading.close() }

    /// The next response line, waiting for it; `nil` once stdout has ended.
    func readLine() -> String? {
        while ready.isEmpty, !ended {
            let data = responses.fileHandleForReading.availableData
            if data.isEmpty {
                ended = true
                framer.finish { if case .line(let bytes) = $0 { ready.append(String(decoding: bytes, as: UTF8.self)) } }
            } else {
                framer.feed(Array(data)) { if case .line(let bytes) = $0 { ready.append(String(decoding: bytes, as: UTF8.self)) } }
            }
        }
        return ready.isEmpty ? nil : ready.removeFirst()
    }

    /// Waits for the process to end and returns its exit status.
    func waitForExit() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Ends the process at once, as a crash or a power cut would (SIGKILL).
    func kill() {
        killProcess(process.processIdentifier)
        process.waitUntilExit()
    }

    /// What the process wrote on stderr, once it has ended.
    var stderr: String { stderrText.text }
}

private func killProcess(_ pid: Int32) {
    _ = kill(pid, SIGKILL)
}

/// Bytes gathered by another thread; a lock guards every access.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    func set(_ value: Data) {
        lock.withLock { data = value }
        done.signal()
    }

    var text: String {
        done.wait()
        done.signal()
        return lock.withLock { String(decoding: data, as: UTF8.self) }
    }
}
