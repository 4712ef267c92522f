import Foundation
import PlanCore
import PlanServices

/// Every unit's reporting diligence over a month or a year, the lowest score first.
struct DiligencePage {
    struct Model {
        var heading, intro, spanText, monthLabel, month, showLabel, yearHref, yearLabel, xlsxHref, xlsxLabel, empty: String
        var rows: [Row]
        var hasRows: Bool
        var col: [String: String]
    }

    struct Row {
        var code, name, score, band, due, timeliness, completeness, revisedLate, outliers, evidence: String
    }

    static func model(rows: [SupervisionService.DiligenceRow], span: DiligenceRoutes.Span, language: Language) -> Model {
        let t = language.t
        let year = span.year ?? span.from.year
        let query = span.year.map { "year=\($0)" } ?? "month=\(span.month)"
        return Model(
            heading: t("报送质量", "Reporting diligence"),
            intro: t(
                "各单位按截止日所在月份统计的报送义务（各期数据、牵头任务的月度进展）完成情况，得分最低的在前：及时率、完整率、截止后对已报数据的修改、异常值、进展报告附佐证材料。得分为加权平均（及时 30、完整 30、截止后修改 15、异常值 10、佐证 15），可作为考核的组成部分。",
                "Each unit's obligations (periods of figures, monthly reports on the tasks it leads) by the month they fell due, the lowest score first: on time, complete, figures changed after the deadline, outliers, and task reports with evidence. The score is a weighted mean (on time 30, complete 30, late changes 15, outliers 10, evidence 15) and can be a component of the assessment."
            ),
            spanText: span.year != nil ? t("\(year) 年全年（截至本月）", "The year \(year) (to this month)") : t("\(span.month) 月", "Month \(span.month)"),
            monthLabel: t("月份", "Month"), month: span.month, showLabel: t("查看", "Show"), yearHref: "/diligence?year=\(year)",
            yearLabel: t("\(year) 年全年", "The whole of \(year)"), xlsxHref: "/diligence.xlsx?\(query)", xlsxLabel: t("导出 XLSX", "Export XLSX"),
            empty: t("这段时间没有到期的报送义务。", "Nothing fell due in this span."),
            rows: rows.map { r in
                let c = r.counts
                return Row(
                    code: r.unit.code, name: t(r.unit.nameZh, r.unit.nameEn), score: DiligenceText.score(r.score), band: DiligenceText.band(r.score),
                    due: "\(c.due)", timeliness: DiligenceText.share(c.timeliness), completeness: DiligenceText.share(c.completeness),
                    revisedLate: c.values > 0 ? "\(c.revisedLate)/\(c.values)" : "—", outliers: DiligenceText.share(c.outlierRate),
                    evidence: c.reports > 0 ? "\(c.withEvidence)/\(c.reports)" : "—")
            }, hasRows: !rows.isEmpty, col: DiligenceText.columns(language))
    }
}
