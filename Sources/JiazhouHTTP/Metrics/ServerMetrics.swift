import CoreMetrics
import Foundation
import JiazhouCore
import JiazhouService
import Synchronization
public import Prometheus

/// The server's metrics, through swift-metrics into one Prometheus registry
/// per server: never the global `MetricsSystem`, so that several servers
/// (tests) each count their own.
///
/// - `jiazhou_http_requests_total{route,method,status}`: requests answered.
/// - `jiazhou_http_request_duration_seconds{route}`: latency histogram.
/// - `jiazhou_ledger_entries`, `jiazhou_database_bytes`: read at each scrape.
/// - `jiazhou_commit_group_requests`: histogram of requests per commit
///   group (per transaction and fsync).
public final class ServerMetrics: Sendable {
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Where this server's metrics live; `/metrics` is its text.
    public let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    private let commitGroups: CoreMetrics.Recorder
    private let ledgerEntries: CoreMetrics.Gauge
    private let databaseBytes: CoreMetrics.Gauge

    /// Metrics in `registry` (a new one by default).
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets["jiazhou_http_request_duration_seconds"] = [
            .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(1000), .milliseconds(5000),
        ]
        factory.valueHistogramBuckets["jiazhou_commit_group_requests"] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096]
        self.factory = factory
        commitGroups = CoreMetrics.Recorder(label: "jiazhou_commit_group_requests", aggregate: true, factory: factory)
        ledgerEntries = CoreMetrics.Gauge(label: "jiazhou_ledger_entries", factory: factory)
        databaseBytes = CoreMetrics.Gauge(label: "jiazhou_database_bytes", factory: factory)
    }

    /// Counts a request. `route` is a template or Hummingbird's "NotFound",
    /// and a method outside the usual ones counts as `other`, so that no
    /// client can grow the number of series (each costs memory for good).
    func recordRequest(route: String, method: String, status: Int, duration: Duration) {
        let key = RequestKey(route: route, method: Self.methods.contains(method) ? method : "other", status: status)
        let handles = requestHandles.withLock { handles in
            if let existing = handles[key] { return existing }
            let made = (
                counter: CoreMetrics.Counter(
                    label: "jiazhou_http_requests_total", dimensions: [("route", key.route), ("method", key.method), ("status", String(status))], factory: factory),
                timer: CoreMetrics.Timer(label: "jiazhou_http_request_duration_seconds", dimensions: [("route", key.route)], factory: factory)
            )
            handles[key] = made
            return made
        }
        handles.counter.increment()
        handles.timer.recordNanoseconds(duration.nanoseconds)
    }

    private static let methods: Set<String> = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]

    private struct RequestKey: Hashable {
        var route: String
        var method: String
        var status: Int
    }

    /// The handles already made, so that a request costs no registry lookup.
    private let requestHandles = Mutex<[RequestKey: (counter: CoreMetrics.Counter, timer: CoreMetrics.Timer)]>([:])

    /// Called by the service after each durable commit group.
    func recordCommitGroup(requests: Int) {
        commitGroups.record(requests)
    }

    /// The Prometheus text, with the ledger's size and the database's bytes read now.
    func exposition(ledger: LedgerService) -> String {
        if let size = try? ledger.info().size { ledgerEntries.record(size) }
        if let bytes = ledger.databaseBytes { databaseBytes.record(bytes) }
        return registry.emitToString()
    }
}

extension Duration {
    var nanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }
}
