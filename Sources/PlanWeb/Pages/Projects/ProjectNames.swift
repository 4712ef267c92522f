import Foundation
import PlanCore
import PlanServices

/// How project pages name things in the reader's language.
enum ProjectNames {
    static func stage(_ s: ProjectStage, _ language: Language) -> String { language.t(s.nameZh, s.nameEn) }
    static func rag(_ r: ProjectRAG, _ language: Language) -> String { language.t(r.nameZh, r.nameEn) }

    static func sector(_ code: String, _ language: Language) -> String {
        ProjectSector.byCode[code].map { language.t($0.nameZh, $0.nameEn) } ?? code
    }

    static func region(_ code: String, _ regions: [String: Region], _ language: Language) -> String {
        regions[code].map { language.t($0.nameZh, $0.nameEn) } ?? code
    }

    /// An amount in 万元 at source precision (12,500万元; in English, 12,500 × 10k yuan).
    static func amount(_ v: Double?, _ language: Language) -> String {
        guard let v else { return "—" }
        return language == .zh ? NumberText.format(v, unit: "万元", language: language) : NumberText.format(v, language: language) + " × 10k yuan"
    }

    /// A total in 亿元 for headlines (1.2亿元 from 12,000万元).
    static func total(_ v: Double, _ language: Language) -> String {
        language == .zh ? NumberText.headline(v, unit: "万元", language: language) : NumberText.format(v / 100, language: language) + " million yuan"
    }

    static func percent(_ v: Double?) -> String { v.map { String(format: "%.1f%%", $0) } ?? "—" }

    static func articles(_ numbers: [Int], _ language: Language) -> String {
        numbers.map { language.t("第\($0)条", "Art. \($0)") }.joined(separator: language == .zh ? "、" : ", ")
    }
}

/// The project list (重大项目库): the public library, or what a unit declared, filtered by
/// city, sector, stage, colour, article, target, year and text; red first; a page at a time.
struct ProjectListPage {
    struct Model {
        var heading, intro, filterLabel, allLabel, searchLabel, exportLabel, csvLabel, oc4idsLabel, empty, countText: String
        var cities, sectors, stages, rags: [Option]
        var text, article, target, year: String
        var rows: [Row]
        var hasRows: Bool
        var previous, next: String?
        var previousLabel, nextLabel: String
        var links: [Link]
        var query: String
        var col: [String: String]
    }

    struct Option {
        var value, label: String
        var selected: Bool
    }

    struct Link {
        var href, label: String
    }

    struct Row {
        var code, name, city, sector, stage, rag, ragCode, total, annual, done, completion, progress, reason: String
        /// `v2` and later: the project was adjusted (its versions compare on its page).
        var adjusted: String?
    }

    static let perPage = 100

    static func model(
        items: [(project: Project, standing: ProjectStanding)], filter: ProjectService.Filter, page: Int, library: ProjectService.Library,
        regions: [String: Region], cities: [Region], links: [Link], language: Language
    ) -> Model {
        let t = language.t
        let start = min(items.count, (page - 1) * perPage)
        let slice = items[start..<min(items.count, start + perPage)]
        let year = library.today.year
        var query: [String] = []
        if let c = filter.city { query.append("city=\(c)") }
        if let s = filter.sector { query.append("sector=\(s)") }
        if let s = filter.stage { query.append("stage=\(s.rawValue)") }
        if let r = filter.rag { query.append("rag=\(r.rawValue)") }
        if let a = filter.article { query.append("article=\(a)") }
        if let tg = filter.target { query.append("target=\(tg)") }
        if let y = filter.year { query.append("year=\(y)") }
        if let q = filter.text { query.append("q=\(q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")") }
        let base = query.joined(separator: "&")
        func pageHref(_ n: Int) -> String { "/projects?" + (base.isEmpty ? "" : base + "&") + "page=\(n)" }
        return Model(
            heading: t("重大项目库", "Major-project library"),
            intro: t(
                "绿色低碳高质量发展重大项目：年度集中遴选入库、动态调整，按月调度投资和形象进度。红灯项目（投资或进度落后、开工延误、久未报送）排在最前。金额单位为万元。",
                "Major projects for green, low-carbon, high-quality development: selected each year, adjusted as they go, dispatched monthly on investment and physical progress. Red projects (behind on investment or schedule, late to start, silent) come first. Amounts in 10,000 yuan."
            ),
            filterLabel: t("筛选", "Filter"), allLabel: t("全部", "All"), searchLabel: t("名称、代码或项目单位", "Name, code or owner"),
            exportLabel: t("下载 XLSX", "Download XLSX"), csvLabel: "CSV", oc4idsLabel: "OC4IDS JSON",
            empty: t("没有符合条件的项目。", "No project matches."),
            countText: t("共 \(items.count) 个项目", "\(items.count) projects"),
            cities: cities.map { Option(value: $0.code, label: t($0.nameZh, $0.nameEn), selected: $0.code == filter.city) },
            sectors: ProjectSector.all.map { Option(value: $0.code, label: t($0.nameZh, $0.nameEn), selected: $0.code == filter.sector) },
            stages: ProjectStage.allCases.map { Option(value: $0.rawValue, label: ProjectNames.stage($0, language), selected: $0 == filter.stage) },
            rags: ProjectRAG.allCases.map { Option(value: $0.rawValue, label: ProjectNames.rag($0, language), selected: $0 == filter.rag) },
            text: filter.text ?? "", article: filter.article.map(String.init) ?? "", target: filter.target ?? "",
            year: filter.year.map(String.init) ?? "",
            rows: slice.map { p, s in
                Row(
                    code: p.code, name: p.name, city: ProjectNames.region(p.cityCode, regions, language),
                    sector: ProjectNames.sector(p.sector, language),
                    stage: ProjectNames.stage(p.stage, language), rag: ProjectNames.rag(s.rag, language), ragCode: s.rag.rawValue,
                    total: ProjectNames.amount(p.totalInvestment, language), annual: ProjectNames.amount(p.planned(in: year), language),
                    done: ProjectNames.amount(library.yearDone(p.code), language), completion: ProjectNames.percent(s.investmentCompletion),
                    progress: ProjectNames.percent(s.progress), reason: s.reasons.first.map { t($0.zh, $0.en) } ?? "",
                    adjusted: p.version > 1 ? "v\(p.version)" : nil)
            }, hasRows: !slice.isEmpty, previous: page > 1 ? pageHref(page - 1) : nil,
            next: start + perPage < items.count ? pageHref(page + 1) : nil, previousLabel: t("上一页", "Previous"), nextLabel: t("下一页", "Next"),
            links: links, query: base,
            col: [
                "code": t("项目代码", "Code"), "name": t("项目名称", "Project"), "city": t("所在市", "City"), "sector": t("领域", "Sector"),
                "stage": t("阶段", "Stage"), "rag": t("预警", "RAG"), "total": t("总投资", "Total"), "annual": t("\(year)年计划投资", "\(year) plan"),
                "done": t("当年完成", "Done this year"), "completion": t("投资完成率", "Investment done"), "progress": t("形象进度", "Progress"),
                "reason": t("原因", "Why"), "adjusted": t("调整", "Adjusted"), "fcity": t("市", "City"), "fsector": t("领域", "Sector"),
                "fstage": t("阶段", "Stage"),
                "frag": t("预警", "RAG"), "farticle": t("条款", "Article"), "ftarget": t("目标", "Target"), "fyear": t("年度", "Year"),
                "apply": t("筛选", "Apply"),
            ])
    }
}
