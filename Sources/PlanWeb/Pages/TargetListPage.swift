import Foundation
import PlanCore
import PlanServices

/// `/targets`: every target, filtered by status, chapter, region, binding, assessability, the
/// reason it cannot be assessed and indicator, and sorted; the answer to "what is off track?".
struct TargetListPage {
    struct Model {
        var heading, countText, filterLabel, applyLabel, resetLabel, emptyText, legendHeading: String
        var filters: [Select]
        var rows: [Row]
        var hasRows: Bool
        var legend: [StatusLegend.Entry]
        var col: [String: String]
    }

    /// A filter control: a labelled select whose options keep the current choice.
    struct Select {
        var name, label: String
        var options: [Option]
    }

    struct Option {
        var value, label: String
        var selected: Bool
    }

    struct Row {
        var id, name, goal, chapter, region, status, statusCode, likelihood, progress, latest, reason: String
        var binding: Bool
    }

    /// The filter a request asks for; a value that is not one of the choices is a 400.
    static func filter(_ query: Query) throws -> (TargetFilter, asOf: Int?) {
        func choice<T>(_ name: String, _ parse: (String) -> T?) throws -> T? {
            guard let text = query.string(name) else { return nil }
            guard let value = parse(text) else { throw ServiceError.badParameter(name: name, message: "\"\(text)\" is not one of the choices") }
            return value
        }
        let flag: (String) -> Bool? = { ["yes": true, "no": false][$0] }
        let filter = TargetFilter(
            status: try choice("status", EvaluationStatus.init(rawValue:)), chapter: try query.int("chapter", in: 1...99),
            region: query.string("region"), binding: try choice("binding", flag), assessable: try choice("assessable", flag),
            reason: try choice("reason", NotAssessableReason.init(rawValue:)), indicator: query.string("indicator"),
            sort: try choice("sort", TargetFilter.Sort.init(rawValue:)) ?? .plan)
        return (filter, try query.int("as_of", in: 2000...2100))
    }

    static func model(
        listings: [TargetListing], all: [TargetEvaluation], snapshot s: PlanService.Snapshot, filter f: TargetFilter, asOf: Int?,
        language: Language
    ) -> Model {
        let t = language.t
        let text = TargetText(plan: s.plan, language: language)
        let year = asOf ?? s.latestYear
        func option(_ value: String, _ label: String, _ selected: Bool) -> Option { Option(value: value, label: label, selected: selected) }
        let any = t("全部", "all")
        let statusOptions =
            [option("", any, f.status == nil)] + EvaluationStatus.allCases.map { option($0.code, language.status($0), f.status == $0) }
        let chapters =
            [option("", any, f.chapter == nil)]
            + s.plan.chapters.map { option(String($0.number), text.chapterLabel($0) + text.title($0), f.chapter == $0.number) }
        let regions =
            [option("", t("各目标所在地区", "each target's own region"), f.region == nil)]
            + s.plan.regions.filter { $0.level != .county }.map { option($0.code, text.region($0.code), f.region == $0.code) }
        let yesNo: (Bool?, String, String) -> [Option] = { current, yes, no in
            [option("", any, current == nil), option("yes", yes, current == true), option("no", no, current == false)]
        }
        let reasons =
            [option("", any, f.reason == nil)] + NotAssessableReason.allCases.map { option($0.rawValue, t($0.nameZh, $0.nameEn), f.reason == $0) }
        let measured = Set(s.plan.targets.map(\.indicatorKey))
        let indicators =
            [option("", any, f.indicator == nil)]
            + s.plan.indicators.filter { measured.contains($0.key) }.map { option($0.key, t($0.nameZh, $0.nameEn), f.indicator == $0.key) }
        let sorts = [
            option("plan", t("按规划顺序", "plan order"), f.sort == .plan),
            option("status", t("最需关注的在前", "most in need of attention first"), f.sort == .status),
            option("progress", t("进度最低的在前", "least progress first"), f.sort == .progress),
        ]
        let years = (2021...max(2021, s.latestYear)).reversed().map { option(String($0), String($0), $0 == year) }
        let rows = listings.map { l -> Row in
            let e = l.evaluation
            let unit = s.plan.indicator(l.target.indicatorKey)?.unit ?? ""
            return Row(
                id: l.target.id, name: text.name(l.target), goal: text.goal(l.target),
                chapter: s.plan.chapterNumber(of: l.target.source).map { t("第\($0)章", "Ch. \($0)") } ?? "",
                region: text.region(e.regionCode), status: language.status(e.status), statusCode: e.status.code,
                likelihood: e.status == .notAssessable ? "" : language.likelihood(e.likelihood),
                progress: NumberText.percent(e.progress),
                latest: e.latestValue.map { NumberText.format($0, unit: unit, language: language) + " (\(e.latestPeriod?.description ?? ""))" }
                    ?? "—",
                reason: l.reason.map { t($0.nameZh, $0.nameEn) } ?? "", binding: l.target.binding)
        }
        return Model(
            heading: t("目标一览", "Targets"),
            countText: t("共 \(listings.count) 项（全部 \(all.count) 项）· 评估年份 \(year)", "\(listings.count) of \(all.count) targets · as of \(year)"),
            filterLabel: t("筛选", "Filter"), applyLabel: t("筛选", "Apply"), resetLabel: t("清除筛选", "Clear filters"),
            emptyText: t("没有符合条件的目标。", "No target matches."), legendHeading: t("状态说明", "What the statuses mean"),
            filters: [
                Select(name: "status", label: t("状态", "Status"), options: statusOptions),
                Select(name: "reason", label: t("无法评估的原因", "Why not assessable"), options: reasons),
                Select(name: "chapter", label: t("章", "Chapter"), options: chapters),
                Select(name: "region", label: t("地区", "Region"), options: regions),
                Select(name: "binding", label: t("属性", "Binding"), options: yesNo(f.binding, t("约束性", "binding"), t("预期性", "expected"))),
                Select(
                    name: "assessable", label: t("可否评估", "Assessable"),
                    options: yesNo(f.assessable, t("可评估", "assessable"), t("无法评估", "not assessable"))),
                Select(name: "indicator", label: t("指标", "Indicator"), options: indicators),
                Select(name: "sort", label: t("排序", "Sort"), options: sorts),
                Select(name: "as_of", label: t("评估年份", "As of"), options: years),
            ],
            rows: rows, hasRows: !rows.isEmpty, legend: StatusLegend.entries(all, language: language, asOf: asOf),
            col: [
                "target": t("目标", "Target"), "chapter": t("章", "Chapter"), "region": t("地区", "Region"), "goal": t("目标值", "Goal"),
                "latest": t("最新值", "Latest"), "progress": t("任务进度", "Progress"), "status": t("状态", "Status"),
                "likelihood": t("预计", "Outlook"), "reason": t("缺少", "Missing"), "binding": t("约束性", "binding"),
            ])
    }
}
