import Foundation
import Hummingbird
import Metrics
import Prometheus

/// The process's metrics in Prometheus's text format at `GET /metrics`: requests and their
/// latency by route (``RouteMetricsMiddleware``), database connections in use, snapshot
/// builds and the data version, imported rows and failed logins (the services', through
/// swift-metrics). swift-metrics is bootstrapped with this registry once per process, before the
/// store and the routes are made.
public enum ServerMetrics {
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.nameAndLabelSanitizer = { name, labels in
            (prometheusName(name), labels.map { (prometheusName($0.0), $0.1) })
        }
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    /// Bootstraps swift-metrics (once; later calls do nothing).
    public static func bootstrap() {
        _ = registry
    }

    /// `http.server.request.duration` → `http_server_request_duration`.
    static func prometheusName(_ name: String) -> String {
        String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") ? $0 : "_" })
    }

    /// `GET /metrics`.
    static func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/metrics") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
    }
}
