import Foundation
import PlanCharts
import PlanCore
import PlanServices

/// One target: the chart, the evaluation with its explanation in words, the observations with
/// their sources, and the article it comes from.
struct TargetPage {
    struct Model {
        var id, name, quote, status, statusCode, likelihood, likelihoodCode, likelihoodLabel, bindingLabel: String
        var planLabel, sourceLabel, chart, whyHeading, why, formula, definitionHeading, observationsHeading: String
        /// The one plain sentence the page opens with, and the heading of the collapsed method.
        var lead = "", methodHeading = ""
        var pace: String? = nil
        var noObservations, articleHeading, articleHTML, sourceHref: String
        var binding, hasFlags, hasNotes, hasObservations: Bool
        var numbers, facts: [LabelValue]
        var flags, notes: [String]
        var observations: [ObservationRow]
        var col: [String: String]
        /// For a target that cannot be assessed: what it lacks and what would unlock it.
        var missing: Missing?
        /// The quote as HTML (escaped, with real subscripts).
        var quoteHTML = ""
    }

    struct Missing {
        var heading, what, unlock: String
    }

    /// Intermediate numbers worth showing beside the main ones (the rest repeat P, τ, R, y*, projection).
    static let extraSteps: [String: (zh: String, en: String)] = [
        "CAGR observed": ("实际年均增速", "observed annual growth (CAGR)"),
        "CAGR required": ("所需年均增速", "required annual growth (CAGR)"),
        "ḡ observed growth rate": ("实际年均增长率", "observed average growth rate"),
        "g target growth rate": ("目标年均增长率", "target average growth rate"),
        "projection (Theil–Sen)": ("稳健趋势预测（Theil–Sen）", "robust projection (Theil–Sen)"),
        "S_t running total": ("累计完成", "running total"),
    ]

    struct LabelValue {
        var label, value: String
        /// The language of a value in the other language (Chinese text on an English page).
        var lang: String? = nil
    }

    struct ObservationRow {
        var period, value, source, quote: String
        /// `nil` when there is none (Mustache treats an empty string as present).
        var link, qualifier: String?
        /// `zh-CN` for a published source named in Chinese on an English page.
        var sourceLang: String?
    }

    static func model(target t: Target, evaluation e: TargetEvaluation, snapshot: PlanService.Snapshot, language: Language) -> Model {
        let plan = snapshot.plan
        let text = TargetText(plan: plan, language: language)
        let tr = language.t
        let indicator = plan.indicator(t.indicatorKey)
        let unit = indicator?.unit ?? t.unit
        let fmt = { (x: Double?) in NumberText.format(x, unit: unit, language: language) }
        let observations = snapshot.index[t.indicatorKey, t.regionCode].sorted { $0.period < $1.period }
        let annual = AnnualSeries(observations)
        let deadline = Double(t.deadline.finalYear(planEnd: 2025))

        // The chart.
        var trajectory: [SeriesChart.Point] = []
        // A planned path only where there is a planned change (not for a target already met at its base).
        if let b = e.baseValue, let by = e.baseYear, let level = e.targetLevel, e.trajectoryValue != nil, !e.flags.contains(.maintain) {
            let multiplicative = t.form == .multiplicative && b > 0 && level > 0
            let span = deadline - Double(by)
            if span > 0, t.kind != .annualCount {
                trajectory = stride(from: Double(by), through: deadline, by: 1).map { year in
                    let tau = (year - Double(by)) / span
                    let value = t.kind == .cumulative ? level * tau : (multiplicative ? b * pow(level / b, tau) : b + (level - b) * tau)
                    return SeriesChart.Point(year: year, value: value)
                }
            }
        }
        let points = annual.entries.map { SeriesChart.Point(year: Double($0.period.year), value: $0.value) }
        var projection: (from: SeriesChart.Point, central: Double, low: Double, high: Double)? = nil
        if let central = e.projection, let low = e.projectionLow, let high = e.projectionHigh,
            let last = points.last(where: { $0.year <= Double(e.asOf) }), t.kind != .cumulative
        {
            projection = (last, central, low, high)
        }
        let chart = SeriesChart(
            observations: t.kind == .cumulative ? [] : points,
            base: t.kind == .annualCount || t.kind == .cumulative
                ? nil : e.baseYear.flatMap { y in e.baseValue.map { SeriesChart.Point(year: Double(y), value: $0) } },
            targetLevel: e.targetLevel ?? (t.kind == .coverage ? t.value : nil), deadline: deadline, trajectory: trajectory,
            projection: projection, unit: text.unit(unit), title: text.name(t),
            labels: .init(
                observed: tr("实际值", "observed"), target: tr("目标", "target"), trajectory: tr("规划路径", "planned path"),
                projection: tr("趋势预测", "projection"), base: tr("基期", "base")))
        var drawn = chart
        // A 左右 target is drawn as its band, whichever edge the evaluation judges against.
        let factor = MeasurementUnit.factor(from: t.unit, to: unit) ?? 1
        drawn.targetBand =
            e.band
            ?? (t.kind == .about ? t.tolerance.map { tol in ((t.value - tol) * factor)...((t.value + tol) * factor) } : nil)

        // The explanation in words; the pace ratio goes with the method.
        var why: [String] = []
        var pace = ""
        if e.status == .notAssessable {
            why.append(
                tr("暂时无法评估：", "Not assessable yet: ") + e.flags.filter(\.isReasonNotAssessable).map(language.flag).joined(separator: "、")
                    + tr("。没有数据时不作推测。", ". Nothing is guessed where data are missing."))
        } else {
            if let by = e.baseYear, let b = e.baseValue { why.append(tr("基期 \(by) 年为 \(fmt(b))", "The base (\(by)) is \(fmt(b))")) }
            if let y = e.latestValue {
                why.append(
                    tr("最新值 \(fmt(y))（\(e.latestPeriod?.description ?? "")）", "the latest value is \(fmt(y)) (\(e.latestPeriod?.description ?? ""))"))
            }
            if let level = e.targetLevel { why.append(tr("目标水平 \(fmt(level))", "the target level is \(fmt(level))")) }
            var sentence = why.joined(separator: tr("，", ", ")) + tr("。", ".")
            if let p = e.progress, let tau = e.timeElapsed, let r = e.paceRatio {
                pace = tr(
                    "任务进度 \(NumberText.percent(p))，时间进度 \(NumberText.percent(tau))，进度比 R = \(NumberText.plain(r))（R ≥ 0.95 符合进度，0.60–0.95 略滞后，0–0.60 明显滞后，< 0 逆向）。",
                    "Progress is \(NumberText.percent(p)) of the planned change with \(NumberText.percent(tau)) of the time gone: pace ratio R = \(NumberText.plain(r)) (R ≥ 0.95 on track, 0.60–0.95 behind, 0–0.60 seriously behind, < 0 moving away)."
                )
            } else if e.status == .achieved {
                sentence += tr(" 目标已经达到。", " The target is met.")
            }
            if e.likelihood == .ended {
                sentence += tr(" 目标期限已到，以上为最终结果。", " The deadline has passed: this is the final reading.")
            } else if let proj = e.projection {
                sentence += tr(
                    " 按趋势预测 \(Int(deadline)) 年为 \(fmt(proj))（区间 \(fmt(e.projectionLow))–\(fmt(e.projectionHigh))，\(e.pointsUsed) 个数据点），前景：\(language.likelihood(e.likelihood))。",
                    " The trend projects \(fmt(proj)) for \(Int(deadline)) (band \(fmt(e.projectionLow))–\(fmt(e.projectionHigh)), \(e.pointsUsed) points): \(language.likelihood(e.likelihood).lowercased())."
                )
            }
            why = [sentence]
        }
        let numbers: [LabelValue] =
            [
                .init(label: tr("评估年份", "As of"), value: String(e.asOf)),
                .init(label: tr("基期", "Base"), value: e.baseYear.map { "\($0): \(fmt(e.baseValue))" } ?? "—"),
                .init(label: tr("最新值", "Latest"), value: e.latestValue.map { "\(fmt($0)) (\(e.latestPeriod?.description ?? ""))" } ?? "—"),
                .init(label: tr("目标水平", "Target level"), value: fmt(e.targetLevel)),
                .init(label: tr("任务进度 P", "Progress P"), value: NumberText.percent(e.progress)),
                .init(label: tr("时间进度 τ", "Time elapsed τ"), value: NumberText.percent(e.timeElapsed)),
                .init(label: tr("进度比 R", "Pace ratio R"), value: e.paceRatio.map { NumberText.plain($0) } ?? "—"),
                .init(label: tr("规划路径值", "Planned trajectory"), value: fmt(e.trajectoryValue)),
                .init(label: tr("趋势预测", "Projection"), value: fmt(e.projection)),
            ]
            + e.explanation.steps.compactMap { step in
                Self.extraSteps[step.name].map { LabelValue(label: tr($0.zh, $0.en), value: NumberText.plain(step.value)) }
            }
        let facts: [LabelValue] =
            [
                .init(label: tr("目标类型", "Kind"), value: language.kind(t.kind)),
                .init(label: tr("目标", "Goal"), value: text.goal(t)),
                .init(label: tr("地区", "Region"), value: text.region(t.regionCode)),
                .init(label: tr("属性", "Binding"), value: t.binding ? tr("约束性", "binding") : tr("预期性", "expected")),
                .init(label: tr("依据", "Why"), value: t.bindingReason, lang: language == .en ? "zh-CN" : nil),
                .init(label: tr("指标", "Indicator"), value: indicator.map { language == .zh ? $0.nameZh : $0.nameEn } ?? t.indicatorKey),
                .init(label: tr("指标定义", "Definition"), value: indicator.map { language == .zh ? $0.definitionZh : $0.definitionEn } ?? ""),
            ] + ((language == .zh ? t.noteZh : t.note).map { [LabelValue(label: tr("解读说明", "Reading note"), value: $0)] } ?? [])
            + (t.tolerance.map { tol in
                let reason = t.toleranceReason.map { tr("（", " (") + $0 + tr("）", ")") } ?? ""
                return [LabelValue(label: tr("允许偏差", "Tolerance"), value: "±\(NumberText.plain(tol)) \(text.unit(t.unit))" + reason)]
            } ?? [])
            // What the reading assumes is shown beside the target, never only in a footnote.
            + t.assumptions.map { LabelValue(label: tr("推定", "Assumption"), value: tr($0.nameZh, $0.nameEn)) }
            + (indicator?.formula.map {
                [LabelValue(label: tr("计算公式（计算值，非填报）", "Computed as (not reported)"), value: FormulaText.words($0, plan: plan, language: language))]
            } ?? [])
        let notAssessable = snapshot.reason(for: e)
        let sourceHref: String
        let sourceText: String
        switch t.source {
        case .article(let n):
            sourceHref = "/articles/\(n)"
            sourceText = plan.article(n)?.text ?? ""
        case .chapterIntroduction(let c):
            sourceHref = "/chapters/\(c)"
            sourceText = plan.chapter(c)?.introduction ?? ""
        }
        var model = Model(
            id: t.id, name: text.name(t), quote: t.quote, status: language.status(e.status), statusCode: e.status.code,
            likelihood: language.likelihood(e.likelihood), likelihoodCode: e.likelihood.code, likelihoodLabel: tr("前景：", "Outlook: "),
            bindingLabel: tr("约束性", "binding"), planLabel: tr("规划文本", "Plan"), sourceLabel: text.source(t.source),
            chart: drawn.svg(), whyHeading: tr("为什么是这个状态", "Why this status"), why: why.joined(), formula: language.formula(e.explanation.formula),
            definitionHeading: tr("目标与指标", "Target and indicator"), observationsHeading: tr("数据及来源", "Data and sources"),
            noObservations: tr("尚无公开数据。", "No published data yet."), articleHeading: text.source(t.source),
            articleHTML: ArticleHTML.render(sourceText, targets: [t]), sourceHref: sourceHref, binding: t.binding,
            // The notes are PlanCore's English sentences; Chinese pages say the same through the flags.
            hasFlags: !e.flags.isEmpty, hasNotes: language == .en && !e.explanation.notes.isEmpty, hasObservations: !observations.isEmpty,
            numbers: numbers, facts: facts, flags: e.flags.map(language.flag), notes: e.explanation.notes,
            observations: observations.map { o in
                let computed = o.provenance.isComputed
                return ObservationRow(
                    period: o.period.description, value: fmt(o.value),
                    source: computed
                        ? tr("计算值：", "Computed: ") + (indicator?.formula.map { FormulaText.words($0, plan: plan, language: language) } ?? "")
                        : o.provenance.source,
                    quote: computed ? FormulaText.inputs(o.provenance.inputs, plan: plan, language: language) : o.provenance.quote,
                    link: SafeLink.href(o.provenance.link), qualifier: language.qualifier(o.provenance.qualifier),
                    sourceLang: computed || language == .zh ? nil : "zh-CN")
            },
            col: ["period": tr("时期", "Period"), "value": tr("数值", "Value"), "source": tr("来源", "Source"), "quote": tr("原文", "Quote")],
            missing: notAssessable.map { reason in
                Missing(
                    heading: tr("为什么无法评估", "Why it cannot be assessed"), what: tr("缺少：" + reason.nameZh + "。", "Missing: " + reason.nameEn + "."),
                    unlock: tr(
                        reason.unlockZh(baseYear: e.baseYear ?? t.baseYear, asOf: e.asOf),
                        reason.unlockEn(baseYear: e.baseYear ?? t.baseYear, asOf: e.asOf)))
            })
        model.quoteHTML = ArticleHTML.textHTML(t.quote)
        model.lead = TargetLead.sentence(t, e, unit: unit, language: language, reason: notAssessable)
        model.methodHeading = tr("计算方法", "How it is computed")
        model.pace = pace.isEmpty ? nil : pace
        return model
    }
}
