import Foundation
import Hummingbird
import NIOHTTP1
import PlanCore
import PlanServices
import PlanStore

extension ServiceError {
    /// The one mapping of a domain error to an HTTP status.
    var status: HTTPResponse.Status {
        switch self {
        case .notFound: .notFound
        case .badParameter: .badRequest
        case .unavailable: .serviceUnavailable
        case .notAuthenticated: .unauthorized
        case .forbidden: .forbidden
        case .conflict: .conflict
        case .invalid: .unprocessableContent
        case .throttled: .tooManyRequests
        case .tooLarge: .contentTooLarge
        }
    }

    /// The message in the page's language.
    func message(_ language: Language) -> String {
        language.t(zh, en)
    }

    /// The heading of the error page.
    func heading(_ language: Language) -> String {
        switch self {
        case .notFound: language.t("页面不存在", "Page not found")
        case .badParameter: language.t("请求有误", "Bad request")
        case .unavailable: language.t("暂不可用", "Unavailable")
        case .notAuthenticated: language.t("需要登录", "Login required")
        case .forbidden: language.t("没有权限", "Not allowed")
        case .conflict: language.t("无法执行", "Not possible now")
        case .invalid: language.t("内容有误", "Invalid content")
        case .throttled: language.t("请稍后再试", "Try again later")
        case .tooLarge: language.t("文件过大", "Too large")
        }
    }
}

extension WorkflowError {
    var serviceError: ServiceError { .conflict(zh: zh, en: en) }
}

extension AccountError {
    var serviceError: ServiceError {
        switch self {
        case .userExists(let name): .conflict(zh: "用户名 \(name) 已存在", en: "User \(name) already exists")
        case .unknownUser(let name): .notFound(what: name)
        case .unknownUnit(let code): .badParameter(name: "unit", message: "unknown unit \(code)")
        }
    }
}

/// Turns errors into responses: JSON problems under `/api/`, localized error pages elsewhere.
/// The only place where domain errors become HTTP statuses. Anything unexpected becomes a 500
/// without internals in the body, and is logged.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let renderer: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServiceError {
            return respond(error, request: request)
        } catch let error as WorkflowError {
            return respond(error.serviceError, request: request)
        } catch let error as AccountError {
            return respond(error.serviceError, request: request)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            return respond(.tooLarge(limit: WebLimits.maxUploadBytes), request: request)
        } catch let error as HTTPError where error.status == .notFound {
            return respond(.notFound(what: request.uri.path), request: request)
        } catch is HTTPParserError {
            // A malformed body (a broken chunked encoding, say) is the client's mistake.
            return respond(.badParameter(name: "body", message: "malformed HTTP message"), request: request)
        } catch let error as HTTPError {
            return respond(.badParameter(name: "request", message: error.body ?? "\(error.status)"), request: request)
        } catch {
            context.logger.error("unexpected error on \(request.uri.path): \(error)")
            let language = Language.of(request)
            if AuthMiddleware.isAPI(request.uri.path) {
                return Problem(status: .internalServerError, title: "Internal Server Error", detail: "The server failed; the error is logged.")
                    .response
            }
            let html = renderer.render(
                .error,
                model: ErrorPageModel(
                    status: 500, heading: language.t("服务器错误", "Server error"),
                    message: language.t("服务器出错，已记录。", "The server failed; the error is logged."),
                    home: language.t("返回总览", "Back to the overview")),
                title: "500", request: request, language: language)
            return htmlResponse(html, status: .internalServerError, request: request, language: language)
        }
    }

    func respond(_ error: ServiceError, request: Request) -> Response {
        let language = Language.of(request)
        if AuthMiddleware.isAPI(request.uri.path) || request.uri.path == "/readyz" || request.uri.path == "/healthz" {
            var problem = Problem(status: error.status, title: error.status.reasonPhrase, detail: error.en)
            problem.detailZh = error.zh
            if case .invalid(_, _, let problems, let total) = error {
                problem.errors = problems
                problem.errorCount = total
            }
            var response = problem.response
            if case .throttled(let seconds) = error { response.headers[.retryAfter] = String(seconds) }
            if case .notAuthenticated = error { response.headers[.wwwAuthenticate] = "Bearer realm=\"plantrack\"" }
            return response
        }
        if case .notAuthenticated = error {
            let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            let target = "/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")
            return Response(status: .seeOther, headers: [.location: target])
        }
        let heading = error.heading(language)
        let model = ErrorPageModel(
            status: Int(error.status.code), heading: heading, message: error.message(language), home: language.t("返回总览", "Back to the overview"))
        let html = renderer.render(.error, model: model, title: heading, request: request, language: language)
        return htmlResponse(html, status: error.status, request: request, language: language)
    }
}

struct ErrorPageModel {
    var status: Int
    var heading: String
    var message: String
    var home: String
}

/// An RFC 9457 problem body, with the detail also in Chinese and, for invalid content, the first
/// problems found and how many there are.
struct Problem: Encodable {
    var type = "about:blank"
    var title: String
    var status: Int
    var detail: String
    var detailZh: String?
    var errors: [RowProblem]?
    var errorCount: Int?

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail, errors
        case detailZh = "detail_zh"
        case errorCount = "error_count"
    }

    init(status: HTTPResponse.Status, title: String, detail: String) {
        self.title = title
        self.status = Int(status.code)
        self.detail = detail
    }

    var response: Response {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        return Response(
            status: HTTPResponse.Status(code: status), headers: [.contentType: "application/problem+json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
