import Foundation
import Hummingbird
import PlanCore
import PlanServices
import PlanStore

/// `/api/v1` for supervision: the responsibility list (read, import, export), task progress with
/// evidence and its review, and each person's alerts.
struct SupervisionAPIRoutes {
    let supervision: SupervisionService

    func register(on router: Router<PlanRequestContext>) {
        let api = router.group("api/v1")
        api.get("tasks") { request, context in
            let q = Query(request: request)
            let year = try q.string("year").map { try SupervisionPageRoutes.year($0) }
            return try JSONResponse.make(try await supervision.tasks(year: year, unit: q.text("unit")).map(API.TaskItem.init), request: request)
        }
        api.get("tasks/export") { request, context in
            try await SupervisionPageRoutes.listDownload(supervision, request)
        }
        api.post("tasks/imports") { request, context in
            let identity = try context.requireIdentity()
            try await supervision.authorizeList(identity)
            let q = Query(request: request)
            let data = Data(buffer: try await FormBody.collect(request, limit: WebLimits.maxUploadBytes))
            let dryRun = ["1", "true", "yes"].contains(q.string("dry_run")?.lowercased() ?? "")
            let year = try q.string("year").map { try SupervisionPageRoutes.year($0) }
            let result = try await supervision.importList(
                data, sheet: q.text("sheet"), fileName: q.text("filename") ?? "api-upload", year: year, identity: identity,
                actor: context.actor(identity), dryRun: dryRun)
            let body = API.ListImportResponse(
                format: result.format.rawValue, dryRun: dryRun, new: result.count(.new), changed: result.count(.changed),
                unchanged: result.count(.unchanged), problems: result.rows.flatMap(\.problems), tasks: result.rows.compactMap(\.task?.id))
            var response = try JSONResponse.make(body, request: request)
            if result.outcomes == nil { response.status = .unprocessableContent }
            return response
        }
        api.get("tasks/:id") { request, context in
            let view = try await supervision.taskView(try context.parameters.require("id"), identity: context.identity)
            return try JSONResponse.make(
                API.TaskDetail(
                    task: API.TaskItem(view.task), reports: view.reports.map(API.ProgressItem.init), divergent: view.divergent,
                    targetStatuses: view.targetStatuses.mapValues(\.rawValue)),
                request: request)
        }
        api.post("tasks/:id/progress") { request, context in
            let identity = try context.requireIdentity()
            let body = try await APIBody.decode(API.ProgressRequest.self, request)
            guard let status = TaskStatus(rawValue: body.status) else {
                throw ServiceError.badParameter(name: "status", message: TaskStatus.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard let confidence = DeliveryConfidence(rawValue: body.confidence) else {
                throw ServiceError.badParameter(name: "confidence", message: DeliveryConfidence.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let period = try body.period.map { text -> Period in
                guard let p = Period(text) else { throw ServiceError.badParameter(name: "period", message: "a month such as 2026-11") }
                return p
            }
            let report = try await supervision.reportProgress(
                task: try context.parameters.require("id"), unit: body.unit, period: period,
                form: .init(
                    status: status, confidence: confidence, narrative: body.narrative ?? "", milestonesDone: body.milestonesDone ?? [],
                    submit: body.submit ?? false),
                identity: identity, actor: context.actor(identity))
            return try JSONResponse.make(API.ProgressItem(report), request: request)
        }
        api.post("tasks/:id/progress/:unit/:period/evidence") { request, context in
            let identity = try context.requireIdentity()
            let (id, unit, period) = try Self.report(context)
            let data = Data(buffer: try await FormBody.collect(request, limit: EvidenceRules.maxBytes + 1))
            let report = try await supervision.addEvidence(
                task: id, unit: unit, period: period, fileName: Query(request: request).text("filename") ?? "evidence", data: data,
                identity: identity, actor: context.actor(identity))
            return try APIBody.created(API.ProgressItem(report), request)
        }
        for step in SupervisionService.ProgressStep.allCases {
            api.post("tasks/:id/progress/:unit/:period/\(step.rawValue)") { request, context in
                let identity = try context.requireIdentity()
                let (id, unit, period) = try Self.report(context)
                let body = try await APIBody.decodeOptional(API.StepRequest.self, request)
                let report = try await supervision.stepProgress(
                    step, task: id, unit: unit, period: period, reason: body?.reason, identity: identity, actor: context.actor(identity))
                return try JSONResponse.make(API.ProgressItem(report), request: request)
            }
        }
        api.get("evidence/:id") { request, context in
            SupervisionPageRoutes.evidenceResponse(
                try await supervision.evidence(try context.parameters.require("id"), identity: try context.requireIdentity()))
        }
        api.get("inbox") { request, context in
            let q = Query(request: request)
            let digests = try await supervision.inbox(
                try context.requireIdentity(), showMuted: ["1", "true"].contains(q.string("muted") ?? ""), unit: q.text("unit"))
            return try JSONResponse.make(digests.map(API.DigestItem.init), request: request)
        }
        api.post("inbox/marks") { request, context in
            let identity = try context.requireIdentity()
            let body = try await APIBody.decode(API.MarkRequest.self, request)
            try await supervision.mark(body.key, as: try SupervisionPageRoutes.mark(body.mark), identity: identity, actor: context.actor(identity))
            return Response(status: .noContent)
        }
    }

    static func report(_ context: PlanRequestContext) throws -> (String, String, Period) {
        guard let period = Period(try context.parameters.require("period")) else {
            throw ServiceError.badParameter(name: "period", message: "a month such as 2026-11")
        }
        return (try context.parameters.require("id"), try context.parameters.require("unit"), period)
    }
}
