import Foundation
import PlanCore
import PlanServices

/// The overview: headline targets, counts by status, the progress index per chapter, data coverage.
struct OverviewPage {
    /// The plan's headline targets, in the order a leader reads them.
    static let headlineIDs = [
        "C02-2", "A008-1", "C05-1", "A049-1", "A070-1", "C05-2", "A071-2", "C06-1", "A086-1", "C10-1", "A066-1", "A003-1",
    ]

    struct Model {
        var heading, planTitle, coverage, asOfText, headlineHeading, indexHeading, indexNote, overallLabel, overall: String
        var statusCounts: [StatusCount]
        /// One bar of all targets by status, with a legend that says what each status means.
        var bar: [BarSegment]
        var legend: [StatusLegend.Entry]
        var legendHeading, barLabel: String
        /// The targets that cannot be assessed, by what they lack.
        var reasonsText: String
        var reasons: [ReasonLink]
        /// The evaluation year chosen (the latest year with data by default).
        var years: [Year]
        var asOfLabel, showLabel, allTargetsLabel: String
        var headline: [Headline]
        var chapters: [ChapterScore]
        /// Until a chapter can be scored, the index is one sentence instead of a table.
        var hasScoredChapter: Bool
        var chapterSummary: String
        var col: [String: String]
        /// Data collection at a glance: the workflow counts and the latest approvals.
        var reporting: ReportingPanel?
        /// The reviewers' switch between approved data and a preview with submitted figures.
        var preview: PreviewToggle?
    }

    struct ReportingPanel {
        var heading, note: String
        var counts: [StatusCount]
        var recentHeading: String
        var recent: [RecentApproval]
        var hasRecent: Bool

        /// The data-collection panel: approvals for everyone; drafts, submissions and returns too
        /// when the summary includes a reviewer's workflow.
        init(_ summary: ReportingService.CollectionSummary, tree: UnitTree, language: Language) {
            let t = language.t
            heading = t("数据报送", "Data collection")
            note = t("各地各部门报送的数据经审核通过后才进入评估。", "Reported figures enter the evaluation only once approved.")
            counts = (summary.includesWorkflow ? [SubmissionStatus.draft, .submitted, .returned, .approved] : [.approved]).map {
                StatusCount(code: $0.rawValue, name: t($0.nameZh, $0.nameEn), count: summary.counts[$0] ?? 0)
            }
            recentHeading = t("最近审核通过", "Recently approved")
            recent = summary.recent.map { s in
                RecentApproval(
                    unitCode: s.unitCode, unitName: tree[s.unitCode].map { t($0.nameZh, $0.nameEn) } ?? s.unitCode, period: s.period.description,
                    at: String(s.updatedAt.prefix(10)))
            }
            hasRecent = !recent.isEmpty
        }
    }

    struct RecentApproval {
        var unitCode, unitName, period, at: String
    }

    struct PreviewToggle {
        var on: Bool
        var banner, href, label: String

        init(on: Bool, language: Language) {
            self.on = on
            banner = language.t(
                "预览：以下评估包含已提交、尚未审核的数据，不是正式结果。", "Preview: these evaluations include submitted figures not yet approved; they are not official.")
            href = on ? "/" : "/?preview=submitted"
            label = on ? language.t("返回正式数据", "Back to approved data") : language.t("预览待审核数据", "Preview submitted figures")
        }
    }

    struct StatusCount {
        var code, name: String
        var count: Int
        var href = ""
    }

    struct BarSegment {
        var code, name, width: String
        var count: Int
        var href: String
    }

    struct ReasonLink {
        var name, href: String
        var count: Int
    }

    struct Year {
        var year: Int
        var selected: Bool
    }

    struct Headline {
        var id, name, latest, goal, progress, status, statusCode, likelihood, likelihoodCode: String
    }

    struct ChapterScore {
        var number: Int
        var title: String
        var targets, assessable: Int
        var score: String
    }

    static func model(snapshot: PlanService.Snapshot, evaluations: [TargetEvaluation], asOf: Int? = nil, language: Language) -> Model {
        let plan = snapshot.plan
        let text = TargetText(plan: plan, language: language)
        let t = language.t
        let byID = Dictionary(evaluations.map { ($0.targetID, $0) }, uniquingKeysWith: { a, _ in a })
        let assessable = evaluations.filter { $0.status != .notAssessable }.count
        let latestPeriod = snapshot.latestPeriod
        let headline = headlineIDs.compactMap { id -> Headline? in
            guard let target = snapshot.targetsByID[id] else { return nil }
            let e = byID[id]
            let unit = plan.indicator(target.indicatorKey)?.unit ?? ""
            return Headline(
                id: id, name: text.name(target),
                latest: e?.latestValue.map { NumberText.format($0, unit: unit, language: language) + " (\(e?.latestPeriod?.description ?? ""))" }
                    ?? "—",
                goal: text.goal(target), progress: NumberText.percent(e?.progress), status: language.status(e?.status ?? .notAssessable),
                statusCode: (e?.status ?? .notAssessable).code, likelihood: language.likelihood(e?.likelihood ?? .unknown),
                likelihoodCode: (e?.likelihood ?? .unknown).code)
        }
        let index = ProgressIndex.compute(plan: plan, evaluations: evaluations)
        let chapters = index.chapters.filter { $0.targets > 0 }.map { c in
            ChapterScore(
                number: c.chapter, title: plan.chapter(c.chapter).map { text.chapterLabel($0) + text.title($0) } ?? "",
                targets: c.targets, assessable: c.assessable,
                score: c.score.map { NumberText.plain($0) } ?? t("数据不足", "too little data"))
        }
        let year = asOf ?? snapshot.latestYear
        let suffix = asOf.map { "&as_of=\($0)" } ?? ""
        let legend = StatusLegend.entries(evaluations, language: language, asOf: asOf)
        let bar = legend.filter { $0.count > 0 }.map { e in
            BarSegment(
                code: e.code, name: e.name,
                width: String(format: "%.2f", Double(e.count) * 100 / Double(max(1, evaluations.count))), count: e.count, href: e.href)
        }
        var reasonCounts: [NotAssessableReason: Int] = [:]
        for e in evaluations { if let reason = snapshot.reason(for: e) { reasonCounts[reason, default: 0] += 1 } }
        let reasons = NotAssessableReason.allCases.compactMap { r -> ReasonLink? in
            guard let n = reasonCounts[r] else { return nil }
            return ReasonLink(name: t(r.nameZh, r.nameEn), href: "/targets?status=not_assessable&reason=\(r.rawValue)" + suffix, count: n)
        }
        let notAssessable = evaluations.count - assessable
        return Model(
            heading: t("先行区建设进展总览", "Where the pilot zone stands"), planTitle: text.planTitle(),
            coverage: t("\(evaluations.count) 项目标中 \(assessable) 项可评估", "\(assessable) of \(evaluations.count) targets assessable"),
            asOfText: t(
                "评估年份 \(year) · 最新数据 \(latestPeriod?.description ?? "—") · 数据版本 \(snapshot.dataVersion)",
                "as of \(year) · latest data \(latestPeriod?.description ?? "—") · data version \(snapshot.dataVersion)"),
            headlineHeading: t("主要目标", "Headline targets"), indexHeading: t("目标进展指数（分章）", "Target Progress Index by chapter"),
            indexNote: t(
                "0 = 基期，100 = 目标；可评估目标不足三分之二的章节不计分。",
                "0 = base, 100 = target; a chapter is scored only when two thirds of its targets are assessable."),
            overallLabel: t("总指数", "Overall"), overall: index.overall.map { NumberText.plain($0) } ?? t("数据不足", "too little data"),
            statusCounts: legend.map { StatusCount(code: $0.code, name: $0.name, count: $0.count, href: $0.href) },
            bar: bar, legend: legend, legendHeading: t("状态说明", "What the statuses mean"),
            barLabel: t("全部目标按状态", "All targets by status"),
            reasonsText: t("\(notAssessable) 项无法评估，缺少：", "\(notAssessable) cannot be assessed, for lack of: "), reasons: reasons,
            years: (2021...max(2021, snapshot.latestYear)).reversed().map { Year(year: $0, selected: $0 == year) },
            asOfLabel: t("评估年份", "As of"), showLabel: t("查看", "Show"), allTargetsLabel: t("全部目标一览", "All targets"),
            headline: headline, chapters: chapters, hasScoredChapter: index.chapters.contains { $0.score != nil },
            chapterSummary: t(
                "各章可评估目标均不足三分之二，暂不计分（共 \(chapters.count) 章有目标）。",
                "No chapter has two thirds of its targets assessable yet, so none is scored (\(chapters.count) chapters have targets)."),
            col: [
                "target": t("目标", "Target"), "latest": t("最新值", "Latest"), "goal": t("目标值", "Goal"),
                "progress": t("任务进度", "Progress"), "status": t("状态", "Status"), "likelihood": t("预计", "Outlook"),
                "chapter": t("章", "Chapter"), "targets": t("目标数", "Targets"), "assessable": t("可评估", "Assessable"),
                "score": t("得分", "Score"),
            ])
    }
}
