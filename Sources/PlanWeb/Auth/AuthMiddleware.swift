import Foundation
import Hummingbird
import PlanServices

/// Finds who is asking: a session cookie (browsers) or a bearer secret (a session opened through
/// the API, or an API token). Unsafe API requests authenticated by cookie must carry the
/// session's CSRF token in `X-CSRF-Token`; page forms carry it as `_csrf` and are checked by
/// their handlers.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = PlanRequestContext
    static let cookieName = "plantrack_session"
    static let csrfHeader = HTTPFields.Element.Name("X-CSRF-Token")!
    static let forwardedFor = HTTPFields.Element.Name("X-Forwarded-For")!
    static let forwardedProto = HTTPFields.Element.Name("X-Forwarded-Proto")!

    let accounts: AccountService
    let settings: WebSettings

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        // Behind one trusted reverse proxy, the client is the address that proxy appended last.
        // A proxy that terminates TLS says so; believing it only ever adds `Secure` to cookies.
        context.overHTTPS = request.headers[Self.forwardedProto]?.lowercased().hasPrefix("https") == true
        if settings.trustedProxy, let forwarded = request.headers[Self.forwardedFor],
            let client = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !client.isEmpty
        {
            context.remoteAddress = String(client.prefix(64))
        }
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            let secret = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            guard let identity = try await accounts.identify(secret: secret, channel: "api") else { throw ServiceError.notAuthenticated }
            context.identity = identity
        } else if let secret = request.cookies[Self.cookieName]?.value, !secret.isEmpty {
            context.identity = try await accounts.identify(secret: secret, channel: "web")
            if let identity = context.identity, Self.isAPI(request.uri.path), Self.isUnsafe(request.method) {
                guard let sent = request.headers[Self.csrfHeader], let expected = identity.csrfToken, Credentials.equal(sent, expected) else {
                    throw ServiceError.forbidden(zh: "缺少或错误的 CSRF 令牌（X-CSRF-Token）", en: "Missing or wrong CSRF token (X-CSRF-Token)")
                }
            }
        }
        return try await next(request, context)
    }

    /// Whether a path reaches the API, deciding as the router does (empty segments skipped:
    /// `//api/v1/…` is the API too).
    static func isAPI(_ path: String) -> Bool {
        path.split(separator: "/", omittingEmptySubsequences: true).first == "api"
    }

    static func isUnsafe(_ method: HTTPRequest.Method) -> Bool {
        method != .get && method != .head && method != .options
    }
}

extension PlanRequestContext {
    /// The identity, or 401.
    func requireIdentity() throws -> Identity {
        guard let identity else { throw ServiceError.notAuthenticated }
        return identity
    }

    /// Checks a page form's `_csrf` field against the session.
    func requireCSRF(_ form: [String: String]) throws -> Identity {
        let identity = try requireIdentity()
        guard let sent = form["_csrf"], let expected = identity.csrfToken, Credentials.equal(sent, expected) else {
            throw ServiceError.forbidden(
                zh: "表单已失效（CSRF 校验失败），请刷新页面后重试", en: "The form has expired (CSRF check failed); reload the page and try again")
        }
        return identity
    }
}
