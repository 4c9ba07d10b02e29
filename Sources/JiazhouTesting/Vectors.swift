public import Foundation

/// Reads files of the repository (vectors, seeds) by path, from a test's `#filePath`.
public enum RepositoryFiles {
    /// The repository root: three levels above `Tests/<Target>/<File>.swift`.
    public static func root(_ filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    public static func data(_ relativePath: String, _ filePath: String = #filePath) throws -> Data {
        try Data(contentsOf: root(filePath).appendingPathComponent(relativePath))
    }

    public static func text(_ relativePath: String, _ filePath: String = #filePath) throws -> String {
        String(decoding: try data(relativePath, filePath), as: UTF8.self)
    }
}
