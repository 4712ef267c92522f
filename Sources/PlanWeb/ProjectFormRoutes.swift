import Foundation
import Hummingbird
import PlanCore
import PlanServices
import PlanStore

/// The forms of the major-project library: windows, declarations (one by one or from a workbook,
/// previewed first), scores, admission and publication, stage moves, adjustments, monthly reports
/// (a form or a workbook) and their review, problems closed or made orders, and the rules. A
/// refused form shows its page again with the reason in the reader's language.
struct ProjectFormRoutes {
    let projects: ProjectService
    let staging: ImportStaging
    let pagesRoutes: ProjectPageRoutes
    let pages: ReportingPageRoutes
    static let declarationStaging = "project-declarations"
    static let reportStaging = "project-reports"

    init(services: Services, pages: ReportingPageRoutes) {
        projects = services.projects
        staging = services.staging
        self.pages = pages
        pagesRoutes = ProjectPageRoutes(services: services, pages: pages)
    }

    /// Runs a change and redirects to `to`; a refused change shows `fallback` with the reason.
    func attempt(
        _ request: Request, to: @escaping (Identity) async throws -> String,
        fallback: @escaping (String, HTTPResponse.Status) async throws -> Response,
        fields: [String: String], context: PlanRequestContext
    ) async throws -> Response {
        let identity = try context.requireCSRF(fields)
        do {
            return Response(status: .seeOther, headers: [.location: try await to(identity)])
        } catch let error as ServiceError {
            switch error {
            case .invalid, .conflict, .badParameter, .forbidden: return try await fallback(error.message(Language.of(request)), error.status)
            default: throw error
            }
        }
    }

    func register(on router: Router<PlanRequestContext>) {
        router.post("/projects/windows") { request, context in
            let f = try await FormBody.fields(request)
            return try await attempt(
                request,
                to: { identity in
                    let year = Int(f["year"]?.trimmingCharacters(in: .whitespaces) ?? "") ?? 0
                    _ = try await projects.openWindow(
                        year: year, opens: f["opens"] ?? "", closes: f["closes"] ?? "", criteria: f["criteria"] ?? "", identity: identity,
                        actor: context.actor(identity))
                    return "/projects/desk?year=\(year)"
                }, fallback: { try await pagesRoutes.desk(error: $0, status: $1, request: request, context: context) }, fields: f, context: context)
        }
        router.post("/projects/windows/:year/admit") { request, context in
            let pairs = try await FormBody.pairs(request)
            let f = Dictionary(pairs, uniquingKeysWith: { _, b in b })
            let year = context.parameters.get("year", as: Int.self) ?? 0
            return try await attempt(
                request,
                to: { identity in
                    try await projects.admit(
                        year: year, codes: pairs.filter { $0.0 == "code" }.map(\.1), rejectOthers: f["rejectOthers"] == "1",
                        reason: f["reason"] ?? "",
                        identity: identity, actor: context.actor(identity))
                    return "/projects/desk?year=\(year)"
                }, fallback: { try await pagesRoutes.desk(error: $0, status: $1, request: request, context: context) }, fields: f, context: context)
        }
        router.post("/projects/windows/:year/publish") { request, context in
            let f = try await FormBody.fields(request)
            let year = context.parameters.get("year", as: Int.self) ?? 0
            return try await attempt(
                request,
                to: { identity in
                    try await projects.publish(year: year, identity: identity, actor: context.actor(identity))
                    return "/projects?year=\(year)"
                }, fallback: { try await pagesRoutes.desk(error: $0, status: $1, request: request, context: context) }, fields: f, context: context)
        }
        router.post("/projects/declare") { request, context in
            let f = try await FormBody.fields(request)
            let year = try ProjectPageRoutes.year(request)
            return try await attempt(
                request,
                to: { identity in
                    let cells = f.filter { ProjectFile.columns.map(\.key).contains($0.key) }
                    let p = try await projects.declare(cells, year: year, identity: identity, actor: context.actor(identity))
                    return "/projects/\(p.code)?done=declared"
                },
                fallback: { message, status in
                    let model = ProjectDeclarePage.model(
                        year: year, cells: f, csrf: context.identity?.csrfToken ?? "", error: message, language: Language.of(request))
                    return pages.page(.projectDeclare, model, title: model.heading, request, context, status: status)
                }, fields: f, context: context)
        }
        router.post("/projects/rules") { request, context in
            let f = try await FormBody.fields(request)
            return try await attempt(
                request,
                to: { identity in
                    try await projects.saveRules(
                        try ProjectDeskPage.rules(f, language: Language.of(request)), identity: identity, actor: context.actor(identity))
                    return "/projects/desk#rules"
                }, fallback: { try await pagesRoutes.desk(error: $0, status: $1, request: request, context: context) }, fields: f, context: context)
        }
        router.post("/projects/reports/review") { request, context in
            let pairs = try await FormBody.pairs(request)
            let f = Dictionary(pairs, uniquingKeysWith: { _, b in b })
            return try await attempt(
                request,
                to: { identity in
                    let keys = pairs.filter { $0.0 == "key" }.compactMap { pair -> ProjectReportKey? in
                        let parts = pair.1.split(separator: "|").map(String.init)
                        guard parts.count == 2, let month = Period(parts[1]) else { return nil }
                        return ProjectReportKey(code: parts[0], month: month)
                    }
                    guard !keys.isEmpty else { throw ServiceError.invalid(zh: "请选择报告", en: "Choose the reports") }
                    _ = try await projects.reviewReports(
                        keys, approve: f["decision"] != "return", note: f["note"] ?? "", identity: identity, actor: context.actor(identity))
                    return "/projects/desk#pending"
                }, fallback: { try await pagesRoutes.desk(error: $0, status: $1, request: request, context: context) }, fields: f, context: context)
        }
        router.post("/projects/adjustments/:id/decide") { request, context in
            let f = try await FormBody.fields(request)
            let id = context.parameters.get("id", as: Int.self) ?? 0
            return try await attempt(
                request,
                to: { identity in
                    let a = try await projects.decideAdjustment(
                        id, approve: f["decision"] != "return", note: f["note"] ?? "", identity: identity, actor: context.actor(identity))
                    return "/projects/\(a.code)?done=decided#adjustments"
                },
                fallback: { message, status in
                    let code = try await projects.store.projectAdjustments(code: nil).first { $0.id == id }?.code ?? ""
                    return try await pagesRoutes.projectPage(code, error: message, status: status, request: request, context: context)
                }, fields: f, context: context)
        }
        router.post("/projects/problems/:id/close") { request, context in
            let f = try await FormBody.fields(request)
            let id = context.parameters.get("id", as: Int.self) ?? 0
            return try await attempt(
                request,
                to: { identity in
                    try await projects.closeProblem(id, note: f["note"] ?? "", identity: identity, actor: context.actor(identity))
                    let code = try await projects.store.projectProblems(code: nil).first { $0.id == id }?.code ?? ""
                    return "/projects/\(code)?done=closed#problems"
                },
                fallback: { message, status in
                    let code = try await projects.store.projectProblems(code: nil).first { $0.id == id }?.code ?? ""
                    return try await pagesRoutes.projectPage(code, error: message, status: status, request: request, context: context)
                }, fields: f, context: context)
        }
        router.post("/projects/problems/:id/order") { request, context in
            let f = try await FormBody.fields(request)
            let id = context.parameters.get("id", as: Int.self) ?? 0
            return try await attempt(
                request,
                to: { identity in
                    let order = try await projects.escalateProblem(id, level: f["level"] ?? "", identity: identity, actor: context.actor(identity))
                    return "/orders/\(order.id)"
                },
                fallback: { message, status in
                    let code = try await projects.store.projectProblems(code: nil).first { $0.id == id }?.code ?? ""
                    return try await pagesRoutes.projectPage(code, error: message, status: status, request: request, context: context)
                }, fields: f, context: context)
        }
        registerProjectForms(on: router)
        registerImports(on: router)
    }

    /// Shows a project's page again with the reason a form was refused.
    func projectFallback(_ request: Request, _ context: PlanRequestContext) -> (String, HTTPResponse.Status) async throws -> Response {
        { message, status in
            try await pagesRoutes.projectPage(
                try context.parameters.require("code"), error: message, status: status, request: request, context: context)
        }
    }

    func registerProjectForms(on router: Router<PlanRequestContext>) {
        router.post("/projects/:code/review") { request, context in
            let f = try await FormBody.fields(request)
            let code = try context.parameters.require("code")
            return try await attempt(
                request,
                to: { identity in
                    try await projects.review(
                        code, score: f["score"] ?? "", comment: f["comment"] ?? "", identity: identity, actor: context.actor(identity))
                    return "/projects/\(code)?done=scored#reviews"
                }, fallback: projectFallback(request, context), fields: f, context: context)
        }
        router.post("/projects/:code/move") { request, context in
            let f = try await FormBody.fields(request)
            let code = try context.parameters.require("code")
            return try await attempt(
                request,
                to: { identity in
                    _ = try await projects.move(
                        code, to: f["stage"] ?? "", on: f["day"] ?? "", reason: f["reason"] ?? "", identity: identity, actor: context.actor(identity))
                    return "/projects/\(code)?done=moved#history"
                }, fallback: projectFallback(request, context), fields: f, context: context)
        }
        router.post("/projects/:code/adjustments") { request, context in
            let f = try await FormBody.fields(request)
            let code = try context.parameters.require("code")
            return try await attempt(
                request,
                to: { identity in
                    let cells = f.filter { ["name", "content", "total", "annual", "start", "completion"].contains($0.key) }
                    _ = try await projects.requestAdjustment(
                        code, kind: f["kind"] ?? "", cells: cells, reason: f["reason"] ?? "", identity: identity, actor: context.actor(identity))
                    return "/projects/\(code)?done=requested#adjustments"
                }, fallback: projectFallback(request, context), fields: f, context: context)
        }
        router.post("/projects/:code/reports") { request, context in
            let pairs = try await FormBody.pairs(request)
            var f = Dictionary(pairs, uniquingKeysWith: { _, b in b })
            f["milestones"] = pairs.filter { $0.0 == "milestone" }.map(\.1).joined(separator: "、")
            let code = try context.parameters.require("code")
            f["code"] = code
            return try await attempt(
                request,
                to: { identity in
                    let cells = f.filter { ProjectReportFile.columns.map(\.key).contains($0.key) }
                    let result = try await projects.report(cells, identity: identity, actor: context.actor(identity))
                    guard result.outcomes != nil else {
                        let problems = result.rows.flatMap(\.problems)
                        throw ServiceError.invalid(
                            zh: problems.map(\.messageZh).joined(separator: "；"), en: problems.map(\.message).joined(separator: "; "),
                            problems: problems)
                    }
                    return "/projects/\(code)?done=reported#reports"
                }, fallback: projectFallback(request, context), fields: f, context: context)
        }
        router.post("/projects/:code/reports/:month/review") { request, context in
            let f = try await FormBody.fields(request)
            let code = try context.parameters.require("code")
            return try await attempt(
                request,
                to: { identity in
                    guard let month = Period(try context.parameters.require("month")) else {
                        throw ServiceError.badParameter(name: "month", message: "2025-03")
                    }
                    _ = try await projects.reviewReports(
                        [ProjectReportKey(code: code, month: month)], approve: f["decision"] != "return", note: f["note"] ?? "", identity: identity,
                        actor: context.actor(identity))
                    return "/projects/\(code)?done=reviewed#reports"
                }, fallback: projectFallback(request, context), fields: f, context: context)
        }
    }
}
