import Foundation
import JiazhouTesting
import Testing

@testable import JiazhouSeeds
@testable import JiazhouWeb

/// The generated sources hold exactly the files they were made from: if
/// this fails, run scripts/embed-files.py and commit what it writes.
struct EmbeddedFilesTests {
    @Test func theEmbeddedPagesAreTheFilesOfSite() throws {
        let site = RepositoryFiles.root().appendingPathComponent("Sources/JiazhouWeb/Site")
        var onDisk: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: site, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true, !url.lastPathComponent.hasPrefix(".") else { continue }
            onDisk[String(url.standardizedFileURL.path.dropFirst(site.standardizedFileURL.path.count))] = try Data(contentsOf: url)
        }
        #expect(Set(Site.files.keys) == Set(onDisk.keys), "stale: run scripts/embed-files.py")
        for (path, data) in onDisk {
            #expect(Site.files[path].map { Data($0.bytes) } == data, "\(path) is stale: run scripts/embed-files.py")
        }
    }

    @Test func theEmbeddedSeedsAreTheFilesOfSeeds() throws {
        #expect(Seeds.files["world.json"] != nil)
        for (path, bytes) in Seeds.files {
            #expect(Data(bytes) == (try RepositoryFiles.data("seeds/" + path)), "seeds/\(path) is stale: run scripts/embed-files.py")
        }
    }

    @Test(arguments: [("/index.html", "text/html; charset=utf-8"), ("/js/main.js", "text/javascript; charset=utf-8"), ("/css/site.css", "text/css; charset=utf-8")])
    func filesAreServedAsTheirType(path: String, type: String) {
        #expect(Site.files[path]?.contentType == type)
    }

    /// The pages build what they show from text nodes: no markup from strings.
    @Test func noPageWritesMarkupFromStrings() {
        for file in Site.files.values where file.path.hasSuffix(".js") || file.path.hasSuffix(".html") {
            let text = String(decoding: file.bytes, as: UTF8.self)
            for sink in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"] {
                #expect(!text.contains(sink), "\(file.path) uses \(sink)")
            }
            if file.path.hasSuffix(".html") {
                #expect(!text.contains("<script>") && !text.contains("style="), "\(file.path) has inline script or style, which the CSP refuses")
            }
        }
    }
}
