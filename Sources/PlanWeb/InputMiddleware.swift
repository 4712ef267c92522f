import Foundation
import Hummingbird
import PlanServices

/// Refuses a request whose path or query holds a control character once decoded (`%00`, `%1B`):
/// no route has a use for one, PostgreSQL cannot compare text with a NUL in it, and SQLite would
/// answer differently. Bodies are checked by the services, field by field.
struct InputMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if TextInput.hasControlCharacters(path.removingPercentEncoding ?? path, multiline: false) {
            throw ServiceError.badParameter(name: "path", message: "control characters are not allowed")
        }
        if let query = request.uri.query {
            for pair in query.split(separator: "&") {
                let text = pair.replacingOccurrences(of: "+", with: " ")
                if TextInput.hasControlCharacters(text.removingPercentEncoding ?? text, multiline: false) {
                    let name = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? "query"
                    throw ServiceError.badParameter(
                        name: TextInput.visible(name.removingPercentEncoding ?? name), message: "control characters are not allowed")
                }
            }
        }
        return try await next(request, context)
    }
}
