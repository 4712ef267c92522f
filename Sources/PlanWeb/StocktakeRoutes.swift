import Foundation
import HTTPTypes
import Hummingbird
import PlanCore
import PlanServices
import PlanStore

/// Stocktakes over the pages (`/stocktakes`) and the API (`/api/v1/stocktakes`): the list, the
/// office opening one, the pack (printable, and as a PDF through headless Chromium), and
/// decisions that become orders or tasks. Every rule is in `SupervisionService`.
struct StocktakeRoutes {
    let services: Services
    let pages: ReportingPageRoutes

    var supervision: SupervisionService { services.supervision }
    var reporting: ReportingService { services.reporting }

    func register(on router: Router<PlanRequestContext>) {
        router.get("/stocktakes") { request, context in
            try await listPage(request: request, context: context)
        }
        router.post("/stocktakes") { request, context in
            let fields = try await FormBody.fields(request)
            let identity = try context.requireCSRF(fields)
            do {
                let stocktake = try await create(date: fields["date"], scope: fields["scope"], identity: identity, actor: context.actor(identity))
                return Response(status: .seeOther, headers: [.location: "/stocktakes/\(stocktake.id)"])
            } catch let error as ServiceError {
                switch error {
                case .conflict, .badParameter:
                    return try await listPage(error: error.message(Language.of(request)), status: error.status, request: request, context: context)
                default: throw error
                }
            }
        }
        router.get("/stocktakes/:id") { request, context in
            let html = try await Self.pageHTML(
                services, renderer: pages.renderer, id: try context.parameters.require("id"), identity: try context.requireIdentity(),
                request: request)
            return htmlResponse(html, status: .ok, request: request, language: Language.of(request), identity: context.identity, shared: false)
        }
        router.get("/stocktakes/:id/pdf") { request, context in
            try await pdf(id: try context.parameters.require("id"), request: request, context: context)
        }
        router.post("/stocktakes/:id/decisions") { request, context in
            let fields = try await FormBody.fields(request)
            let identity = try context.requireCSRF(fields)
            let id = try context.parameters.require("id")
            do {
                _ = try await supervision.decide(
                    id, .init(text: fields["text"] ?? "", kind: fields["kind"] ?? "", unit: fields["unit"] ?? "", due: fields["due"] ?? ""),
                    identity: identity, actor: context.actor(identity))
            } catch let error as ServiceError {
                switch error {
                case .invalid, .conflict, .badParameter:
                    let html = try await Self.pageHTML(
                        services, renderer: pages.renderer, id: id, identity: identity, request: request, error: error.message(Language.of(request)))
                    return htmlResponse(
                        html, status: error.status, request: request, language: Language.of(request), identity: identity, shared: false)
                default: throw error
                }
            }
            return Response(status: .seeOther, headers: [.location: "/stocktakes/\(id)?done=decided"])
        }

        let api = router.group("api/v1")
        api.get("stocktakes") { request, context in
            try JSONResponse.make(try await supervision.stocktakes(try context.requireIdentity()).map(API.StocktakeItem.init), request: request)
        }
        api.post("stocktakes") { request, context in
            let identity = try context.requireIdentity()
            let body = try await APIBody.decode(API.StocktakeRequest.self, request)
            let stocktake = try await create(date: body.date, scope: body.scope ?? "province", identity: identity, actor: context.actor(identity))
            return try APIBody.created(API.StocktakeItem(stocktake), request)
        }
        api.get("stocktakes/:id") { request, context in
            let pack = try await supervision.pack(try context.parameters.require("id"), identity: try context.requireIdentity())
            return try JSONResponse.make(API.PackItem(pack, today: supervision.clock.today()), request: request)
        }
        api.get("stocktakes/:id/pdf") { request, context in
            try await pdf(id: try context.parameters.require("id"), request: request, context: context)
        }
        api.post("stocktakes/:id/decisions") { request, context in
            let identity = try context.requireIdentity()
            let body = try await APIBody.decode(API.DecisionRequest.self, request)
            let stocktake = try await supervision.decide(
                try context.parameters.require("id"),
                .init(text: body.text, kind: body.kind, unit: body.unit ?? "", due: body.due ?? "", level: body.level ?? OrderLevel.key.rawValue),
                identity: identity, actor: context.actor(identity))
            return try APIBody.created(API.StocktakeItem(stocktake), request)
        }
    }

    func create(date: String?, scope: String?, identity: Identity, actor: Actor) async throws -> Stocktake {
        guard let day = Day(date ?? "") else { throw ServiceError.badParameter(name: "date", message: "a day such as 2026-12-10") }
        guard let scope = StocktakeScope(slug: scope ?? "") else {
            throw ServiceError.badParameter(name: "scope", message: "province, chapter-N or a city's code")
        }
        return try await supervision.createStocktake(date: day, scope: scope, identity: identity, actor: actor)
    }

    func pdf(id: String, request: Request, context: PlanRequestContext) async throws -> Response {
        let html = try await Self.pageHTML(services, renderer: pages.renderer, id: id, identity: try context.requireIdentity(), request: request)
        do {
            return ReportingPageRoutes.download(
                try await PDFPrinter.pdf(html: PDFPrinter.standalone(html)), type: "application/pdf", name: "stocktake-\(id).pdf")
        } catch let error as PDFPrinter.Unavailable {
            throw ServiceError.unavailable(Language.of(request).t(error.zh, error.en))
        } catch let error as PDFPrinter.Failed {
            throw ServiceError.unavailable(error.description)
        }
    }

    func listPage(error: String? = nil, status: HTTPResponse.Status = .ok, request: Request, context: PlanRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let model = StocktakeListPage.model(
            stocktakes: try await supervision.stocktakes(identity),
            canCreate: try await reporting.allows(identity, .manageTasks, unit: try await reporting.tree().root), today: reporting.today(),
            plan: try await services.plans.current().plan, tree: try await reporting.tree(), csrf: identity.csrfToken ?? "", error: error,
            language: Language.of(request))
        return pages.page(.stocktakes, model, title: model.heading, request, context, status: status)
    }

    /// The stocktake page's HTML: what the browser shows and what is printed to PDF.
    static func pageHTML(
        _ services: Services, renderer: PageRenderer, id: String, identity: Identity, request: Request, error: String? = nil
    ) async throws -> String {
        let language = Language.of(request)
        let s = services.supervision
        let pack = try await s.pack(id, identity: identity)
        let message = Query(request: request).string("done") == "decided" ? language.t("已记录议定事项。", "The decision is recorded.") : nil
        let model = StocktakePage.model(
            pack: pack, plan: try await services.plans.current().plan, tree: try await services.reporting.tree(),
            canDecide: try await services.reporting.allows(identity, .manageTasks, unit: try await services.reporting.tree().root),
            csrf: identity.csrfToken ?? "", today: s.clock.today(), message: message, error: error, language: language)
        return renderer.render(.stocktake, model: model, title: model.heading, request: request, language: language)
    }
}

/// A stocktake printed to PDF away from a browser (the command line).
public enum StocktakePDF {
    /// The stocktake `id`'s pack as a PDF, as `identity` would read it, in `language`.
    public static func make(_ services: Services, id: String, identity: Identity, language: Language = .zh) async throws -> Data {
        let head = HTTPRequest(method: .get, scheme: "http", authority: "plantrack", path: "/stocktakes/\(id)?lang=\(language.rawValue)")
        let request = Request(head: head, body: RequestBody(buffer: ByteBuffer()))
        let html = try await StocktakeRoutes.pageHTML(
            services, renderer: try await PageRenderer.bundled(), id: id, identity: identity, request: request)
        return try await PDFPrinter.pdf(html: PDFPrinter.standalone(html))
    }
}

extension API {
    struct StocktakeItem: Encodable {
        var id, date, scope, createdBy, createdAt: String
        var decisions: [DecisionItem]

        init(_ s: Stocktake) {
            id = s.id
            date = s.date.description
            scope = s.scope.slug
            createdBy = s.createdBy
            createdAt = s.createdAt
            decisions = s.decisions.map(DecisionItem.init)
        }
    }

    struct DecisionItem: Encodable {
        var seq: Int
        var text, kind, decidedBy, decidedAt: String
        var unit, due, ref: String?

        init(_ d: StocktakeDecision) {
            seq = d.seq
            text = d.text
            kind = d.kind.rawValue
            decidedBy = d.decidedBy
            decidedAt = d.decidedAt
            unit = d.unitCode
            due = d.due?.description
            ref = d.ref
        }
    }

    struct PackItem: Encodable {
        struct Target: Encodable {
            var id, region, status: String
            var binding: Bool
            var gap: Double?
        }

        struct Move: Encodable {
            var id, region, before, now: String
            var improved: Bool
        }

        struct UnitCount: Encodable {
            var unit: String
            var count, detail: Int
        }

        struct Outcome: Encodable {
            var decision: DecisionItem
            var orderState, taskStatus: String?
            var overdue: Bool
        }

        var stocktake: StocktakeItem
        var previous: String?
        var offTrack: [Target]
        var offTrackTotal: Int
        var movers: [Move]
        var divergent: [[String: String]]
        var overdue: [UnitCount]
        var openOrders: [OrderItem]
        var openOrdersTotal: Int
        var diligenceMonth: String
        var poorDiligence: [DiligenceItem]
        var previousDecisions, decisions: [Outcome]

        init(_ p: SupervisionService.StocktakePack, today: Day) {
            func outcome(_ o: SupervisionService.StocktakePack.Outcome) -> Outcome {
                Outcome(
                    decision: DecisionItem(o.decision), orderState: o.orderState?.rawValue, taskStatus: o.taskStatus?.rawValue, overdue: o.overdue)
            }
            stocktake = StocktakeItem(p.stocktake)
            previous = p.previous?.id
            offTrack = p.offTrack.map {
                Target(
                    id: $0.target.id, region: $0.evaluation.regionCode, status: $0.evaluation.status.rawValue, binding: $0.target.binding,
                    gap: $0.evaluation.trajectoryGapInTargetUnits)
            }
            offTrackTotal = p.offTrackTotal
            movers = p.movers.map {
                Move(id: $0.target.id, region: $0.regionCode, before: $0.before.rawValue, now: $0.now.rawValue, improved: $0.direction > 0)
            }
            divergent = p.divergent.map { ["task": $0.task.id, "unit": $0.unit] }
            overdue = p.overdue.map { UnitCount(unit: $0.unit.code, count: $0.count, detail: $0.detail) }
            openOrders = p.openOrders.map { OrderItem($0, today: today) }
            openOrdersTotal = p.openOrdersTotal
            diligenceMonth = p.diligenceMonth.description
            poorDiligence = p.poorDiligence.map { DiligenceItem(unit: $0.unit.code, counts: $0.counts) }
            previousDecisions = p.previousDecisions.map(outcome)
            decisions = p.decisions.map(outcome)
        }
    }

    struct StocktakeRequest: Decodable {
        var date: String
        var scope: String?
    }

    struct DecisionRequest: Decodable {
        var text, kind: String
        var unit, due, level: String?
    }
}
