import Foundation
import PlanCore
import PlanServices
import PlanStore

/// The declaration form: the workbook's columns one by one.
struct ProjectDeclarePage {
    struct Model {
        var heading, intro, csrf, year, submitLabel: String
        var error: String?
        var fields: [Field]
        var sectors: [ProjectListPage.Option]
        var tiers: [ProjectListPage.Option]
        var sectorLabel, tierLabel, backLabel: String
    }

    struct Field {
        var name, label, value: String
        var required, multiline: Bool
    }

    static func model(year: Int, cells: [String: String], csrf: String, error: String?, language: Language) -> Model {
        let t = language.t
        let english: [String: String] = [
            "code": "Project code (2024-370102-44-01-123456)", "name": "Name", "owner": "Owner (the legal person building it)",
            "unit": "Declaring unit (office only)",
            "county": "County (if not the code's)", "articles": "Articles served (e.g. 37, 45)", "targets": "Targets served (e.g. A037-1)",
            "total": "Total investment (10k yuan)", "annual": "Planned investment this year (10k yuan)", "start": "Planned start (2025-03-01)",
            "completion": "Planned completion", "content": "Scope", "location": "Location", "contact": "Contact",
        ]
        let fields = ProjectFile.columns.filter { !["sector", "tier"].contains($0.key) }.map { c in
            Field(
                name: c.key, label: t(c.zh, english[c.key] ?? c.key), value: cells[c.key] ?? "", required: c.required,
                multiline: ["content", "location"].contains(c.key))
        }
        return Model(
            heading: t("申报 \(year) 年度重大项目", "Declare a project for \(year)"),
            intro: t(
                "项目代码为全国投资项目在线审批监管平台赋予的 24 位代码；金额以万元计。提交后由评审人员按遴选标准评分。",
                "The project code is the 24-character national investment project code; amounts are in 10,000 yuan. Reviewers score it against the criteria."
            ),
            csrf: csrf, year: String(year), submitLabel: t("提交申报", "Declare"), error: error, fields: fields,
            sectors: ProjectSector.all.map {
                ProjectListPage.Option(value: $0.code, label: t($0.nameZh, $0.nameEn), selected: $0.code == cells["sector"])
            },
            tiers: ProjectStage.tiers.map {
                ProjectListPage.Option(
                    value: $0.rawValue, label: ProjectNames.stage($0, language), selected: $0.rawValue == (cells["tier"] ?? "annual"))
            }, sectorLabel: t("所属领域", "Sector"), tierLabel: t("申报类别", "Tier"), backLabel: t("项目遴选与调度", "Selection and dispatch"))
    }
}

/// Plan versus actual by city, sector, article or target, the groups with most red first.
struct ProjectRollupPage {
    struct Model {
        var heading, intro: String
        var tabs: [ProjectListPage.Link]
        var current: String
        var rows: [Row]
        var hasRows: Bool
        var totals: [ProjectPage.Pair]
        var col: [String: String]
    }

    struct Row {
        var key, label, href, count, red, yellow, green, planned, done, completion: String
        var lagging: [ProjectListPage.Link]
    }

    static func model(
        rows: [ProjectRollup.Row], dimension: ProjectRollup.Dimension, year: Int, regions: [String: Region], plan: Plan, language: Language
    ) -> Model {
        let t = language.t
        func label(_ key: String) -> (String, String) {
            switch dimension {
            case .city: (ProjectNames.region(key, regions, language), "/projects?city=\(key)")
            case .sector: (ProjectNames.sector(key, language), "/projects?sector=\(key)")
            case .article:
                (t("第\(key)条", "Art. \(key)") + " " + (plan.article(Int(key) ?? 0).map { t($0.title, "") } ?? ""), "/projects?article=\(key)")
            case .target: (key, "/projects?target=\(key)")
            }
        }
        let planned = rows.map(\.planned).reduce(0, +)
        let done = rows.map(\.done).reduce(0, +)
        return Model(
            heading: t("计划与实际（\(year) 年）", "Plan versus actual (\(year))"),
            intro: t(
                "年度计划和在建项目按维度汇总：红灯多的排在前面，每组列出落后的项目。投资完成率为当年累计完成投资与年度计划投资之比。",
                "The annual plan's and building projects summed up: the groups with most red first, each listing its lagging projects. Investment done is the year's completed over the year's plan."
            ),
            tabs: ProjectRollup.Dimension.allCases.map {
                ProjectListPage.Link(href: "/projects/rollup?by=\($0.rawValue)", label: t($0.nameZh, $0.nameEn))
            },
            current: t(dimension.nameZh, dimension.nameEn),
            rows: rows.map { r in
                let (name, href) = label(r.key)
                return Row(
                    key: r.key, label: name, href: href, count: String(r.count), red: String(r.red), yellow: String(r.yellow), green: String(r.green),
                    planned: ProjectNames.amount(r.planned, language), done: ProjectNames.amount(r.done, language),
                    completion: ProjectNames.percent(r.completion),
                    lagging: r.codes.prefix(r.red + r.yellow).prefix(5).map { ProjectListPage.Link(href: "/projects/\($0)", label: $0) })
            }, hasRows: !rows.isEmpty,
            totals: [
                ProjectPage.Pair(label: t("年度计划投资", "Planned this year"), value: ProjectNames.total(planned, language)),
                ProjectPage.Pair(label: t("当年完成投资", "Done this year"), value: ProjectNames.total(done, language)),
                ProjectPage.Pair(label: t("投资完成率", "Investment done"), value: ProjectNames.percent(planned > 0 ? done / planned * 100 : nil)),
            ],
            col: [
                "list": t("重大项目库", "Major-project library"), "group": t("分组", "Group"), "count": t("项目数", "Projects"), "red": t("红灯", "Red"),
                "yellow": t("黄灯", "Yellow"),
                "green": t("绿灯", "Green"), "planned": t("年度计划投资", "Planned"), "done": t("当年完成", "Done"), "completion": t("完成率", "Done %"),
                "lagging": t("落后项目", "Lagging"), "empty": t("没有年度计划或在建项目。", "No project of the annual plan or under construction."),
            ])
    }
}

/// Every project problem with its owner and due day, open ones first.
struct ProjectProblemsPage {
    struct Model {
        var heading, intro, csrf: String
        var rows: [ProjectPage.ProblemRow]
        var codes: [String]
        var hasRows: Bool
        var labels: [String: String]
    }

    static func model(
        problems: [ProjectProblem], canClose: (ProjectProblem) -> Bool, canEscalate: (ProjectProblem) -> Bool, tree: UnitTree, today: Day,
        csrf: String, language: Language
    ) -> Model {
        let t = language.t
        return Model(
            heading: t("项目问题清单", "Project problems"),
            intro: t(
                "月度调度中反映的问题：责任单位、解决时限和办理状态。逾期未解决的问题向责任单位预警，可一键转为督办单。",
                "Problems raised in monthly reports, with the unit that must solve them and when. Overdue ones raise alerts, and any can become a supervision order in one step."
            ), csrf: csrf,
            rows: problems.map { pr in
                ProjectPage.ProblemRow(
                    id: String(pr.id), code: pr.code, month: pr.month.description, text: pr.text, help: pr.help,
                    owner: tree[pr.ownerUnit].map { t($0.nameZh, $0.nameEn) } ?? pr.ownerUnit, due: pr.due.description,
                    state: pr.isOpen ? (pr.orderID != nil ? t("已转督办", "Now an order") : t("未解决", "Open")) : t("已解决", "Closed"),
                    stateCode: pr.isOpen ? "open" : "closed", order: pr.orderID ?? "", orderHref: pr.orderID.map { "/orders/\($0)" } ?? "",
                    open: pr.isOpen, canClose: pr.isOpen && canClose(pr), canEscalate: pr.isOpen && pr.orderID == nil && canEscalate(pr),
                    overdue: pr.isOverdue(today: today))
            }, codes: problems.map(\.code), hasRows: !problems.isEmpty,
            labels: [
                "list": t("重大项目库", "Major-project library"), "project": t("项目", "Project"), "month": t("月份", "Month"),
                "problem": t("存在问题", "Problem"),
                "help": t("需协调事项", "Help asked for"), "owner": t("责任单位", "Owner"), "due": t("时限", "Due"), "state": t("状态", "State"),
                "close": t("销号", "Close"), "escalate": t("转为督办", "Make it a supervision order"), "closeNote": t("解决情况", "How it was solved"),
                "empty": t("没有问题。", "No problem."),
            ])
    }
}
