import Foundation
import Metrics

/// The database connections' use, for the server's metrics: connections in use, the pool's size
/// and how long a unit of work waited for a connection. Made with the provider, after the server
/// bootstrapped swift-metrics (command-line tools record nothing).
struct PoolMetrics: Sendable {
    let inUse: Meter
    let waited: Metrics.Timer

    init(dialect: String, size: Int) {
        inUse = Meter(label: "plantrack_db_connections_in_use", dimensions: [("database", dialect)])
        waited = Metrics.Timer(label: "plantrack_db_connection_wait_seconds", dimensions: [("database", dialect)])
        Gauge(label: "plantrack_db_connections_max", dimensions: [("database", dialect)]).record(size)
    }

    /// A unit of work got its connection (it asked at `asked`).
    func started(after asked: ContinuousClock.Instant) {
        waited.record(duration: ContinuousClock.now - asked)
        inUse.increment()
    }

    /// The unit of work gave its connection back.
    func ended() {
        inUse.decrement()
    }
}
