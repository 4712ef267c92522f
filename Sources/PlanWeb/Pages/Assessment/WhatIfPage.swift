import Foundation
import PlanCore
import PlanServices

/// A what-if on a frozen round: the scheme's parameters in a form, and each unit's frozen total,
/// grade and rank beside those the changes would give. Nothing is saved.
struct WhatIfPage {
    struct Model {
        var heading, intro, roundHref, roundLabel: String
        var error: String?
        var vetoLabel, bonusRateLabel, bonusRate, bonusCapLabel, bonusCap, gradesLabel, grades, pointsLabel, tryLabel, resetLabel, resetHref: String
        var vetoOn, vetoOff: Bool
        var vetoOnLabel, vetoOffLabel: String
        var items: [Item]
        var pointsTotal: String
        var rows: [Row]
        var col: [String: String]
        /// Units' values tried, and the row that adds one.
        var valuesLabel, valuesNote, unitLabel, targetLabel, valueLabel: String
        var values: [Value]
        var unitOptions, targetOptions: [AssessmentPages.Option]
    }

    struct Value {
        var name, label, value: String
    }

    struct Item {
        var id, points: String
    }

    struct Row {
        var unit, frozenTotal, frozenGrade, frozenRank, total, grade, rank, delta: String
        var moved: Bool
    }

    static func model(_ w: AssessmentService.WhatIfResult, names: [String: String], error: String?, language: Language) -> Model {
        let t = language.t
        let n = AssessmentPages.number
        let s = w.changedScheme
        return Model(
            heading: t("试算：\(w.results.round.id)", "What if: \(w.results.round.id)"),
            intro: t(
                "改变方案参数，按本轮冻结的快照 #\(w.results.snapshot.seq) 重新计分，与冻结结果并列显示。试算结果不保存，也不改变本轮考核。",
                "Change the scheme's parameters and score the round's frozen snapshot #\(w.results.snapshot.seq) again, beside the frozen results. Nothing is saved, and the round does not change."
            ), roundHref: "/assessment/rounds/\(w.results.round.id)", roundLabel: t("返回本轮考核", "Back to the round"), error: error,
            vetoLabel: t("约束性目标一票否决", "Veto on binding targets"), bonusRateLabel: t("超额奖励系数", "Bonus rate"), bonusRate: n(s.bonusRate),
            bonusCapLabel: t("超额奖励上限", "Bonus cap"), bonusCap: n(s.bonusCap),
            gradesLabel: t("等次分数线（从高到低，逗号分隔）", "Grade minimums (best first, comma-separated)"),
            grades: s.grades.map { n($0.minimum) }.joined(separator: ","), pointsLabel: t("各目标分值", "Points per target"),
            tryLabel: t("试算", "Try"), resetLabel: t("恢复方案原值", "Back to the scheme's values"),
            resetHref: "/assessment/rounds/\(w.results.round.id)/what-if", vetoOn: s.veto, vetoOff: !s.veto, vetoOnLabel: t("启用", "On"),
            vetoOffLabel: t("不启用", "Off"), items: s.items.map { Item(id: $0.targetID, points: n($0.points)) },
            pointsTotal: t("分值合计 \(n(s.items.reduce(0) { $0 + $1.points }))", "Points in all: \(n(s.items.reduce(0) { $0 + $1.points }))"),
            rows: zip(w.results.results, w.changed).map { frozen, changed in
                let delta = changed.total - frozen.total
                return Row(
                    unit: names[frozen.unit] ?? frozen.unit, frozenTotal: n(frozen.total), frozenGrade: t(frozen.grade.nameZh, frozen.grade.nameEn),
                    frozenRank: w.frozenRanks[frozen.unit].map(String.init) ?? "—", total: n(changed.total),
                    grade: t(changed.grade.nameZh, changed.grade.nameEn), rank: w.changedRanks[changed.unit].map(String.init) ?? "—",
                    delta: abs(delta) < 0.0005 ? "0" : (delta > 0 ? "+" : "") + n(delta),
                    moved: w.frozenRanks[frozen.unit] != w.changedRanks[changed.unit] || frozen.grade != changed.grade)
            },
            col: [
                "unit": t("单位", "Unit"), "frozen": t("冻结结果", "Frozen"), "whatIf": t("试算结果", "What if"), "total": t("总分", "Total"),
                "grade": t("等次", "Grade"), "rank": t("名次", "Rank"), "delta": t("变化", "Change"),
            ], valuesLabel: t("单位数值", "A unit's value"),
            valuesNote: t(
                "以某单位某目标的当年数值代替冻结值试算（如待核实的数据）。", "Try a unit's value for the year in place of the frozen one (say, a figure being checked)."),
            unitLabel: t("单位", "Unit"), targetLabel: t("目标", "Target"), valueLabel: t("数值", "Value"),
            values: w.changes.values.sorted { $0.key < $1.key }.map { key, value in
                let parts = key.split(separator: "|").map(String.init)
                return Value(
                    name: "v.\(parts.first ?? "").\(parts.last ?? "")", label: "\(names[parts.first ?? ""] ?? parts.first ?? "") \(parts.last ?? "")",
                    value: n(value))
            },
            unitOptions: w.results.results.map { AssessmentPages.Option(value: $0.unit, label: names[$0.unit] ?? $0.unit, selected: false) },
            targetOptions: s.items.map { AssessmentPages.Option(value: $0.targetID, label: $0.targetID, selected: false) })
    }
}
