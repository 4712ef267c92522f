import Foundation
import PlanCore
import PlanServices

/// How reporting diligence reads on pages, in the PDF and in exported tables.
enum DiligenceText {
    /// A share as a whole per cent, or a dash when there was nothing to count.
    static func share(_ x: Double?) -> String {
        guard let x else { return "—" }
        return "\(Int((x * 100).rounded()))%"
    }

    /// A score to one decimal, or a dash.
    static func score(_ x: Double?) -> String {
        guard let x else { return "—" }
        return String(format: "%.1f", x)
    }

    /// `good`, `fair` or `poor` (at least 90, at least ``DiligenceWeights/poorBelow``, below), or
    /// `none`: the class a score is shown with.
    static func band(_ x: Double?) -> String {
        guard let x else { return "none" }
        return x >= 90 ? "good" : x >= DiligenceWeights.poorBelow ? "fair" : "poor"
    }

    /// One line that says where a unit fell short.
    static func summary(_ c: DiligenceCounts, language: Language) -> String {
        let t = language.t
        var parts = [
            t("及时率 \(share(c.timeliness))", "on time \(share(c.timeliness))"), t("完整率 \(share(c.completeness))", "complete \(share(c.completeness))"),
        ]
        if c.values > 0 {
            parts.append(t("截止后修改 \(c.revisedLate) 项", "\(c.revisedLate) changed late"))
            parts.append(t("异常值 \(c.flagged) 项", "\(c.flagged) outliers"))
        }
        if c.reports > 0 { parts.append(t("附佐证 \(share(c.evidenceRate))", "evidence \(share(c.evidenceRate))")) }
        return parts.joined(separator: t("，", ", "))
    }

    /// The column names of the measures, in the order tables show them.
    static func columns(_ language: Language) -> [String: String] {
        let t = language.t
        return [
            "month": t("月份", "Month"), "unit": t("单位", "Unit"), "score": t("得分", "Score"), "due": t("应报", "Due"),
            "timeliness": t("及时率", "On time"), "completeness": t("完整率", "Complete"), "revisedLate": t("截止后修改", "Changed late"),
            "outliers": t("异常值率", "Outliers"), "evidence": t("佐证材料", "Evidence"),
        ]
    }
}
