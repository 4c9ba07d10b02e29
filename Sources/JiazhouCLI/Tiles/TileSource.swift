import AsyncHTTPClient
import Foundation
import JiazhouCore
import JiazhouService
import NIOCore
import NIOHTTP1

/// Where `audit --tiles` reads a log: an http(s) URL prefix (the log's
/// `/tlog/`, or a mirror's) or a folder written by `jiazhou tiles --to`.
final class TileSource: Sendable {
    /// An entry bundle is at most 256 entries of 2 + 65,535 bytes.
    static let maxResourceBytes = 256 * (2 + 65_535)

    private let source: String
    private let client: HTTPClient?

    init(_ source: String) {
        self.source = source
        if source.hasPrefix("http://") || source.hasPrefix("https://") {
            var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(10), read: .seconds(30)))
            // A refused connection is an answer: say so now, not after retrying until the deadline.
            configuration.connectionPool.retryConnectionEstablishment = false
            client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        } else {
            client = nil
        }
    }

    func shutdown() async {
        try? await client?.shutdown()
    }

    var fetch: TileAudit.Fetch {
        if let client {
            let prefix = source.hasSuffix("/") ? source : source + "/"
            return { path in try await Self.get(prefix + path, client: client) }
        }
        let folder = URL(fileURLWithPath: source, isDirectory: true)
        return { path in
            let url = folder.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            do { return Array(try Data(contentsOf: url)) } catch {
                throw LedgerError(.storage_unavailable, "cannot read \(url.path)", cause: "\(error)")
            }
        }
    }

    static func get(_ url: String, client: HTTPClient) async throws -> [UInt8]? {
        let response: HTTPClientResponse
        do {
            response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(60))
        } catch {
            throw LedgerError(.storage_unavailable, "cannot fetch \(url)", cause: "\(error)")
        }
        if response.status == .notFound { return nil }
        guard response.status == .ok else {
            throw LedgerError(.storage_unavailable, "GET \(url) answered \(response.status.code) \(response.status.reasonPhrase)")
        }
        do {
            return Array(buffer: try await response.body.collect(upTo: maxResourceBytes))
        } catch {
            throw LedgerError(.storage_unavailable, "cannot read \(url) (over \(maxResourceBytes) bytes, or cut off)", cause: "\(error)")
        }
    }
}
