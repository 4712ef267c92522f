import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Names every request: the `X-Request-Id` the reverse proxy sent (letters, digits, `-`, `_`,
/// `.`, at most 128), or Hummingbird's own id of the request. The id goes back in the response's `X-Request-Id` and, with
/// the route, into every log line written while the request runs; one access line is logged per
/// request (at `info` for writes and for server errors, `debug` for reads).
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    static var header: HTTPField.Name { HTTPField.Name("X-Request-Id")! }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        // Hummingbird's own id (logged as `request_id`) unless the proxy sent one.
        let id: String
        if let given = request.headers[Self.header].flatMap(Self.acceptable) {
            id = given
            context.logger[metadataKey: "hb.request.id"] = .string(given)
        } else {
            id = context.id
        }
        context.logger[metadataKey: "route"] = .string(context.endpointPath ?? "NotFound")
        let started = ContinuousClock.now
        let write = ![.get, .head, .options].contains(request.method)
        do {
            var response = try await next(request, context)
            response.headers[Self.header] = id
            let status = response.status.code
            context.logger.log(
                level: status >= 500 ? .error : write ? .info : .debug, "request",
                metadata: Self.access(request, status: status, since: started))
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            context.logger.log(
                level: status >= 500 ? .error : write ? .info : .debug, "request",
                metadata: Self.access(request, status: status, since: started))
            throw error
        }
    }

    static func acceptable(_ text: String) -> String? {
        guard !text.isEmpty, text.count <= 128,
            text.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) })
        else { return nil }
        return text
    }

    static func access(_ request: Request, status: Int, since: ContinuousClock.Instant) -> Logger.Metadata {
        let elapsed = ContinuousClock.now - since
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        return [
            "method": .string(request.method.rawValue), "path": .string(request.uri.path), "status": .stringConvertible(status),
            "ms": .string(String(format: "%.1f", ms)),
        ]
    }
}
