import Foundation
import PlanCore
import PlanServices

/// A pool's page: the rule, each unit's calculation line by line, the sum, and (for the office)
/// confirmation.
enum PoolPage {
    struct Model {
        var heading, name, headingRound, intro, roundHref, roundLabel, csrf: String
        var message, error, problem: String?
        var facts: [AssessmentPages.Fact]
        var rows: [Row]
        var hasRows: Bool
        var sum: String
        var canConfirm, draftNote: Bool
        var confirmLabel, confirmNote, xlsxHref, csvHref, exportLabel: String
        var col: [String: String]
    }

    struct Row {
        var unit, total, grade, weight, floor, exact, amount, note: String
        var vetoed, capped: Bool
    }

    static func model(
        _ a: AssessmentService.PoolAllocation, manages: Bool, names: [String: String], csrf: String, message: String?, error: String?,
        language: Language
    ) -> Model {
        let t = language.t
        let p = a.pool
        let unit = t(p.resource.unitZh, p.resource.unitEn)
        func n(_ x: Double) -> String { PlainNumber.format((x * 10000).rounded() / 10000) }
        let step = pow(10, Double(p.decimals))
        let sum = (a.lines.reduce(0) { $0 + $1.amount } * step).rounded() / step
        return Model(
            heading: t("\(p.name)（\(a.round.id)）", "\(p.name) (\(a.round.id))"), name: p.name,
            headingRound: t("（\(a.round.id)）", " (\(a.round.id))"),
            intro: t(
                "先给每个分得份额的单位保底，其余按规则权重成比例分配，超过封顶的部分再分给其他单位；最后以最小单位按最大余数法取整，各单位之和恰好等于总量。",
                "Each unit that earns a share gets the floor first; the rest goes in proportion to the rule's weights, and what a cap holds back goes to the others; amounts are then rounded by the largest remainder in the smallest step, so that the parts add up exactly to the pool."
            ), roundHref: "/assessment/rounds/\(a.round.id)#pools", roundLabel: t("返回本轮考核", "Back to the round"), csrf: csrf,
            message: message, error: error, problem: a.problem.map { t($0.zh, $0.en) },
            facts: [
                AssessmentPages.Fact(label: t("类别", "Resource"), value: t(p.resource.nameZh, p.resource.nameEn), href: nil),
                AssessmentPages.Fact(label: t("总量", "Amount"), value: "\(PlainNumber.format(p.amount)) \(unit)", href: nil),
                AssessmentPages.Fact(label: t("规则", "Rule"), value: p.rule.text(zh: language == .zh), href: nil),
                AssessmentPages.Fact(label: t("保底", "Floor"), value: "\(PlainNumber.format(p.floor)) \(unit)", href: nil),
                AssessmentPages.Fact(label: t("封顶", "Cap"), value: p.cap.map { "\(PlainNumber.format($0)) \(unit)" } ?? t("无", "None"), href: nil),
                AssessmentPages.Fact(
                    label: t("一票否决单位", "Vetoed units"), value: p.vetoed == .nothing ? t("不参与分配", "No share") : t("只得保底", "The floor only"),
                    href: nil),
                AssessmentPages.Fact(
                    label: t("状态", "State"),
                    value: p.state == .confirmed
                        ? t(
                            "已确认（\(p.confirmedBy ?? "") · \(p.confirmedAt?.prefix(16) ?? "")），不再变化",
                            "Confirmed (\(p.confirmedBy ?? "") · \(p.confirmedAt?.prefix(16) ?? "")): never changes")
                        : t("草稿：按当前结果试算", "Draft: computed from the current results"), href: nil),
            ],
            rows: a.lines.map { l in
                Row(
                    unit: names[l.unit] ?? l.unit, total: AssessmentPages.number(l.total),
                    grade: t(l.grade, AssessmentScheme.standardGrades.first { $0.nameZh == l.grade }?.nameEn ?? l.grade), weight: n(l.weight),
                    floor: n(l.floorPart), exact: n(l.exact), amount: PlainNumber.format(l.amount), note: t(l.noteZh, l.noteEn), vetoed: l.vetoed,
                    capped: l.capped)
            }, hasRows: !a.lines.isEmpty, sum: "\(PlainNumber.format(sum)) \(unit)",
            canConfirm: manages && p.state == .draft && a.problem == nil && a.round.state == .published,
            draftNote: manages && p.state == .draft && a.round.state != .published, confirmLabel: t("确认分配", "Confirm the allocation"),
            confirmNote: a.round.state == .published
                ? t("确认后分配结果随本轮考核保存，不再变化。", "Once confirmed, the allocation is kept with the round and never changes.")
                : t("考核结果发布后才能确认分配。", "The allocation can be confirmed once the round is published."),
            xlsxHref: "/assessment/rounds/\(a.round.id)/pools/\(p.id)/allocation.xlsx",
            csvHref: "/assessment/rounds/\(a.round.id)/pools/\(p.id)/allocation.csv", exportLabel: t("导出", "Export"),
            col: [
                "unit": t("单位", "Unit"), "total": t("总分", "Total"), "grade": t("等次", "Grade"), "weight": t("权重", "Weight"),
                "floor": t("保底", "Floor"), "exact": t("精确份额", "Exact share"), "amount": t("分配（\(unit)）", "Allocated (\(unit))"),
                "note": t("说明", "Note"), "sum": t("合计", "Total"), "caption": t("各单位分配明细", "Allocation by unit"),
            ])
    }
}
