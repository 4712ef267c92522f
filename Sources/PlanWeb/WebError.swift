import Foundation
import Hummingbird

/// The web layer's one error type: every failure a request can meet, mapped in one place to a
/// localized HTML page or a JSON problem body (RFC 9457).
public enum WebError: Error, Sendable {
    case notFound(what: String)
    case badRequest(parameter: String, message: String)
    case unavailable(String)

    var status: HTTPResponse.Status {
        switch self {
        case .notFound: .notFound
        case .badRequest: .badRequest
        case .unavailable: .serviceUnavailable
        }
    }

    func message(_ language: Language) -> String {
        switch self {
        case .notFound(let what): language.t("没有找到：\(what)", "Not found: \(what)")
        case .badRequest(let parameter, let message): language.t("参数 \(parameter) 有误：\(message)", "Bad parameter \(parameter): \(message)")
        case .unavailable(let why): language.t("服务暂不可用：\(why)", "Service unavailable: \(why)")
        }
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
        } catch let error as HTTPError where error.status == .notFound {
            return respond(.notFound(what: request.uri.path), request: request)
        } catch let error as HTTPError {
            return respond(.badRequest(parameter: "request", message: error.body ?? "\(error.status)"), request: request)
        } catch {
            context.logger.error("unexpected error on \(request.uri.path): \(error)")
            let language = Language.of(request)
            if request.uri.path.hasPrefix("/api/") {
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
        if request.uri.path.hasPrefix("/api/") || request.uri.path == "/readyz" || request.uri.path == "/healthz" {
            return Problem(status: error.status, title: error.status.reasonPhrase, detail: error.message(.en)).response
        }
        let heading: String =
            switch error {
            case .notFound: language.t("页面不存在", "Page not found")
            case .badRequest: language.t("请求有误", "Bad request")
            case .unavailable: language.t("暂不可用", "Unavailable")
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

/// An RFC 9457 problem body.
struct Problem: Encodable {
    var type = "about:blank"
    var title: String
    var status: Int
    var detail: String

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
