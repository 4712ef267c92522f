import Foundation
import PlanCore
import PlanServices
import PlanStore

/// The library's desk: declaration windows and their criteria, a year's declarations with their
/// scores (the office admits and publishes), reports awaiting review, and the rules.
struct ProjectDeskPage {
    struct Model {
        var heading, intro, csrf: String
        var message, error: String?
        var labels: [String: String]
        var windows: [WindowRow]
        var hasWindows: Bool
        var year: String
        var isOffice, canDeclare: Bool
        var yearOpen, yearPublished: Bool
        var criteria: String
        var declarations: [DeclarationRow]
        var hasDeclarations: Bool
        var pending: [PendingRow]
        var hasPending: Bool
        var pendingCount: String
        var rules: [RuleField]
        var nextYear: String
        var today: String
    }

    struct WindowRow {
        var year, opens, closes, state, href: String
        var current: Bool
    }

    struct DeclarationRow {
        var code, name, unit, tier, total, mean, reviews, stage: String
        var declared: Bool
    }

    struct PendingRow {
        var key, code, name, month, investmentMonth, progress: String
    }

    struct RuleField {
        var name, label, value: String
    }

    static func model(
        windows: [DeclarationWindow], year: Int?, declarations: [(project: Project, reviews: [ProjectReview], mean: Double?)],
        pending: [ProjectReport],
        library: ProjectService.Library, isOffice: Bool, canDeclare: Bool, tree: UnitTree, csrf: String, message: String?, error: String?,
        language: Language
    ) -> Model {
        let t = language.t
        let today = library.today
        let selected = year ?? windows.first?.year
        let window = windows.first { $0.year == selected }
        let rules = library.rules
        return Model(
            heading: t("项目遴选与调度", "Selection and dispatch"),
            intro: t(
                "办公室开放年度申报窗口并公布遴选标准；各市、省直部门和省属企业申报项目，评审人员按标准评分；办公室择优入库并发布名单。各单位每月按时报送调度，审核通过的报告计入投资目标。",
                "The office opens a year's declaration window with its criteria; cities, departments and enterprises declare projects; reviewers score them; the office admits the best and publishes the list. Units report every month; approved reports count towards the investment figures."
            ),
            csrf: csrf, message: message, error: error,
            labels: [
                "windows": t("申报窗口", "Declaration windows"), "library": t("重大项目库", "Major-project library"), "year": t("年度", "Year"),
                "opens": t("开始", "Opens"), "closes": t("截止", "Closes"),
                "criteria": t("遴选标准", "Selection criteria"), "open": t("开放申报窗口", "Open a window"), "declare": t("在线申报", "Declare a project"),
                "import": t("从 XLSX 批量申报", "Declare from a workbook"), "declarations": t("申报项目", "Declarations"),
                "code": t("项目代码", "Code"), "name": t("项目名称", "Project"), "unit": t("申报单位", "Unit"), "tier": t("申报类别", "Tier"),
                "total": t("总投资", "Total"), "mean": t("平均分", "Mean score"), "reviews": t("评审数", "Reviews"), "stage": t("阶段", "Stage"),
                "admit": t("入库所选项目", "Admit the selected"), "rejectOthers": t("其余标为未入选", "Mark the others not selected"),
                "reason": t("说明", "Note"), "publish": t("发布年度名单", "Publish the year's list"), "published": t("已发布", "Published"),
                "pending": t("待审核的月度调度", "Dispatch reports awaiting review"), "month": t("月份", "Month"),
                "investmentMonth": t("本月完成投资", "This month"), "progress": t("形象进度", "Progress"), "approveAll": t("审核通过所选", "Approve the selected"),
                "returnAll": t("退回所选", "Return the selected"), "note": t("意见", "Note"), "rules": t("红黄绿灯规则", "Red/yellow/green rules"),
                "saveRules": t("保存规则", "Save the rules"), "reportsImport": t("导入月度调度表", "Import a month's dispatch"),
                "rollup": t("计划与实际汇总", "Plan versus actual"), "problems": t("问题清单", "Problems"), "noDeclarations": t("没有申报项目。", "No declaration."),
                "noWindows": t("尚未开放申报窗口。", "No window yet."), "select": t("选择", "Select"),
            ],
            windows: windows.map { w in
                WindowRow(
                    year: String(w.year), opens: w.opens.description, closes: w.closes.description,
                    state: w.publishedAt != nil ? t("名单已发布", "List published") : (w.isOpen(on: today) ? t("申报中", "Open") : t("已截止", "Closed")),
                    href: "/projects/desk?year=\(w.year)", current: w.year == selected)
            }, hasWindows: !windows.isEmpty, year: selected.map(String.init) ?? "", isOffice: isOffice, canDeclare: canDeclare,
            yearOpen: window?.isOpen(on: today) ?? false, yearPublished: window?.publishedAt != nil, criteria: window?.criteria ?? "",
            declarations: declarations.map { d in
                DeclarationRow(
                    code: d.project.code, name: d.project.name, unit: tree[d.project.unitCode].map { t($0.nameZh, $0.nameEn) } ?? d.project.unitCode,
                    tier: ProjectNames.stage(d.project.requestedStage, language), total: ProjectNames.amount(d.project.totalInvestment, language),
                    mean: d.mean.map { String(format: "%.1f", $0) } ?? "—", reviews: String(d.reviews.count),
                    stage: ProjectNames.stage(d.project.stage, language),
                    declared: d.project.stage == .declared)
            }, hasDeclarations: !declarations.isEmpty,
            pending: pending.prefix(500).map { r in
                PendingRow(
                    key: "\(r.code)|\(r.month)", code: r.code, name: library.byCode[r.code]?.name ?? r.code, month: r.month.description,
                    investmentMonth: ProjectNames.amount(r.investmentMonth, language), progress: ProjectNames.percent(r.progress))
            }, hasPending: !pending.isEmpty, pendingCount: t("共 \(pending.count) 份", "\(pending.count) reports"),
            rules: [
                RuleField(
                    name: "investmentRedGap", label: t("投资落后序时进度超过（百分点）亮红灯", "Red: investment behind time elapsed by more than (points)"),
                    value: PlainNumber.format(rules.investmentRedGap)),
                RuleField(
                    name: "investmentYellowGap", label: t("投资落后序时进度超过（百分点）亮黄灯", "Yellow: investment behind by more than (points)"),
                    value: PlainNumber.format(rules.investmentYellowGap)),
                RuleField(
                    name: "progressRedGap", label: t("形象进度落后计划超过（百分点）亮红灯", "Red: progress behind schedule by more than (points)"),
                    value: PlainNumber.format(rules.progressRedGap)),
                RuleField(
                    name: "progressYellowGap", label: t("形象进度落后计划超过（百分点）亮黄灯", "Yellow: progress behind by more than (points)"),
                    value: PlainNumber.format(rules.progressYellowGap)),
                RuleField(
                    name: "startLateRedDays", label: t("开工延误超过（天）亮红灯", "Red: start late by more than (days)"), value: String(rules.startLateRedDays)),
                RuleField(
                    name: "startLateYellowDays", label: t("开工延误超过（天）亮黄灯", "Yellow: start late by more than (days)"),
                    value: String(rules.startLateYellowDays)),
                RuleField(
                    name: "silentRedMonths", label: t("连续未有审核通过报告（月）亮红灯", "Red: months without an approved report"),
                    value: String(rules.silentRedMonths)),
                RuleField(name: "dueDay", label: t("每月报送截止日", "Reports due on day of the next month"), value: String(rules.dueDay)),
            ], nextYear: String(today.year + 1), today: today.description)
    }

    /// The rules from the form's fields; a field that is not a number is a problem named after it.
    static func rules(_ fields: [String: String], language: Language) throws -> ProjectRules {
        var r = ProjectRules()
        func number(_ name: String) throws -> Double {
            guard let v = Double(fields[name]?.trimmingCharacters(in: .whitespaces) ?? ""), v.isFinite else {
                throw ServiceError.invalid(zh: "「\(name)」应为数字", en: "\(name) is not a number")
            }
            return v
        }
        r.investmentRedGap = try number("investmentRedGap")
        r.investmentYellowGap = try number("investmentYellowGap")
        r.progressRedGap = try number("progressRedGap")
        r.progressYellowGap = try number("progressYellowGap")
        r.startLateRedDays = Int(try number("startLateRedDays"))
        r.startLateYellowDays = Int(try number("startLateYellowDays"))
        r.silentRedMonths = Int(try number("silentRedMonths"))
        r.dueDay = Int(try number("dueDay"))
        return r
    }
}
