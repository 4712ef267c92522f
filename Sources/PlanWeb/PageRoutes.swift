import Foundation
import Hummingbird
import PlanCore
import PlanServices

/// The HTML pages. Each handler parses, asks the service, builds a model and renders it.
struct PageRoutes {
    let service: PlanService
    let renderer: PageRenderer
    let reporting: ReportingService
    let cache = PageCache()

    func register(on router: Router<PlanRequestContext>) {
        router.get("/") { request, context in
            // Reviewers see a toggle to preview submitted figures: their overview is not cached.
            if let identity = context.identity, try await reporting.allows(identity, .approve, unit: identity.account.unitCode) {
                let language = Language.of(request)
                let preview = Query(request: request).string("preview") == "submitted"
                let (s, evaluations) =
                    preview
                    ? try await service.previewEvaluations(extra: try await reporting.submittedObservations(identity))
                    : try await service.evaluations()
                var model = OverviewPage.model(snapshot: s, evaluations: evaluations, language: language)
                model.reporting = OverviewPage.ReportingPanel(
                    try await reporting.collectionSummary(workflowOf: identity), tree: try await reporting.tree(), language: language)
                model.preview = OverviewPage.PreviewToggle(on: preview, language: language)
                return htmlResponse(
                    render(.overview, model, title: model.heading, request, language), request: request, language: language, identity: identity)
            }
            return try await cached(request, context) {
                let language = Language.of(request)
                let asOf = try Query(request: request).int("as_of", in: 2000...2100)
                let (s, evaluations) = try await service.evaluations(asOf: asOf)
                var model = OverviewPage.model(snapshot: s, evaluations: evaluations, asOf: asOf, language: language)
                model.reporting = OverviewPage.ReportingPanel(
                    try await reporting.collectionSummary(workflowOf: nil), tree: try await reporting.tree(), language: language)
                return render(.overview, model, title: model.heading, request, language)
            }
        }
        router.get("/plan") { request, context in
            try await cached(request, context) {
                let language = Language.of(request)
                let (s, evaluations) = try await service.evaluations()
                let pages = PlanPages(plan: s.plan, evaluations: byID(evaluations), language: language)
                return render(.plan, pages.outline(), title: language.t("规划文本", "Plan"), request, language)
            }
        }
        router.get("/chapters/:number") { request, context in
            try await cached(request, context) {
                let language = Language.of(request)
                let (s, evaluations) = try await service.evaluations()
                guard let n = context.parameters.get("number", as: Int.self), let c = s.plan.chapter(n) else {
                    throw ServiceError.notFound(
                        what: language.t("第 \(context.parameters.get("number") ?? "") 章", "chapter \(context.parameters.get("number") ?? "")"))
                }
                let model = PlanPages(plan: s.plan, evaluations: byID(evaluations), language: language).chapter(c)
                return render(.chapter, model, title: c.title, request, language)
            }
        }
        router.get("/articles/:number") { request, context in
            try await cached(request, context) {
                let language = Language.of(request)
                let (s, evaluations) = try await service.evaluations()
                guard let n = context.parameters.get("number", as: Int.self), let a = s.plan.article(n) else {
                    throw ServiceError.notFound(
                        what: language.t("第 \(context.parameters.get("number") ?? "") 条", "article \(context.parameters.get("number") ?? "")"))
                }
                let model = PlanPages(plan: s.plan, evaluations: byID(evaluations), language: language).article(a)
                return render(.article, model, title: "\(a.number). \(a.title)", request, language)
            }
        }
        router.get("/targets") { request, context in
            try await cached(request, context) {
                let language = Language.of(request)
                let (filter, asOf) = try TargetListPage.filter(Query(request: request))
                let (s, listings) = try await service.targetList(filter, asOf: asOf)
                let (_, all) = try await service.evaluations(asOf: asOf, region: filter.region)
                let model = TargetListPage.model(listings: listings, all: all, snapshot: s, filter: filter, asOf: asOf, language: language)
                return render(.targets, model, title: model.heading, request, language)
            }
        }
        router.get("/targets/:id") { request, context in
            try await cached(request, context) {
                let language = Language.of(request)
                let (s, evaluations) = try await service.evaluations()
                guard let id = context.parameters.get("id"), let t = s.targetsByID[id], let e = evaluations.first(where: { $0.targetID == id }) else {
                    throw ServiceError.notFound(
                        what: language.t("目标 \(context.parameters.get("id") ?? "")", "target \(context.parameters.get("id") ?? "")"))
                }
                let model = TargetPage.model(target: t, evaluation: e, snapshot: s, language: language)
                return render(.target, model, title: "\(model.name) \(id)", request, language)
            }
        }
        router.get("/indicators") { request, context in
            try await cached(request, context) {
                let language = Language.of(request)
                let (s, evaluations) = try await service.evaluations()
                let model = IndicatorRegionPages(snapshot: s, evaluations: byID(evaluations), language: language).list()
                return render(.indicators, model, title: model.heading, request, language)
            }
        }
        router.get("/indicators/:key") { request, context in
            try await cached(request, context) {
                let language = Language.of(request)
                let (s, evaluations) = try await service.evaluations()
                guard let key = context.parameters.get("key"), let i = s.plan.indicator(key) else {
                    throw ServiceError.notFound(
                        what: language.t("指标 \(context.parameters.get("key") ?? "")", "indicator \(context.parameters.get("key") ?? "")"))
                }
                let model = IndicatorRegionPages(snapshot: s, evaluations: byID(evaluations), language: language).indicator(i)
                return render(.indicator, model, title: model.name, request, language)
            }
        }
        router.get("/regions/:code") { request, context in
            try await cached(request, context) {
                let language = Language.of(request)
                let (s, evaluations) = try await service.evaluations()
                guard let code = context.parameters.get("code"), let r = s.plan.region(code) else {
                    throw ServiceError.notFound(
                        what: language.t("地区 \(context.parameters.get("code") ?? "")", "region \(context.parameters.get("code") ?? "")"))
                }
                let model = IndicatorRegionPages(snapshot: s, evaluations: byID(evaluations), language: language).region(r)
                return render(.region, model, title: model.name, request, language)
            }
        }
        router.get("/cities") { request, context in
            try await cached(request, context) {
                let language = Language.of(request)
                let query = Query(request: request)
                let (s, evaluations) = try await service.evaluations()
                let choice = try CitiesPage.choose(
                    snapshot: s, indicatorKey: query.text("indicator"), year: try query.int("year", in: 2000...2100), language: language)
                let (_, ranking, index) = try await service.ranking(asOf: choice.year ?? s.latestYear, comparable: true)
                let model = CitiesPage.model(
                    snapshot: s, choice: choice, ranking: ranking, index: index, evaluations: byID(evaluations), language: language)
                return render(.cities, model, title: model.heading, request, language)
            }
        }
        router.get("/search") { request, context in
            try await cached(request, context) {
                let language = Language.of(request)
                let s = try await service.current()
                let model = try SearchPage.model(plan: s.plan, query: Query(request: request).text("q") ?? "", language: language)
                return render(.search, model, title: model.heading, request, language)
            }
        }
        router.get("/static/style.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: Self.stylesheet)))
        }
        router.get("/healthz") { request, _ in try JSONResponse.make(API.Health(status: "ok", dataVersion: nil), request: request) }
        router.get("/readyz") { request, _ -> Response in
            guard await service.ready(), let s = try? await service.current() else { throw ServiceError.unavailable("the database does not answer") }
            return try JSONResponse.make(API.Health(status: "ready", dataVersion: s.dataVersion), request: request)
        }
    }

    static let stylesheet: String = {
        let url = Bundle.module.resourceURL!.appendingPathComponent("public/style.css")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// A page's HTML.
    func render(_ template: PageTemplate, _ model: Any, title: String, _ request: Request, _ language: Language) -> String {
        renderer.render(template, model: model, title: title, request: request, language: language)
    }

    /// Serves a page from the cache when this data version, language and URI were rendered before;
    /// otherwise renders it with `build` (which throws for 404s and 400s, never cached) and keeps it.
    /// The cached page is the same for everyone; a logged-in reader's account links are put in its
    /// slot per request.
    func cached(_ request: Request, _ context: PlanRequestContext, _ build: @escaping @Sendable () async throws -> String) async throws -> Response {
        let language = Language.of(request)
        let version = try await service.current().dataVersion
        let key = PageCache.Key(version: version, language: language, uri: Self.cacheURI(request))
        let path = request.uri.path
        let page = try await PageRenderer.$dataVersion.withValue(version) {
            try await cache.page(key) { RenderedPage(html: try await build(), language: language, path: path) }
        }
        return htmlResponse(page, request: request, language: language, identity: context.identity)
    }

    /// The path and the parameters pages read (`q`, `indicator`, the target list's filters and
    /// `as_of`): other query parameters do not change a page, so they do not make new cache entries.
    static func cacheURI(_ request: Request) -> String {
        let query = Query(request: request)
        var uri = request.uri.path
        for name in ["q", "indicator", "year", "as_of", "status", "chapter", "region", "binding", "assessable", "reason", "sort"] {
            if let value = query.text(name) { uri += "\u{1F}\(name)=\(value)" }
        }
        return uri
    }

    func byID(_ evaluations: [TargetEvaluation]) -> [String: TargetEvaluation] {
        Dictionary(evaluations.map { ($0.targetID, $0) }, uniquingKeysWith: { a, _ in a })
    }
}
