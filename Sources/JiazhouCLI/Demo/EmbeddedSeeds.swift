import Foundation
import JiazhouCore
import JiazhouSeeds

/// The demo world built into the binary, unpacked into a temporary folder
/// for the demo to read as it reads `--seeds DIR`: so that `jiazhou demo`
/// works from any folder, and both ways read the same files the same way.
enum EmbeddedSeeds {
    static func unpack() throws(LedgerError) -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jiazhou-seeds-\(ProcessInfo.processInfo.processIdentifier)").path
        do { try Seeds.write(toFolder: folder) } catch {
            throw LedgerError(.invalid_request, "cannot unpack the demo world into \(folder): \(error.localizedDescription)")
        }
        return folder
    }

    static func remove(_ folder: String) {
        try? FileManager.default.removeItem(atPath: folder)
    }
}
