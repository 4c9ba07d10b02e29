public import Foundation

/// Reads files of the repository (vectors, seeds) by path, from a test's `#filePath`.
public enum RepositoryFiles {
    /// The repository root, found from a file under `Tests/`.
    public static func root(_ filePath: String = #filePath) -> URL {
        // The nearest folder above the file that holds Package.swift, so that
        // tests may live at any depth under Tests/.
        var folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while folder.path != "/", !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder.deleteLastPathComponent()
        }
        return folder
    }

    public static func data(_ relativePath: String, _ filePath: String = #filePath) throws -> Data {
        try Data(contentsOf: root(filePath).appendingPathComponent(relativePath))
    }

    public static func text(_ relativePath: String, _ filePath: String = #filePath) throws -> String {
        String(decoding: try data(relativePath, filePath), as: UTF8.self)
    }
}
