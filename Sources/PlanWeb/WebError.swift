import Foundation
import Hummingbird
import PlanCore
import PlanStore

/// The web layer's one error type: every failure a request can meet, mapped in one place to a
/// localized HTML page or a JSON problem body (RFC 9457).
public enum WebError: Error, Sendable {
    case notFound(what: String)
    case badRequest(parameter: String, message: String)
    case unavailable(String)
    /// Not logged in (pages redirect to the login form).
    case unauthorized
    /// Logged in, but the role or unit does not allow it.
    case forbidden(zh: String, en: String)
    /// The request conflicts with the current state (a workflow step that is not allowed now).
    case conflict(zh: String, en: String)
    /// The content is well-formed but invalid: every problem, by line.
    case invalid(zh: String, en: String, problems: [RowProblem])
    /// Too many failed logins; retry after the given seconds.
    case tooManyRequests(retryAfter: Int)
    /// The body is larger than the limit (bytes).
    case payloadTooLarge(limit: Int)

    var status: HTTPResponse.Status {
        switch self {
        case .notFound: .notFound
        case .badRequest: .badRequest
        case .unavailable: .serviceUnavailable
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .conflict: .conflict
        case .invalid: .unprocessableContent
        case .tooManyRequests: .tooManyRequests
        case .payloadTooLarge: .contentTooLarge
        }
    }

    public func message(_ language: Language) -> String {
        switch self {
        case .notFound(let what): language.t("没有找到：\(what)", "Not found: \(what)")
        case .badRequest(let parameter, let message): language.t("参数 \(parameter) 有误：\(message)", "Bad parameter \(parameter): \(message)")
        case .unavailable(let why): language.t("服务暂不可用：\(why)", "Service unavailable: \(why)")
        case .unauthorized: language.t("请先登录", "Log in first")
        case .forbidden(let zh, let en), .conflict(let zh, let en), .invalid(let zh, let en, _): language.t(zh, en)
        case .tooManyRequests(let seconds):
            language.t("登录失败次数过多，请 \(max(1, seconds / 60)) 分钟后再试", "Too many failed logins: try again in \(max(1, seconds / 60)) minutes")
        case .payloadTooLarge(let limit):
            language.t("上传内容超过 \(limit / 1_048_576) MB 上限", "The upload exceeds the \(limit / 1_048_576) MB limit")
        }
    }

    /// A refusal for lack of permission on a unit.
    static func notAllowed(_ action: String, unit: String) -> WebError {
        .forbidden(zh: "无权对单位 \(unit) 执行此操作（\(action)）", en: "Not allowed to \(action) for unit \(unit)")
    }
}

/// Turns errors into responses: JSON problems under `/api/`, localized error pages elsewhere.
/// Anything unexpected becomes a 500 without internals in the body, and is logged.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let renderer: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as WebError {
            return respond(error, request: request)
        } catch let error as WorkflowError {
            return respond(.conflict(zh: error.zh, en: error.en), request: request)
        } catch let error as AccountError {
            return respond(error.webError, request: request)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            return respond(.payloadTooLarge(limit: WebLimits.maxUploadBytes), request: request)
        } catch let error as HTTPError where error.status == .notFound {
            return respond(.notFound(what: request.uri.path), request: request)
        } catch let error as HTTPError {
            return respond(.badRequest(parameter: "request", message: error.body ?? "\(error.status)"), request: request)
        } catch {
            context.logger.error("unexpected error on \(request.uri.path): \(error)")
            let language = Language.of(request)
            if AuthMiddleware.isAPI(request.uri.path) {
                return Problem(status: .internalServerError, title: "Internal Server Error", detail: "The server failed; the error is logged.").response
            }
            let html = renderer.render(
                "error", model: ErrorPageModel(status: 500, heading: language.t("服务器错误", "Server error"), message: language.t("服务器出错，已记录。", "The server failed; the error is logged."), home: language.t("返回总览", "Back to the overview")),
                title: "500", request: request, language: language)
            return htmlResponse(html, status: .internalServerError, request: request, language: language)
        }
    }

    func respond(_ error: WebError, request: Request) -> Response {
        let language = Language.of(request)
        if AuthMiddleware.isAPI(request.uri.path) || request.uri.path == "/readyz" || request.uri.path == "/healthz" {
            var problem = Problem(status: error.status, title: error.status.reasonPhrase, detail: error.message(.en))
            problem.detailZh = error.message(.zh)
            if case .invalid(_, _, let problems) = error { problem.errors = problems }
            var response = problem.response
            if case .tooManyRequests(let seconds) = error { response.headers[.retryAfter] = String(seconds) }
            if case .unauthorized = error { response.headers[.wwwAuthenticate] = "Bearer realm=\"plantrack\"" }
            return response
        }
        if case .unauthorized = error {
            let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            let target = "/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")
            return Response(status: .seeOther, headers: [.location: target])
        }
        let heading: String =
            switch error {
            case .notFound: language.t("页面不存在", "Page not found")
            case .badRequest: language.t("请求有误", "Bad request")
            case .unavailable: language.t("暂不可用", "Unavailable")
            case .unauthorized: language.t("需要登录", "Login required")
            case .forbidden: language.t("没有权限", "Not allowed")
            case .conflict: language.t("无法执行", "Not possible now")
            case .invalid: language.t("内容有误", "Invalid content")
            case .tooManyRequests: language.t("请稍后再试", "Try again later")
            case .payloadTooLarge: language.t("文件过大", "Too large")
            }
        let model = ErrorPageModel(status: Int(error.status.code), heading: heading, message: error.message(language), home: language.t("返回总览", "Back to the overview"))
        let html = renderer.render("error", model: model, title: heading, request: request, language: language)
        return htmlResponse(html, status: error.status, request: request, language: language)
    }
}

struct ErrorPageModel {
    var status: Int
    var heading: String
    var message: String
    var home: String
}

/// One problem of an invalid batch or file, by line (or item) and indicator.
public struct RowProblem: Encodable, Sendable, Hashable {
    public var line: Int
    public var indicatorKey: String?
    public var message: String
    public var messageZh: String

    enum CodingKeys: String, CodingKey {
        case line
        case indicatorKey = "indicator_key"
        case message
        case messageZh = "message_zh"
    }
}

/// An RFC 9457 problem body, with the detail also in Chinese and, for invalid content, every
/// problem found.
struct Problem: Encodable {
    var type = "about:blank"
    var title: String
    var status: Int
    var detail: String
    var detailZh: String?
    var errors: [RowProblem]?

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail, errors
        case detailZh = "detail_zh"
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

extension AccountError {
    var webError: WebError {
        switch self {
        case .userExists(let name): .conflict(zh: "用户名 \(name) 已存在", en: "User \(name) already exists")
        case .unknownUser(let name): .notFound(what: name)
        case .unknownUnit(let code): .badRequest(parameter: "unit", message: "unknown unit \(code)")
        }
    }
}
