public import Foundation

/// Runs the real `jiazhou` executable, for end-to-end tests.
public enum CommandRunner {
    public struct Outcome: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The built executable: `$JIAZHOU_BIN`, else beside the test bundle, else `.build/debug`.
    public static func executable(_ filePath: String = #filePath) -> String {
        if let path = ProcessInfo.processInfo.environment["JIAZHOU_BIN"] { return path }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("jiazhou").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return RepositoryFiles.root(filePath).appendingPathComponent(".build/debug/jiazhou").path
    }

    /// Runs `jiazhou ARGS` (or `executable ARGS`) with `stdin`, in `directory`; waits at most `timeoutSeconds`.
    public static func run(
        _ arguments: [String], stdin: Data = Data(), directory: String? = nil, environment: [String: String] = [:], timeoutSeconds: Double = 120,
        executable other: String? = nil, filePath: String = #filePath
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: other ?? executable(filePath))
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read both pipes concurrently so that neither can fill up and stall the child.
        let collected = Collected()
        let group = DispatchGroup()
        for (pipe, isOut) in [(output, true), (errors, false)] {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                collected.set(data, isOut: isOut)
                group.leave()
            }
        }
        input.fileHandleForWriting.write(stdin)
        try? input.fileHandleForWriting.close()
        if group.wait(timeout: .now() + timeoutSeconds) == .timedOut {
            process.terminate()
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "jiazhou \(arguments.joined(separator: " ")) timed out"])
        }
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: collected.text(isOut: true), stderr: collected.text(isOut: false))
    }

    /// ``run(_:stdin:directory:environment:timeoutSeconds:executable:filePath:)`` on a
    /// thread of its own, for a test whose child talks to a server in the
    /// test's process: waiting on a Swift concurrency thread could leave that
    /// server none to answer on (the pool has one per core).
    public static func running(_ arguments: [String], timeoutSeconds: Double = 120, filePath: String = #filePath) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try run(arguments, timeoutSeconds: timeoutSeconds, filePath: filePath) })
            }
        }
    }

    /// A fresh temporary folder.
    public static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("jiazhou-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Output gathered from two reader threads; `@unchecked Sendable` because a
/// lock guards every access.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()

    func set(_ data: Data, isOut: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if isOut { out = data } else { err = data }
    }

    func text(isOut: Bool) -> String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: isOut ? out : err, as: UTF8.self)
    }
}
