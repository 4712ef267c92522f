import Foundation
import HTTPTypes
import Hummingbird
import PlanCore
import PlanServices
import PlanStore

/// Incentive pools over the pages (set on the round page, each with its calculation page) and
/// the API (`/api/v1/assessment/rounds/{id}/pools`). Every rule is in `AssessmentService`.
struct PoolRoutes {
    let services: Services
    let routes: AssessmentRoutes

    var assessment: AssessmentService { services.assessment }

    func register(on router: Router<PlanRequestContext>) {
        router.post("/assessment/rounds/:id/pools") { request, context in
            let fields = try await FormBody.fields(request)
            let identity = try context.requireCSRF(fields)
            let id = try context.parameters.require("id")
            do {
                let pool = try Self.input(fields).pool(roundID: id)
                let saved = try await assessment.savePool(pool, identity: identity, actor: context.actor(identity))
                return Response(status: .seeOther, headers: [.location: "/assessment/rounds/\(id)/pools/\(saved.id)?done=pool"])
            } catch let error as ServiceError where AssessmentRoutes.shownOnForm(error) {
                return try await routes.roundPage(id: id, error: error, request: request, context: context)
            }
        }
        router.get("/assessment/rounds/:id/pools/:pool") { request, context in
            try await poolPage(request: request, context: context)
        }
        router.post("/assessment/rounds/:id/pools/:pool") { request, context in
            let fields = try await FormBody.fields(request)
            let identity = try context.requireCSRF(fields)
            let (id, pool) = (try context.parameters.require("id"), try context.parameters.require("pool"))
            do {
                guard fields["action"] == "confirm" else { throw ServiceError.badParameter(name: "action", message: "confirm") }
                _ = try await assessment.confirmPool(id, pool: pool, identity: identity, actor: context.actor(identity))
                return Response(status: .seeOther, headers: [.location: "/assessment/rounds/\(id)/pools/\(pool)?done=confirm"])
            } catch let error as ServiceError where AssessmentRoutes.shownOnForm(error) {
                return try await poolPage(error: error, request: request, context: context)
            }
        }
        for format in ["xlsx", "csv"] {
            router.get("/assessment/rounds/:id/pools/:pool/allocation.\(format)") { request, context in
                try await export(format: format, context: context)
            }
        }

        let api = router.group("api/v1/assessment")
        api.get("rounds/:id/pools") { request, context in
            let pools = try await assessment.pools(try context.parameters.require("id"), identity: context.identity)
            return try JSONResponse.make(pools.map(API.PoolItem.init), request: request)
        }
        api.post("rounds/:id/pools") { request, context in
            let identity = try context.requireIdentity()
            let body = try await APIBody.decode(API.PoolRequest.self, request)
            let saved = try await assessment.savePool(
                try body.input.pool(roundID: try context.parameters.require("id")), identity: identity, actor: context.actor(identity))
            return try APIBody.created(API.PoolItem(saved), request)
        }
        api.get("rounds/:id/pools/:pool") { request, context in
            let a = try await assessment.allocation(
                try context.parameters.require("id"), pool: try context.parameters.require("pool"), identity: context.identity)
            return try JSONResponse.make(API.AllocationItem(a), request: request)
        }
        api.post("rounds/:id/pools/:pool/confirm") { request, context in
            let identity = try context.requireIdentity()
            let (id, pool) = (try context.parameters.require("id"), try context.parameters.require("pool"))
            _ = try await assessment.confirmPool(id, pool: pool, identity: identity, actor: context.actor(identity))
            return try JSONResponse.make(API.AllocationItem(try await assessment.allocation(id, pool: pool, identity: identity)), request: request)
        }
        api.get("rounds/:id/pools/:pool/export") { request, context in
            let format = Query(request: request).string("format") ?? "xlsx"
            guard ["xlsx", "csv"].contains(format) else { throw ServiceError.badParameter(name: "format", message: "xlsx or csv") }
            return try await export(format: format, context: context)
        }
    }

    static func input(_ f: [String: String]) -> PoolInput {
        PoolInput(
            id: f["id"] ?? "", name: f["name"] ?? "", resource: f["resource"] ?? "", amount: f["amount"] ?? "", rule: f["rule"] ?? "",
            mark: f["mark"] ?? "", weights: f["weights"] ?? "", attribute: f["attribute"] ?? "", values: f["values"] ?? "", floor: f["floor"] ?? "",
            cap: f["cap"] ?? "", vetoed: f["vetoed"] ?? "", decimals: f["decimals"] ?? "")
    }

    func poolPage(error: ServiceError? = nil, request: Request, context: PlanRequestContext) async throws -> Response {
        let language = Language.of(request)
        let a = try await assessment.allocation(
            try context.parameters.require("id"), pool: try context.parameters.require("pool"), identity: context.identity)
        let message: String? =
            switch Query(request: request).string("done") {
            case "pool": language.t("资金池已保存。下表按当前结果试算。", "The pool is saved. The table is computed from the current results.")
            case "confirm": language.t("分配已确认，随本轮考核保存。", "The allocation is confirmed and kept with the round.")
            default: nil
            }
        let model = PoolPage.model(
            a, manages: try await assessment.manages(context.identity), names: try await routes.names(language),
            csrf: context.identity?.csrfToken ?? "", message: message, error: error?.message(language), language: language)
        return routes.pages.page(.pool, model, title: model.heading, request, context, status: error?.status ?? .ok)
    }

    func export(format: String, context: PlanRequestContext) async throws -> Response {
        let (id, pool) = (try context.parameters.require("id"), try context.parameters.require("pool"))
        let a = try await assessment.allocation(id, pool: pool, identity: context.identity)
        if let problem = a.problem { throw ServiceError.conflict(zh: problem.zh, en: problem.en) }
        let names = try await routes.names()
        return format == "csv"
            ? ReportingPageRoutes.download(AllocationFile.csv(a, names: names), type: "text/csv; charset=utf-8", name: "allocation-\(id)-\(pool).csv")
            : ReportingPageRoutes.download(
                try AllocationFile.xlsx(a, names: names), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                name: "allocation-\(id)-\(pool).xlsx")
    }
}

/// JSON shapes of incentive pools (snake_case on the wire).
extension API {
    struct PoolRuleRequest: Decodable {
        var kind: String
        var mark: Double?
        var weights: [String: Double]?
        var attribute: String?
        var values: [String: Double]?
    }

    struct PoolRequest: Decodable {
        var id, name, resource: String
        var amount: Double
        var rule: PoolRuleRequest
        var floor, cap: Double?
        var vetoed: String?
        var decimals: Int?

        var input: PoolInput {
            func pairs(_ d: [String: Double]?) -> String {
                (d ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
            }
            return PoolInput(
                id: id, name: name, resource: resource, amount: "\(amount)", rule: rule.kind, mark: rule.mark.map { "\($0)" } ?? "",
                weights: pairs(rule.weights), attribute: rule.attribute ?? "", values: pairs(rule.values), floor: floor.map { "\($0)" } ?? "",
                cap: cap.map { "\($0)" } ?? "", vetoed: vetoed ?? "", decimals: decimals.map { "\($0)" } ?? "")
        }
    }

    struct PoolItem: Encodable {
        var round, id, name, resource, unit: String
        var amount: Double
        var rule: String
        var ruleText: String
        var floor: Double
        var cap: Double?
        var vetoed: String
        var decimals: Int
        var state: String
        var confirmedBy, confirmedAt: String?

        init(_ p: IncentivePool) {
            (round, id, name, resource, unit, amount) = (p.roundID, p.id, p.name, p.resource.rawValue, p.resource.unitZh, p.amount)
            (rule, ruleText, floor, cap, vetoed, decimals) = (p.rule.kind, p.rule.text(zh: true), p.floor, p.cap, p.vetoed.rawValue, p.decimals)
            (state, confirmedBy, confirmedAt) = (p.state.rawValue, p.confirmedBy, p.confirmedAt)
        }
    }

    struct AllocationLineItem: Encodable {
        var unit: String
        var total: Double
        var grade: String
        var vetoed: Bool
        var weight, floor, exact, amount: Double
        var capped: Bool
        var note: String
    }

    struct AllocationItem: Encodable {
        var pool: PoolItem
        var problem: String?
        var lines: [AllocationLineItem]

        init(_ a: AssessmentService.PoolAllocation) {
            pool = PoolItem(a.pool)
            problem = a.problem?.en
            lines = a.lines.map {
                AllocationLineItem(
                    unit: $0.unit, total: $0.total, grade: $0.grade, vetoed: $0.vetoed, weight: $0.weight, floor: $0.floorPart, exact: $0.exact,
                    amount: $0.amount, capped: $0.capped, note: $0.noteEn)
            }
        }
    }
}
