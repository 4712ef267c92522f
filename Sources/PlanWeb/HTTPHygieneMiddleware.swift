import HTTPTypes
import Hummingbird

/// HTTP hygiene on every response: `HEAD` (routed to the `GET` route) answers without the body, and every
/// response carries the security headers (a Content-Security-Policy that allows no inline or
/// foreign script and no framing, `nosniff`, a referrer policy) unless a route set its own.
struct HTTPHygieneMiddleware<Context: RequestContext>: RouterMiddleware {
    /// PlanTrack's pages use no script at all; inline styles stay allowed (SVG charts carry them).
    static var securityHeaders: [(HTTPField.Name, String)] {
        [
            (
                HTTPField.Name("Content-Security-Policy")!,
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
            ),
            (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
            (HTTPField.Name("Referrer-Policy")!, "strict-origin-when-cross-origin"),
            (HTTPField.Name("X-Frame-Options")!, "DENY"),
        ]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // The router answers HEAD with the GET route (`autoGenerateHeadEndpoints`); the body goes.
        let isHead = request.method == .head
        var response = try await next(request, context)
        for (name, value) in Self.securityHeaders where response.headers[name] == nil { response.headers[name] = value }
        if isHead {
            let length = response.body.contentLength
            response.body = ResponseBody()
            if let length { response.headers[.contentLength] = String(length) }
        }
        return response
    }
}
