import Foundation
import Hummingbird
import Metrics

/// Requests and their latency by route, method and status, as one histogram
/// (`http_server_request_duration_seconds`: its `_count` is the number of requests). Measured from
/// the router's handing over to the response leaving the middleware (pages are sent whole), with
/// one lock to find the series; `HEAD` is counted as itself.
struct RouteMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let series = RouteSeries()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            let response = try await next(request, context)
            series.timer(context.endpointPath ?? "NotFound", request.method.rawValue, response.status.code)
                .recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - started))
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            series.timer(context.endpointPath ?? "NotFound", request.method.rawValue, status)
                .recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - started))
            throw error
        }
    }
}

/// The timers made so far, one per route, method and status.
final class RouteSeries: @unchecked Sendable {
    private struct Key: Hashable {
        var route: String
        var method: String
        var status: Int
    }

    private let lock = NSLock()
    private var timers: [Key: Metrics.Timer] = [:]

    func timer(_ route: String, _ method: String, _ status: Int) -> Metrics.Timer {
        let key = Key(route: route, method: method, status: status)
        lock.lock()
        defer { lock.unlock() }
        if let timer = timers[key] { return timer }
        let timer = Metrics.Timer(
            label: "http_server_request_duration_seconds",
            dimensions: [("route", route), ("method", method), ("status", String(status))], preferredDisplayUnit: .seconds)
        timers[key] = timer
        return timer
    }
}
