import Foundation
import Hummingbird
import PlanCore
import PlanServices

/// `/api/v1`: read-only JSON over the plan, its data and its evaluation.
struct APIRoutes {
    let service: PlanService

    func register<Context: RequestContext>(on router: Router<Context>) {
        let api = router.group("api/v1")
        api.get("openapi.json") { request, _ in
            try JSONResponse.make(OpenAPIDocument.document, request: request, encoder: JSONResponse.verbatim)
        }
        api.get("plan") { request, _ in
            let s = try await service.current()
            let p = s.plan
            return try JSONResponse.make(
                API.PlanInfo(
                    title: p.title, preamble: p.preamble, chapters: p.chapters.count, articles: p.articles.count,
                    targets: p.targets.count, indicators: p.indicators.count, regions: p.regions.count,
                    dataVersion: s.dataVersion, latestYear: s.latestYear), request: request)
        }
        api.get("chapters") { request, _ in
            let p = try await service.current().plan
            return try JSONResponse.make(p.chapters.map { chapterItem($0, plan: p) }, request: request)
        }
        api.get("chapters/:number") { request, context in
            let p = try await service.current().plan
            guard let n = context.parameters.get("number", as: Int.self), let c = p.chapter(n) else {
                throw ServiceError.notFound(what: "chapter \(context.parameters.get("number") ?? "")")
            }
            return try JSONResponse.make(chapterItem(c, plan: p), request: request)
        }
        api.get("articles") { request, _ in
            let p = try await service.current().plan
            let (page, perPage) = try Query(request: request).paging()
            return try JSONResponse.make(API.Page.of(p.articles.map { articleItem($0, plan: p) }, page: page, perPage: perPage), request: request)
        }
        api.get("articles/:number") { request, context in
            let p = try await service.current().plan
            guard let n = context.parameters.get("number", as: Int.self), let a = p.article(n) else {
                throw ServiceError.notFound(what: "article \(context.parameters.get("number") ?? "")")
            }
            return try JSONResponse.make(articleItem(a, plan: p), request: request)
        }
        api.get("targets") { request, _ in
            let s = try await service.current()
            let q = Query(request: request)
            var list = s.plan.targets
            if let chapter = try q.int("chapter", in: 1...s.plan.chapters.count) { list = s.plan.targets(inChapter: chapter) }
            if let indicator = q.string("indicator") { list = list.filter { $0.indicatorKey == indicator } }
            if let region = q.string("region") { list = list.filter { $0.regionCode == region } }
            let (page, perPage) = try q.paging()
            return try JSONResponse.make(API.Page.of(list.map(API.TargetItem.init), page: page, perPage: perPage), request: request)
        }
        api.get("targets/:id") { request, context in
            let s = try await service.current()
            guard let id = context.parameters.get("id"), let t = s.targetsByID[id] else {
                throw ServiceError.notFound(what: "target \(context.parameters.get("id") ?? "")")
            }
            return try JSONResponse.make(API.TargetItem(t), request: request)
        }
        api.get("indicators") { request, _ in
            let p = try await service.current().plan
            let (page, perPage) = try Query(request: request).paging()
            return try JSONResponse.make(API.Page.of(p.indicators.map(API.IndicatorItem.init), page: page, perPage: perPage), request: request)
        }
        api.get("indicators/:key") { request, context in
            let p = try await service.current().plan
            guard let key = context.parameters.get("key"), let i = p.indicator(key) else {
                throw ServiceError.notFound(what: "indicator \(context.parameters.get("key") ?? "")")
            }
            return try JSONResponse.make(API.IndicatorItem(i), request: request)
        }
        api.get("regions") { request, _ in
            let p = try await service.current().plan
            let q = Query(request: request)
            var list = p.regions
            if let level = q.string("level") {
                guard let l = RegionLevel(rawValue: level) else {
                    throw ServiceError.badParameter(name: "level", message: "expected province, city or county, got \"\(level)\"")
                }
                list = list.filter { $0.level == l }
            }
            let (page, perPage) = try q.paging()
            return try JSONResponse.make(API.Page.of(list.map(API.RegionItem.init), page: page, perPage: perPage), request: request)
        }
        api.get("regions/:code") { request, context in
            let p = try await service.current().plan
            guard let code = context.parameters.get("code"), let r = p.region(code) else {
                throw ServiceError.notFound(what: "region \(context.parameters.get("code") ?? "")")
            }
            return try JSONResponse.make(API.RegionItem(r), request: request)
        }
        api.get("observations") { request, _ in
            let q = Query(request: request)
            let (page, perPage) = try q.paging()
            let (stored, total) = try await service.observationPage(
                indicator: q.string("indicator"), region: q.string("region"), offset: (page - 1) * perPage, limit: perPage)
            let items = stored.map { stored in
                let o = stored.observation
                return API.ObservationItem(
                    indicatorKey: o.indicatorKey, regionCode: o.regionCode, period: o.period.description, source: o.provenance.source,
                    link: o.provenance.link, quote: o.provenance.quote, qualifier: o.provenance.qualifier, value: o.value,
                    revision: stored.revision, computed: o.provenance.isComputed,
                    inputs: o.provenance.isComputed ? o.provenance.inputs : nil)
            }
            return try JSONResponse.make(API.Page(items: items, page: page, perPage: perPage, total: total), request: request)
        }
        api.get("evaluations") { request, _ in
            let (region, asOf) = try await regionAndYear(request)
            let (_, evaluations) = try await service.evaluations(asOf: asOf, region: region)
            let (page, perPage) = try Query(request: request).paging()
            let items = evaluations.map { API.EvaluationItem($0, explain: false) }
            return try JSONResponse.make(API.Page.of(items, page: page, perPage: perPage), request: request)
        }
        api.get("evaluations/:id") { request, context in
            let (region, asOf) = try await regionAndYear(request)
            let (_, evaluations) = try await service.evaluations(asOf: asOf, region: region)
            guard let id = context.parameters.get("id"), let e = evaluations.first(where: { $0.targetID == id }) else {
                throw ServiceError.notFound(what: "target \(context.parameters.get("id") ?? "")")
            }
            return try JSONResponse.make(API.EvaluationItem(e, explain: true), request: request)
        }
        api.get("composite") { request, _ in
            let (region, asOf) = try await regionAndYear(request)
            let (s, evaluations) = try await service.evaluations(asOf: asOf, region: region)
            let index = ProgressIndex.compute(plan: s.plan, evaluations: evaluations)
            func theme(_ t: ProgressIndex.ThemeScore) -> API.Theme {
                API.Theme(chapter: t.chapter, section: t.section, targets: t.targets, assessable: t.assessable, reported: t.reported, score: t.score)
            }
            return try JSONResponse.make(
                API.Composite(
                    regionCode: region, asOf: asOf ?? s.latestYear, overall: index.overall, chapters: index.chapters.map(theme),
                    sections: index.sections.map(theme)), request: request)
        }
        api.get("ranking") { request, _ in
            let q = Query(request: request)
            let asOf = try q.int("as_of", in: 1990...2100)
            let seed = try q.int("seed", in: 0...Int(Int32.max)).map(UInt64.init) ?? 1
            let (s, ranking, _) = try await service.ranking(asOf: asOf, seed: seed)
            return try JSONResponse.make(
                API.RankingResult(
                    asOf: asOf ?? s.latestYear, draws: ranking.draws, seed: ranking.seed, indicators: ranking.indicatorKeys,
                    cities: ranking.entries.map {
                        API.City(
                            rank: $0.rank, regionCode: $0.city, score: $0.score, medianRank: $0.medianRank, rankP5: $0.rankP5, rankP95: $0.rankP95,
                            indicators: $0.indicators)
                    }), request: request)
        }
    }

    /// `region` (a known code or circle, else 400) and `as_of` (1990…2100).
    func regionAndYear(_ request: Request) async throws -> (String?, Int?) {
        let q = Query(request: request)
        let asOf = try q.int("as_of", in: 1990...2100)
        let region = q.string("region")
        if let region {
            let plan = try await service.current().plan
            if plan.region(region) == nil && plan.regionGroup(region) == nil {
                throw ServiceError.badParameter(name: "region", message: "no region \"\(region)\"; expected a code such as 370100")
            }
        }
        return (region, asOf)
    }

    func chapterItem(_ c: Chapter, plan: Plan) -> API.ChapterItem {
        API.ChapterItem(
            number: c.number, title: c.title, introduction: c.introduction,
            sections: c.sections.map { API.SectionItem(number: $0.number, title: $0.title) },
            articles: plan.articles.filter { $0.chapter == c.number }.map(\.number),
            targets: plan.targets(inChapter: c.number).map(\.id))
    }

    func articleItem(_ a: Article, plan: Plan) -> API.ArticleItem {
        API.ArticleItem(
            number: a.number, chapter: a.chapter, section: a.section, title: a.title, text: a.text,
            targets: plan.targets(inArticle: a.number).map(\.id))
    }
}
