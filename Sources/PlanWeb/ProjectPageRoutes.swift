import Foundation
import Hummingbird
import PlanCore
import PlanServices
import PlanStore

/// The pages of the major-project library: the list (public) with its downloads, a project, the
/// desk (windows, declarations, reports awaiting review, rules), roll-ups, problems, the sources
/// of a fed value and an article's delivery. Every rule is in `ProjectService`; the forms that
/// change things are in `ProjectFormRoutes`.
struct ProjectPageRoutes {
    let projects: ProjectService
    let reporting: ReportingService
    let plans: PlanService
    let pages: ReportingPageRoutes

    init(services: Services, pages: ReportingPageRoutes) {
        projects = services.projects
        reporting = services.reporting
        plans = services.plans
        self.pages = pages
    }

    func register(on router: Router<PlanRequestContext>) {
        router.get("/projects") { request, context in
            let filter = try Self.filter(request)
            let page = try Query(request: request).int("page", in: 1...100_000) ?? 1
            let items = try await projects.projects(filter, identity: context.identity)
            let library = try await projects.library()
            let plan = try await plans.current().plan
            let language = Language.of(request)
            var links: [ProjectListPage.Link] = [
                .init(href: "/projects/rollup", label: language.t("计划与实际", "Plan versus actual")),
                .init(href: "/projects/problems", label: language.t("问题清单", "Problems")),
            ]
            if context.identity != nil { links.insert(.init(href: "/projects/desk", label: language.t("遴选与调度", "Selection and dispatch")), at: 0) }
            let model = ProjectListPage.model(
                items: items, filter: filter, page: page, library: library, regions: regions(plan), cities: plan.regions.filter { $0.level == .city },
                links: links, language: language)
            return pages.page(.projects, model, title: model.heading, request, context)
        }
        for format in ProjectService.ExportFormat.allCases {
            router.get("/projects.\(format.rawValue)") { request, context in
                try await Self.registryDownload(projects, filter: try Self.filter(request), format: format, identity: context.identity)
            }
        }
        router.get("/projects/desk") { request, context in
            try await desk(request: request, context: context)
        }
        router.get("/projects/declare") { request, context in
            let identity = try context.requireIdentity()
            let year = try Self.year(request)
            let model = ProjectDeclarePage.model(year: year, cells: [:], csrf: identity.csrfToken ?? "", error: nil, language: Language.of(request))
            return pages.page(.projectDeclare, model, title: model.heading, request, context)
        }
        router.get("/projects/rollup") { request, context in
            let language = Language.of(request)
            let by = Query(request: request).string("by") ?? "city"
            guard let dimension = ProjectRollup.Dimension(rawValue: by) else {
                throw ServiceError.badParameter(name: "by", message: "city, sector, article or target")
            }
            let result = try await projects.rollup(dimension, filter: try Self.filter(request), identity: context.identity)
            let plan = try await plans.current().plan
            let model = ProjectRollupPage.model(
                rows: result.rows, dimension: dimension, year: result.year, regions: regions(plan), plan: plan, language: language)
            return pages.page(.projectRollup, model, title: model.heading, request, context)
        }
        router.get("/projects/problems") { request, context in
            let problems = try await projects.problems(nil, identity: context.identity)
            var closers: [String: Bool] = [:]
            var issuers: [String: Bool] = [:]
            for p in problems where closers[p.ownerUnit] == nil {
                closers[p.ownerUnit] = try await reporting.allows(context.identity, .approve, unit: p.ownerUnit)
                issuers[p.ownerUnit] = try await reporting.allows(context.identity, .issueOrders, unit: p.ownerUnit)
            }
            let (close, escalate) = (closers, issuers)
            let model = ProjectProblemsPage.model(
                problems: problems, canClose: { close[$0.ownerUnit] ?? false }, canEscalate: { escalate[$0.ownerUnit] ?? false },
                tree: try await reporting.tree(),
                today: reporting.today(), csrf: context.identity?.csrfToken ?? "", language: Language.of(request))
            return pages.page(.projectProblems, model, title: model.heading, request, context)
        }
        router.get("/projects/reports.xlsx") { request, context in
            try await Self.reportsDownload(projects, request: request, format: .xlsx, identity: context.identity)
        }
        router.get("/projects/reports.csv") { request, context in
            try await Self.reportsDownload(projects, request: request, format: .csv, identity: context.identity)
        }
        router.get("/projects/feeds/:indicator/:region/:year") { request, context in
            try await feedPage(request: request, context: context)
        }
        router.get("/projects/:code") { request, context in
            try await projectPage(try context.parameters.require("code"), request: request, context: context)
        }
        router.get("/articles/:number/delivery") { request, context in
            guard let n = context.parameters.get("number", as: Int.self) else { throw ServiceError.notFound(what: "article") }
            let language = Language.of(request)
            let delivery = try await projects.articleDelivery(n, identity: context.identity)
            let title = try await plans.current().plan.article(n).map { language.t($0.title, "") } ?? ""
            let model = ArticleDeliveryPage.model(
                delivery, title: title, tree: try await reporting.tree(), today: reporting.today(), language: language)
            return pages.page(.articleDelivery, model, title: model.heading, request, context)
        }
    }

    // MARK: Helpers

    func regions(_ plan: Plan) -> [String: Region] { Dictionary(plan.regions.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a }) }

    static func year(_ request: Request) throws -> Int {
        guard let y = try Query(request: request).int("year", in: 2000...2100) else {
            throw ServiceError.badParameter(name: "year", message: "a year")
        }
        return y
    }

    /// The list filter of a request's query.
    static func filter(_ request: Request) throws -> ProjectService.Filter {
        let q = Query(request: request)
        var f = ProjectService.Filter()
        f.city = q.string("city")
        if let s = q.string("sector") {
            guard ProjectSector.byCode[s] != nil else { throw ServiceError.badParameter(name: "sector", message: "a sector code") }
            f.sector = s
        }
        if let s = q.string("stage") {
            guard let stage = ProjectStage(rawValue: s) else {
                throw ServiceError.badParameter(name: "stage", message: ProjectStage.allCases.map(\.rawValue).joined(separator: ", "))
            }
            f.stage = stage
        }
        if let r = q.string("rag") {
            guard let rag = ProjectRAG(rawValue: r) else { throw ServiceError.badParameter(name: "rag", message: "red, yellow, green or none") }
            f.rag = rag
        }
        f.article = try q.int("article", in: 1...1000)
        f.target = q.string("target")
        f.unit = q.string("unit")
        f.year = try q.int("year", in: 2000...2100)
        f.text = q.text("q").map { String($0.prefix(100)) }
        return f
    }

    static func registryDownload(_ projects: ProjectService, filter: ProjectService.Filter, format: ProjectService.ExportFormat, identity: Identity?)
        async throws -> Response
    {
        let data = try await projects.exportRegistry(filter, format: format, identity: identity)
        return format == .xlsx
            ? ReportingPageRoutes.download(data, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: "projects.xlsx")
            : ReportingPageRoutes.download(data, type: "text/csv; charset=utf-8", name: "projects.csv")
    }

    static func reportsDownload(_ projects: ProjectService, request: Request, format: ProjectService.ExportFormat, identity: Identity?) async throws
        -> Response
    {
        let q = Query(request: request)
        var month: Period?
        if let m = q.string("month") {
            guard let p = Period(m), case .month = p.span else { throw ServiceError.badParameter(name: "month", message: "a month like 2025-03") }
            month = p
        }
        let data = try await projects.exportReports(month: month, code: q.string("code"), format: format, identity: identity)
        return format == .xlsx
            ? ReportingPageRoutes.download(
                data, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: "project-reports.xlsx")
            : ReportingPageRoutes.download(data, type: "text/csv; charset=utf-8", name: "project-reports.csv")
    }

    func desk(
        message: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok, request: Request, context: PlanRequestContext
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let windows = try await projects.windows()
        let year = try Query(request: request).int("year", in: 2000...2100) ?? windows.first?.year
        var declarations: [(project: Project, reviews: [ProjectReview], mean: Double?)] = []
        if let year { declarations = try await projects.declarations(year: year, identity: identity) }
        let isOffice = try await projects.isOffice(identity)
        let canDeclare = isOffice || identity.account.role == .reporter || identity.account.role == .admin
        let model = ProjectDeskPage.model(
            windows: windows, year: year, declarations: declarations, pending: try await projects.pendingReports(identity: identity),
            library: try await projects.library(), isOffice: isOffice, canDeclare: canDeclare, tree: try await reporting.tree(),
            csrf: identity.csrfToken ?? "", message: message, error: error, language: Language.of(request))
        return pages.page(.projectDesk, model, title: model.heading, request, context, status: status)
    }

    func projectPage(
        _ code: String, message: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok, request: Request, context: PlanRequestContext
    ) async throws -> Response {
        let language = Language.of(request)
        let identity = context.identity
        let project = try await projects.project(code, identity: identity)
        let library = try await projects.library()
        let office = try await projects.isOffice(identity)
        let q = Query(request: request)
        var compare: (Int, Int)?
        if let a = try q.int("from", in: 1...10_000), let b = try q.int("to", in: 1...10_000) { compare = (a, b) }
        let tree = try await reporting.tree()
        let mine = identity.map { $0.account.unitCode == project.unitCode } ?? false
        let approve = try await reporting.allows(identity, .approve, unit: project.unitCode)
        let report = try await reporting.allows(identity, .reportProgress, unit: project.unitCode)
        var closers: [String: Bool] = [:]
        var issuers: [String: Bool] = [:]
        let problems = try await projects.problems(code, identity: identity)
        for p in problems where closers[p.ownerUnit] == nil {
            closers[p.ownerUnit] = try await reporting.allows(identity, .approve, unit: p.ownerUnit)
            issuers[p.ownerUnit] = try await reporting.allows(identity, .issueOrders, unit: p.ownerUnit)
        }
        let ctx = ProjectPage.Context(
            project: project,
            standing: library.standings[code] ?? ProjectStanding.judge(project, latest: nil, today: library.today, rules: library.rules),
            reviews: try await projects.store.projectReviews(code: code), transitions: try await projects.transitions(code, identity: identity),
            versions: try await projects.versions(code, identity: identity), adjustments: try await projects.adjustments(code, identity: identity),
            reports: try await projects.reports(code, identity: identity), problems: problems, compare: compare,
            canReview: project.stage == .declared && approve && (!mine || office), canMove: office,
            canRequest: (report || office) && project.stage.isInLibrary && project.stage != .evaluated,
            canReport: report && project.stage.reportsMonthly, canApprove: approve, canEscalate: { issuers[$0.ownerUnit] ?? false },
            canClose: { closers[$0.ownerUnit] ?? false }, today: library.today, dueDay: library.rules.dueDay)
        let plan = try await plans.current().plan
        var note = message
        if note == nil, let done = q.string("done") {
            note =
                [
                    "declared": language.t("项目已申报。", "The project is declared."), "reported": language.t("调度报告已提交。", "The report is submitted."),
                    "reviewed": language.t("已处理。", "Done."), "requested": language.t("调整申请已提交。", "The request is sent."),
                    "decided": language.t("调整申请已处理。", "The request is decided."), "moved": language.t("阶段已变更。", "The stage is changed."),
                    "scored": language.t("评分已保存。", "The score is saved."), "closed": language.t("问题已销号。", "The problem is closed."),
                ][done]
        }
        let model = ProjectPage.model(
            ctx, regions: regions(plan), tree: tree, csrf: identity?.csrfToken ?? "", message: note, error: error, language: language)
        return pages.page(.project, model, title: "\(project.name) \(project.code)", request, context, status: status)
    }

    func feedPage(request: Request, context: PlanRequestContext) async throws -> Response {
        let language = Language.of(request)
        let t = language.t
        guard let feed = ProjectService.Feed(rawValue: try context.parameters.require("indicator")),
            let year = context.parameters.get("year", as: Int.self)
        else { throw ServiceError.notFound(what: "feed") }
        let region = try context.parameters.require("region")
        let plan = try await plans.current().plan
        let sources = try await projects.feed(feed, year: year)[region] ?? []
        let indicator = plan.indicators.first { $0.key == feed.rawValue }
        let regionName = ProjectNames.region(region, regions(plan), language)
        let unit = indicator?.unit ?? ""
        struct Row {
            var code, name, city, month, value: String
        }
        struct Model {
            var heading, intro, listLabel, indicator, indicatorHref, totalLabel, total: String
            var rows: [Row]
            var col: [String: String]
        }
        let model = Model(
            heading: t(
                "\(regionName) \(year) 年 \(indicator?.nameZh ?? feed.rawValue) 的来源",
                "Sources of \(indicator?.nameEn ?? feed.rawValue), \(regionName), \(year)"),
            intro: feed == .investment
                ? t(
                    "该值由重大项目库自动汇总：下表列出计入的每个已发布项目及其当年最近一次审核通过的月度报告（当年累计完成投资，折算为亿元）。",
                    "Summed by the project library: each published project counted, with its latest approved monthly report of the year (the year's investment, in 100 million yuan)."
                )
                : t(
                    "该值由重大项目库自动汇总：下表列出该年度已发布名单中进入年度计划且未退出的每个项目。",
                    "Counted by the project library: each project of the year's published list that reached the annual plan and was not withdrawn."),
            listLabel: t("重大项目库", "Major-project library"), indicator: t(indicator?.nameZh ?? feed.rawValue, indicator?.nameEn ?? feed.rawValue),
            indicatorHref: "/indicators/\(feed.rawValue)", totalLabel: t("合计", "Total"),
            total: NumberText.format(sources.map(\.value).reduce(0, +), unit: unit, language: language),
            rows: sources.map {
                Row(
                    code: $0.code, name: $0.name, city: ProjectNames.region($0.cityCode, regions(plan), language),
                    month: $0.month?.description ?? "—",
                    value: NumberText.format($0.value, unit: unit, language: language))
            },
            col: [
                "code": t("项目代码", "Code"), "name": t("项目名称", "Project"), "city": t("所在市", "City"), "month": t("报告月份", "Report"),
                "value": t("计入值", "Counted"),
            ])
        return pages.page(.projectFeed, model, title: model.heading, request, context)
    }
}
