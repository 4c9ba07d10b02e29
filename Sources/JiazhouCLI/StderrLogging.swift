import ArgumentParser
import Logging

/// Logs on stderr at a level named on the command line: stdout carries
/// protocol lines (`rpc`) or results, never logs.
enum StderrLogging {
    /// Refuses a level swift-log does not know, naming those it does.
    static func validate(_ name: String) throws {
        guard Logger.Level(rawValue: name) != nil else {
            throw ValidationError("--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// Sends every logger to stderr at `name` (or `fallback`); call before anything logs.
    static func bootstrap(_ name: String, fallback: Logger.Level) {
        let level = Logger.Level(rawValue: name) ?? fallback
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
