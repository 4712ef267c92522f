import Foundation
import Hummingbird
import PlanCore
import PlanServices
import PlanStore

/// `/api/v1` for the major-project library: the list, a project, the exports (XLSX, CSV, OC4IDS),
/// and every step the pages take — windows, declarations, scores, admission, publication, stage
/// moves, adjustments, reports and their review, problems, rules — plus roll-ups and an
/// article's delivery. Snake-case JSON in and out; problems as a JSON problem body.
struct ProjectAPIRoutes {
    let projects: ProjectService
    /// The server's public address: the OC4IDS package's `uri`.
    let publicURL: String

    func register(on router: Router<PlanRequestContext>) {
        let api = router.group("api/v1")
        api.get("projects") { request, context in
            let (page, perPage) = try Query(request: request).paging()
            let items = try await projects.projects(try ProjectPageRoutes.filter(request), identity: context.identity)
            let library = try await projects.library()
            return try JSONResponse.make(
                API.Page.of(
                    items.map { API.ProjectItem($0.project, standing: $0.standing, yearDone: library.yearDone($0.project.code)) }, page: page,
                    perPage: perPage),
                request: request)
        }
        api.get("projects/export") { request, context in
            let format = ProjectService.ExportFormat(rawValue: Query(request: request).string("format") ?? "xlsx")
            guard let format else { throw ServiceError.badParameter(name: "format", message: "xlsx or csv") }
            return try await ProjectPageRoutes.registryDownload(
                projects, filter: try ProjectPageRoutes.filter(request), format: format, identity: context.identity)
        }
        api.get("projects/export.oc4ids.json") { request, _ in
            var response = try JSONResponse.make(try await projects.oc4ids(base: publicURL), request: request)
            response.headers[.contentDisposition] = "attachment; filename=\"projects.oc4ids.json\""
            return response
        }
        api.get("projects/reports/export") { request, context in
            let format = ProjectService.ExportFormat(rawValue: Query(request: request).string("format") ?? "xlsx")
            guard let format else { throw ServiceError.badParameter(name: "format", message: "xlsx or csv") }
            return try await ProjectPageRoutes.reportsDownload(projects, request: request, format: format, identity: context.identity)
        }
        api.get("projects/rollup") { request, context in
            guard let by = ProjectRollup.Dimension(rawValue: Query(request: request).string("by") ?? "city") else {
                throw ServiceError.badParameter(name: "by", message: "city, sector, article or target")
            }
            let result = try await projects.rollup(by, filter: try ProjectPageRoutes.filter(request), identity: context.identity)
            return try JSONResponse.make(
                API.ProjectRollupResponse(year: result.year, by: by.rawValue, rows: result.rows.map(API.ProjectRollupRow.init)), request: request)
        }
        api.get("projects/problems") { request, context in
            try JSONResponse.make(try await projects.problems(nil, identity: context.identity).map(API.ProjectProblemItem.init), request: request)
        }
        api.get("projects/rules") { request, _ in
            try JSONResponse.make(try await projects.rules(), request: request)
        }
        api.put("projects/rules") { request, context in
            let identity = try context.requireIdentity()
            let rules = try await APIBody.decode(ProjectRules.self, request)
            try await projects.saveRules(rules, identity: identity, actor: context.actor(identity))
            return try JSONResponse.make(try await projects.rules(), request: request)
        }
        api.get("projects/windows") { request, _ in
            try JSONResponse.make(try await projects.windows().map(API.WindowItem.init), request: request)
        }
        api.post("projects/windows") { request, context in
            let identity = try context.requireIdentity()
            let body = try await APIBody.decode(API.WindowRequest.self, request)
            let window = try await projects.openWindow(
                year: body.year, opens: body.opens, closes: body.closes, criteria: body.criteria, identity: identity, actor: context.actor(identity))
            return try APIBody.created(API.WindowItem(window), request)
        }
        api.post("projects/windows/:year/declarations") { request, context in
            let identity = try context.requireIdentity()
            let q = Query(request: request)
            let year = context.parameters.get("year", as: Int.self) ?? 0
            let data = Data(buffer: try await FormBody.collect(request, limit: WebLimits.maxUploadBytes))
            let dryRun = ["1", "true", "yes"].contains(q.string("dry_run")?.lowercased() ?? "")
            let result = try await projects.importDeclarations(
                data, year: year, sheet: q.text("sheet"), fileName: q.text("filename") ?? "api-upload", identity: identity,
                actor: context.actor(identity),
                dryRun: dryRun)
            var response = try JSONResponse.make(
                API.ListImportResponse(
                    format: result.format.rawValue, dryRun: dryRun, new: result.count(.new), changed: result.count(.changed),
                    unchanged: result.count(.unchanged), problems: result.rows.flatMap(\.problems), policies: nil,
                    projects: result.rows.compactMap(\.project?.code)),
                request: request)
            if result.outcomes == nil { response.status = .unprocessableContent }
            return response
        }
        api.post("projects/windows/:year/admit") { request, context in
            let identity = try context.requireIdentity()
            let body = try await APIBody.decode(API.AdmitRequest.self, request)
            try await projects.admit(
                year: context.parameters.get("year", as: Int.self) ?? 0, codes: body.codes, rejectOthers: body.rejectOthers ?? false,
                reason: body.reason ?? "", identity: identity, actor: context.actor(identity))
            return Response(status: .noContent)
        }
        api.post("projects/windows/:year/publish") { request, context in
            let identity = try context.requireIdentity()
            try await projects.publish(year: context.parameters.get("year", as: Int.self) ?? 0, identity: identity, actor: context.actor(identity))
            return Response(status: .noContent)
        }
        api.post("projects/reports") { request, context in
            let identity = try context.requireIdentity()
            let q = Query(request: request)
            let data = Data(buffer: try await FormBody.collect(request, limit: WebLimits.maxUploadBytes))
            let dryRun = ["1", "true", "yes"].contains(q.string("dry_run")?.lowercased() ?? "")
            let result = try await projects.importReports(
                data, sheet: q.text("sheet"), fileName: q.text("filename") ?? "api-upload", identity: identity, actor: context.actor(identity),
                dryRun: dryRun)
            var response = try JSONResponse.make(
                API.ListImportResponse(
                    format: result.format?.rawValue ?? "", dryRun: dryRun, new: result.count(.new), changed: result.count(.changed),
                    unchanged: result.count(.unchanged), problems: result.rows.flatMap(\.problems), policies: nil),
                request: request)
            if result.outcomes == nil { response.status = .unprocessableContent }
            return response
        }
        api.post("projects/reports/review") { request, context in
            let identity = try context.requireIdentity()
            let body = try await APIBody.decode(API.ReportReviewRequest.self, request)
            let keys = try body.reports.map { r -> ProjectReportKey in
                guard let month = Period(r.month), case .month = month.span else {
                    throw ServiceError.badParameter(name: "month", message: "2025-03")
                }
                return ProjectReportKey(code: r.code, month: month)
            }
            let changed = try await projects.reviewReports(
                keys, approve: body.approve, note: body.note ?? "", identity: identity, actor: context.actor(identity))
            return try JSONResponse.make(["changed": changed], request: request)
        }
        api.post("projects/adjustments/:id/decision") { request, context in
            let identity = try context.requireIdentity()
            let body = try await APIBody.decode(API.AdjustmentDecisionRequest.self, request)
            let a = try await projects.decideAdjustment(
                context.parameters.get("id", as: Int.self) ?? 0, approve: body.approve, note: body.note ?? "", identity: identity,
                actor: context.actor(identity))
            return try JSONResponse.make(API.AdjustmentItem(a), request: request)
        }
        api.post("projects/problems/:id/close") { request, context in
            let identity = try context.requireIdentity()
            let body = try await APIBody.decode(API.NoteRequest.self, request)
            try await projects.closeProblem(
                context.parameters.get("id", as: Int.self) ?? 0, note: body.note, identity: identity, actor: context.actor(identity))
            return Response(status: .noContent)
        }
        api.post("projects/problems/:id/order") { request, context in
            let identity = try context.requireIdentity()
            let body = try await APIBody.decodeOptional(API.LevelRequest.self, request)
            let order = try await projects.escalateProblem(
                context.parameters.get("id", as: Int.self) ?? 0, level: body?.level ?? "", identity: identity, actor: context.actor(identity))
            return try APIBody.created(API.OrderItem(order, today: projects.clock.today()), request)
        }
        api.get("articles/:number/delivery") { request, context in
            let d = try await projects.articleDelivery(context.parameters.get("number", as: Int.self) ?? 0, identity: context.identity)
            return try JSONResponse.make(API.ArticleDeliveryItem(d), request: request)
        }
        registerProject(on: api)
    }

    func registerProject(on api: RouterGroup<PlanRequestContext>) {
        api.get("projects/:code") { request, context in
            let code = try context.parameters.require("code")
            let identity = context.identity
            let project = try await projects.project(code, identity: identity)
            let library = try await projects.library()
            return try JSONResponse.make(
                API.ProjectDetail(
                    project: API.ProjectItem(project, standing: library.standings[code], yearDone: library.yearDone(code)),
                    transitions: try await projects.transitions(code, identity: identity).map(API.TransitionItem.init),
                    versions: try await projects.versions(code, identity: identity).map {
                        API.VersionItem(version: $0.project.version, at: $0.at, by: $0.by, reason: $0.reason)
                    },
                    adjustments: try await projects.adjustments(code, identity: identity).map(API.AdjustmentItem.init),
                    reports: try await projects.reports(code, identity: identity).map(API.ProjectReportItem.init),
                    problems: try await projects.problems(code, identity: identity).map(API.ProjectProblemItem.init)),
                request: request)
        }
        api.post("projects/:code/reviews") { request, context in
            let identity = try context.requireIdentity()
            let body = try await APIBody.decode(API.ScoreRequest.self, request)
            try await projects.review(
                try context.parameters.require("code"), score: PlainNumber.format(body.score), comment: body.comment ?? "", identity: identity,
                actor: context.actor(identity))
            return Response(status: .noContent)
        }
        api.post("projects/:code/moves") { request, context in
            let identity = try context.requireIdentity()
            let body = try await APIBody.decode(API.MoveRequest.self, request)
            let p = try await projects.move(
                try context.parameters.require("code"), to: body.stage, on: body.day ?? "", reason: body.reason, identity: identity,
                actor: context.actor(identity))
            return try JSONResponse.make(API.ProjectItem(p, standing: nil, yearDone: 0), request: request)
        }
        api.post("projects/:code/adjustments") { request, context in
            let identity = try context.requireIdentity()
            let body = try await APIBody.decode(API.AdjustmentRequest.self, request)
            let a = try await projects.requestAdjustment(
                try context.parameters.require("code"), kind: body.kind, cells: body.changes ?? [:], reason: body.reason, identity: identity,
                actor: context.actor(identity))
            return try APIBody.created(API.AdjustmentItem(a), request)
        }
    }
}
