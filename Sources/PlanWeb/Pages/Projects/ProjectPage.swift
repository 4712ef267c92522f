import Foundation
import PlanCore
import PlanServices
import PlanStore

/// One project: what it is, its colour and why, its stage history, versions and adjustments,
/// its monthly reports and problems — with the forms each reader may use.
struct ProjectPage {
    struct Model {
        var heading, code, csrf: String
        var message, error: String?
        var rag, ragCode, stage: String
        var reasons: [String]
        var hasReasons: Bool
        var figures: [Pair]
        var details: [Pair]
        var articleLinks: [Link]
        var targetLinks: [Link]
        var labels: [String: String]
        var reviews: [ReviewRow]
        var hasReviews, canReview: Bool
        var transitions: [TransitionRow]
        var canMove: Bool
        var nextStages: [Option]
        var versions: [VersionRow]
        var hasVersions: Bool
        var compare: [DiffRow]
        var hasCompare: Bool
        var compareHeading: String
        var adjustments: [AdjustmentRow]
        var hasAdjustments, canRequest: Bool
        var kinds: [Option]
        var form: [String: String]
        var reports: [ReportRow]
        var hasReports, canReport, canApprove: Bool
        var milestones: [Option]
        var months: [Option]
        var problems: [ProblemRow]
        var hasProblems: Bool
        var today: String
    }

    struct Pair {
        var label, value: String
    }

    struct Link {
        var href, label: String
    }

    struct Option {
        var value, label: String
        var selected: Bool
    }

    struct ReviewRow {
        var reviewer, score, comment, at: String
    }

    struct TransitionRow {
        var from, to, on, by, reason: String
    }

    struct VersionRow {
        var version, at, by, reason, href: String
    }

    struct DiffRow {
        var field, old, new: String
    }

    struct AdjustmentRow {
        var id, kind, status, statusCode, reason, requestedBy, requestedAt, decision: String
        var pending: Bool
        var changes: [DiffRow]
    }

    struct ReportRow {
        var month, investmentMonth, investmentToDate, investmentYear, progress, milestones, status, statusCode, note: String
        var pending: Bool
    }

    struct ProblemRow {
        var id, code, month, text, help, owner, due, state, stateCode, order, orderHref: String
        var open, canClose, canEscalate, overdue: Bool
    }

    struct Context {
        var project: Project
        var standing: ProjectStanding
        var reviews: [ProjectReview]
        var transitions: [ProjectTransition]
        var versions: [ProjectVersion]
        var adjustments: [ProjectAdjustment]
        var reports: [ProjectReport]
        var problems: [ProjectProblem]
        var compare: (Int, Int)?
        var canReview, canMove, canRequest, canReport, canApprove: Bool
        var canEscalate: (ProjectProblem) -> Bool
        var canClose: (ProjectProblem) -> Bool
        var today: Day
        var dueDay: Int
    }

    static func model(
        _ c: Context, regions: [String: Region], tree: UnitTree, csrf: String, message: String?, error: String?, language: Language
    ) -> Model {
        let t = language.t
        let p = c.project
        let s = c.standing
        func unit(_ code: String) -> String { tree[code].map { t($0.nameZh, $0.nameEn) } ?? code }
        let figures = [
            Pair(label: t("序时进度", "Time elapsed"), value: ProjectNames.percent(s.timeElapsed)),
            Pair(label: t("年度投资完成率", "Year's investment done"), value: ProjectNames.percent(s.investmentCompletion)),
            Pair(label: t("计划形象进度", "Scheduled progress"), value: ProjectNames.percent(s.scheduledProgress)),
            Pair(label: t("实际形象进度", "Reported progress"), value: ProjectNames.percent(s.progress)),
            Pair(label: t("最近审核通过的报告", "Latest approved report"), value: s.latestMonth?.description ?? "—"),
        ]
        var details = [
            Pair(label: t("项目单位", "Owner"), value: p.owner),
            Pair(label: t("申报单位", "Declared by"), value: unit(p.unitCode)),
            Pair(
                label: t("所在地", "Where"),
                value: "\(ProjectNames.region(p.cityCode, regions, language)) \(ProjectNames.region(p.countyCode, regions, language)) \(p.location)"),
            Pair(label: t("所属领域", "Sector"), value: ProjectNames.sector(p.sector, language)),
            Pair(label: t("总投资", "Total investment"), value: ProjectNames.amount(p.totalInvestment, language)),
        ]
        for (year, amount) in p.annualInvestment.sorted(by: { $0.key < $1.key }) {
            details.append(Pair(label: t("\(year)年计划投资", "\(year) planned investment"), value: ProjectNames.amount(amount, language)))
        }
        details += [
            Pair(label: t("计划开工", "Planned start"), value: p.plannedStart.description),
            Pair(label: t("计划竣工", "Planned completion"), value: p.plannedCompletion.description),
            Pair(label: t("实际开工", "Started"), value: p.actualStart?.description ?? "—"),
            Pair(label: t("实际竣工", "Completed"), value: p.actualCompletion?.description ?? "—"),
            Pair(label: t("申报年度与类别", "Window and tier"), value: "\(p.windowYear) · \(ProjectNames.stage(p.requestedStage, language))"),
            Pair(label: t("建设内容及规模", "Scope"), value: p.content),
            Pair(label: t("联系人", "Contact"), value: p.contact),
            Pair(label: t("版本", "Version"), value: "v\(p.version)"),
        ]
        let byVersion = Dictionary(c.versions.map { ($0.project.version, $0) }, uniquingKeysWith: { a, _ in a })
        var compare: [DiffRow] = []
        var compareHeading = ""
        let pair =
            c.compare ?? (c.versions.count >= 2 ? (c.versions[c.versions.count - 2].project.version, c.versions.last!.project.version) : (0, 0))
        if let a = byVersion[pair.0], let b = byVersion[pair.1] {
            compare = Project.differences(a.project, b.project).map { DiffRow(field: t($0.zh, $0.en), old: $0.old, new: $0.new) }
            compareHeading = t("v\(pair.0) 与 v\(pair.1) 的差异", "v\(pair.0) against v\(pair.1)")
        }
        let ms = Set(c.reports.first?.milestones ?? [])
        var months: [Option] = []
        let last = ProjectStanding.lastDueMonth(today: c.today, dueDay: c.dueDay)
        var m = last
        for i in 0..<6 {
            months.append(Option(value: m.description, label: m.description, selected: i == 0))
            if case .month(let n) = m.span { m = n == 1 ? Period(year: m.year - 1, span: .month(12)) : Period(year: m.year, span: .month(n - 1)) }
        }
        if case .month(let n) = last.span {
            let current = n == 12 ? Period(year: last.year + 1, span: .month(1)) : Period(year: last.year, span: .month(n + 1))
            months.insert(Option(value: current.description, label: current.description, selected: false), at: 0)
        }
        return Model(
            heading: p.name, code: p.code, csrf: csrf, message: message, error: error, rag: ProjectNames.rag(s.rag, language),
            ragCode: s.rag.rawValue,
            stage: ProjectNames.stage(p.stage, language), reasons: s.reasons.map { t($0.zh, $0.en) }, hasReasons: !s.reasons.isEmpty,
            figures: figures, details: details,
            articleLinks: p.articles.map { Link(href: "/articles/\($0)/delivery", label: t("第\($0)条", "Art. \($0)")) },
            targetLinks: p.targetIDs.map { Link(href: "/targets/\($0)", label: $0) },
            labels: [
                "list": t("重大项目库", "Major-project library"), "articles": t("服务条款", "Articles served"), "targets": t("服务目标", "Targets served"),
                "figures": t("计划与实际", "Plan versus actual"), "details": t("项目信息", "The project"), "reviews": t("评审", "Reviews"),
                "score": t("评分（0–100）", "Score (0–100)"), "comment": t("评审意见", "Comment"), "saveReview": t("提交评分", "Save the score"),
                "reviewer": t("评审人", "Reviewer"), "history": t("阶段变化", "Stage history"), "from": t("原阶段", "From"), "to": t("新阶段", "To"),
                "on": t("日期", "Day"), "by": t("操作人", "By"), "reason": t("理由", "Reason"), "move": t("变更阶段", "Move"),
                "versions": t("版本", "Versions"), "version": t("版本", "Version"), "at": t("时间", "At"), "compare": t("比较", "Compare"),
                "field": t("字段", "Field"), "old": t("原值", "Before"), "new": t("新值", "After"), "adjustments": t("动态调整", "Adjustments"),
                "kind": t("类型", "Kind"), "status": t("状态", "Status"), "decision": t("审批意见", "Decision"), "approve": t("批准", "Approve"),
                "return": t("退回", "Return"), "note": t("意见", "Note"), "request": t("申请调整", "Ask for an adjustment"),
                "requestHint": t("只填写要改变的内容；未填写的保持不变。", "Fill in only what changes; the rest stays."),
                "name": t("项目名称", "Name"), "content": t("建设内容及规模", "Scope"), "total": t("总投资（万元）", "Total (10k yuan)"),
                "annual": t("本年计划投资（万元）", "This year's plan (10k yuan)"), "start": t("计划开工", "Planned start"),
                "completion": t("计划竣工", "Planned completion"), "send": t("提交申请", "Send the request"), "reports": t("月度调度", "Monthly dispatch"),
                "month": t("月份", "Month"), "investmentMonth": t("本月完成投资（万元）", "This month (10k yuan)"),
                "investmentToDate": t("累计完成投资（万元）", "To date (10k yuan)"), "investmentYear": t("当年累计（万元）", "This year (10k yuan)"),
                "progress": t("形象进度（%）", "Progress (%)"), "milestones": t("已完成节点", "Milestones reached"), "report": t("报送本月调度", "Report a month"),
                "problem": t("存在问题", "Problem met"), "help": t("需协调事项", "Help asked for"), "problemOwner": t("问题责任单位", "Unit to solve it"),
                "problemDue": t("解决时限", "Due"), "submit": t("提交报告", "Submit the report"), "problems": t("问题清单", "Problems"),
                "owner": t("责任单位", "Owner"), "due": t("时限", "Due"), "state": t("状态", "State"), "order": t("督办单", "Order"),
                "close": t("销号", "Close"), "escalate": t("转为督办", "Make it a supervision order"), "closeNote": t("解决情况", "How it was solved"),
                "noReports": t("尚无调度报告。", "No report yet."), "noProblems": t("没有问题。", "No problem."),
                "noAdjustments": t("没有调整申请。", "No adjustment request."),
                "reportHint": t("当年累计可不填，按上月累计加本月自动计算。", "Leave this year's total empty to add this month to last month's."),
            ],
            reviews: c.reviews.map {
                ReviewRow(reviewer: $0.reviewer, score: PlainNumber.format($0.score), comment: $0.comment, at: String($0.at.prefix(16)))
            },
            hasReviews: !c.reviews.isEmpty, canReview: c.canReview,
            transitions: c.transitions.map {
                TransitionRow(
                    from: $0.from.map { ProjectNames.stage($0, language) } ?? "—", to: ProjectNames.stage($0.to, language), on: $0.on.description,
                    by: $0.by,
                    reason: $0.reason)
            }, canMove: c.canMove && !p.stage.next.isEmpty,
            nextStages: p.stage.next.map { Option(value: $0.rawValue, label: ProjectNames.stage($0, language), selected: false) },
            versions: c.versions.map {
                VersionRow(
                    version: "v\($0.project.version)", at: String($0.at.prefix(16)), by: $0.by, reason: $0.reason,
                    href: "/projects/\(p.code)?from=\(max(1, $0.project.version - 1))&to=\($0.project.version)#versions")
            }, hasVersions: !c.versions.isEmpty, compare: compare, hasCompare: !compare.isEmpty, compareHeading: compareHeading,
            adjustments: c.adjustments.reversed().map { a in
                AdjustmentRow(
                    id: String(a.id), kind: t(a.kind.nameZh, a.kind.nameEn), status: t(a.status.nameZh, a.status.nameEn),
                    statusCode: a.status.rawValue,
                    reason: a.reason, requestedBy: a.requestedBy, requestedAt: String(a.requestedAt.prefix(16)),
                    decision: [a.decidedBy ?? "", a.decisionNote].filter { !$0.isEmpty }.joined(separator: "："),
                    pending: a.status == .pending && c.canMove,
                    changes: a.kind == .withdraw
                        ? [
                            DiffRow(
                                field: t("阶段", "Stage"), old: ProjectNames.stage(p.stage, language), new: ProjectNames.stage(.withdrawn, language))
                        ]
                        : Project.differences(byVersion[a.proposed.version]?.project ?? p, a.proposed).map {
                            DiffRow(field: t($0.zh, $0.en), old: $0.old, new: $0.new)
                        })
            }, hasAdjustments: !c.adjustments.isEmpty, canRequest: c.canRequest,
            kinds: AdjustmentKind.allCases.map { Option(value: $0.rawValue, label: t($0.nameZh, $0.nameEn), selected: false) },
            form: [
                "name": p.name, "content": p.content, "total": PlainNumber.format(p.totalInvestment),
                "annual": PlainNumber.format(p.planned(in: c.today.year)),
                "start": p.plannedStart.description, "completion": p.plannedCompletion.description,
            ],
            reports: c.reports.map { r in
                ReportRow(
                    month: r.month.description, investmentMonth: ProjectNames.amount(r.investmentMonth, language),
                    investmentToDate: ProjectNames.amount(r.investmentToDate, language),
                    investmentYear: ProjectNames.amount(r.investmentYear, language),
                    progress: ProjectNames.percent(r.progress),
                    milestones: ProjectMilestone.allCases.filter(r.milestones.contains).map { t($0.nameZh, $0.nameEn) }.joined(
                        separator: t("、", ", ")),
                    status: t(r.status.nameZh, r.status.nameEn), statusCode: r.status.rawValue, note: r.reviewNote,
                    pending: r.status == .submitted && c.canApprove)
            }, hasReports: !c.reports.isEmpty, canReport: c.canReport, canApprove: c.canApprove,
            milestones: ProjectMilestone.allCases.map { Option(value: $0.rawValue, label: t($0.nameZh, $0.nameEn), selected: ms.contains($0)) },
            months: months,
            problems: c.problems.map { pr in
                ProblemRow(
                    id: String(pr.id), code: pr.code, month: pr.month.description, text: pr.text, help: pr.help, owner: unit(pr.ownerUnit),
                    due: pr.due.description,
                    state: pr.isOpen ? (pr.orderID != nil ? t("已转督办", "Now an order") : t("未解决", "Open")) : t("已解决", "Closed"),
                    stateCode: pr.isOpen ? "open" : "closed", order: pr.orderID ?? "", orderHref: pr.orderID.map { "/orders/\($0)" } ?? "",
                    open: pr.isOpen, canClose: pr.isOpen && c.canClose(pr), canEscalate: pr.isOpen && pr.orderID == nil && c.canEscalate(pr),
                    overdue: pr.isOverdue(today: c.today))
            }, hasProblems: !c.problems.isEmpty, today: c.today.description)
    }
}
