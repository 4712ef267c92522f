import Foundation
import Hummingbird
import PlanCore
import PlanServices
import PlanStore

/// `/api/v1` for the policy list: read (anyone), export, import (the office).
struct PolicyAPIRoutes {
    let supervision: SupervisionService

    func register(on router: Router<PlanRequestContext>) {
        let api = router.group("api/v1")
        api.get("policies") { request, context in
            let (status, article) = try PolicyPageRoutes.filter(request)
            let today = supervision.clock.today()
            return try JSONResponse.make(
                try await supervision.policies(status: status, article: article, unit: Query(request: request).text("unit")).map {
                    API.PolicyItem($0, today: today)
                }, request: request)
        }
        api.get("policies/export") { _, _ in
            try await PolicyPageRoutes.listDownload(supervision)
        }
        api.post("policies/imports") { request, context in
            let identity = try context.requireIdentity()
            try await supervision.authorizeList(identity)
            let q = Query(request: request)
            let data = Data(buffer: try await FormBody.collect(request, limit: WebLimits.maxUploadBytes))
            let dryRun = ["1", "true", "yes"].contains(q.string("dry_run")?.lowercased() ?? "")
            let result = try await supervision.importPolicies(
                data, sheet: q.text("sheet"), fileName: q.text("filename") ?? "api-upload", identity: identity, actor: context.actor(identity),
                dryRun: dryRun)
            let body = API.ListImportResponse(
                format: result.format.rawValue, dryRun: dryRun, new: result.count(.new), changed: result.count(.changed),
                unchanged: result.count(.unchanged), problems: result.rows.flatMap(\.problems), policies: result.rows.compactMap(\.policy?.id))
            var response = try JSONResponse.make(body, request: request)
            if result.outcomes == nil { response.status = .unprocessableContent }
            return response
        }
        api.get("policies/:id") { request, context in
            try JSONResponse.make(
                API.PolicyItem(try await supervision.policy(try context.parameters.require("id")), today: supervision.clock.today()), request: request
            )
        }
    }
}

extension API {
    struct PolicyItem: Encodable {
        var id, number, title, documentNumber, plannedText, status, link, note: String
        var issuers: [String]
        var articles: [Int]
        var planned, issuedOn: String?
        var position: Int
        var late: Bool

        init(_ p: Policy, today: Day) {
            id = p.id
            number = p.number
            title = p.title
            documentNumber = p.documentNumber
            plannedText = p.plannedText
            status = p.status.rawValue
            link = p.link
            note = p.note
            issuers = p.issuers
            articles = p.articles
            planned = p.planned?.description
            issuedOn = p.issuedOn?.description
            position = p.position
            late = p.isLate(today: today)
        }
    }
}
