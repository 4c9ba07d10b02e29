import Foundation
import JiazhouTesting

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real `jiazhou serve --port 0` process (the built binary). Its stderr
/// is read as it comes, for the port it prints; a watchdog kills it after
/// `timeoutSeconds`, so a hung server fails the test instead of hanging it.
///
/// `@unchecked Sendable`: `stderrText` is guarded by its lock; the rest is
/// set once in `init`.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    private let errors = Pipe()
    private let lock = NSLock()
    private var stderrText = ""
    private(set) var port = 0

    init(database: String, logLevel: String = "notice", timeoutSeconds: Double = 120) throws {
        process.executableURL = URL(fileURLWithPath: CommandRunner.executable())
        process.arguments = ["serve", "--db", database, "--host", "127.0.0.1", "--port", "0", "--log-level", logLevel]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let handle = errors.fileHandleForReading
        handle.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { handle.readabilityHandler = nil; return }
            self.lock.withLock { self.stderrText += String(decoding: data, as: UTF8.self) }
        }
        let process = process
        DispatchQueue.global().asyncAfter(deadline: .now() + timeoutSeconds) { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        port = try waitForPort()
    }

    /// A test that fails before it stops its server must not leave it running.
    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    var stderr: String { lock.withLock { stderrText } }

    private func waitForPort() throws -> Int {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let range = stderr.range(of: #"listening on http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression),
                let port = Int(stderr[range].split(separator: ":").last!)
            {
                return port
            }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "serve printed no port: \(stderr)"])
    }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits (off the cooperative pool) for the process to end; its exit status.
    func waitForExit() async -> Int32 {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                self.process.waitUntilExit()
                continuation.resume(returning: self.process.terminationStatus)
            }
        }
    }
}
