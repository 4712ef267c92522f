import Foundation
import PlanCore
import PlanServices

/// The round page's appeals (with the office's decision forms) and incentive pools (with the
/// form that adds one).
extension AssessmentPages {
    struct RoundSections {
        var appealsHeading, appealWindow: String
        var appeals: [AppealRow]
        var hasAppeals, showAppeals: Bool
        var noAppeals: String
        var poolsHeading, noPools: String
        var pools: [PoolRow]
        var hasPools, showPools, canAddPool: Bool
        var poolForm: [String: String]
        var resourceOptions, ruleOptions, vetoedOptions: [Option]
        var csrf, poolAction: String
    }

    struct AppealRow {
        var id, anchor, unit, unitHref, target, state, stateCode, reason, filed: String
        var decision, decided, corrected: String?
        var files: [FileLink]
        var hasFiles, canDecide: Bool
        var action, valueLabel, reasonLabel, acceptLabel, rejectLabel: String
    }

    struct FileLink {
        var name, href: String
    }

    struct PoolRow {
        var name, href, resource, amount, rule, state: String
    }

    static func sections(
        _ round: AssessmentRound, appeals: [Appeal], pools: [IncentivePool], manages: Bool, loggedIn: Bool, names: [String: String], csrf: String,
        language: Language
    ) -> RoundSections {
        let t = language.t
        let window = AppealRules.window(round)
        return RoundSections(
            appealsHeading: t("申诉", "Appeals"),
            appealWindow: window.map {
                t(
                    "被考核单位可在 \($0.lowerBound) 至 \($0.upperBound) 对评分表的某一项提出申诉；全部申诉处理完毕后才能发布结果。",
                    "Units may appeal a line of their score sheet from \($0.lowerBound) to \($0.upperBound); the round is published once every appeal is decided."
                )
            } ?? t("数据冻结后开始受理申诉。", "Appeals open once the data are frozen."),
            appeals: appeals.map { a in
                AppealRow(
                    id: a.id, anchor: "appeal-\(a.seq)", unit: names[a.unit] ?? a.unit, unitHref: "/assessment/rounds/\(round.id)/units/\(a.unit)",
                    target: a.targetID, state: t(a.state.nameZh, a.state.nameEn), stateCode: a.state.rawValue, reason: a.reason,
                    filed: "\(a.filedBy) · \(a.filedAt.prefix(16))", decision: a.decidedBy == nil ? nil : a.decision,
                    decided: a.decidedBy.map { "\($0) · \(a.decidedAt?.prefix(16) ?? "")" },
                    corrected: a.correctedValue.map { t("更正后的最新值：\(number($0))", "Corrected latest value: \(number($0))") },
                    files: a.files.map { FileLink(name: $0.fileName, href: "/assessment/appeal-files/\($0.id)") }, hasFiles: !a.files.isEmpty,
                    canDecide: manages && a.state == .pending && round.state == .frozen,
                    action: "/assessment/rounds/\(round.id)/appeals/\(a.seq)", valueLabel: t("更正后的最新值（采纳时必填）", "Corrected latest value (to accept)"),
                    reasonLabel: t("处理理由", "Reason"), acceptLabel: t("采纳并更正", "Accept and correct"), rejectLabel: t("不予采纳", "Reject"))
            }, hasAppeals: !appeals.isEmpty, showAppeals: loggedIn && round.state != .open,
            noAppeals: t("没有申诉。", "No appeals."),
            poolsHeading: t("激励分配", "Incentive allocation"),
            noPools: t("还没有设置资金池。", "No pools yet."),
            pools: pools.map { p in
                PoolRow(
                    name: p.name, href: "/assessment/rounds/\(round.id)/pools/\(p.id)", resource: t(p.resource.nameZh, p.resource.nameEn),
                    amount: "\(PlainNumber.format(p.amount)) \(t(p.resource.unitZh, p.resource.unitEn))", rule: p.rule.text(zh: language == .zh),
                    state: p.state == .confirmed ? t("已确认", "Confirmed") : t("草稿", "Draft"))
            }, hasPools: !pools.isEmpty, showPools: manages || !pools.isEmpty, canAddPool: manages && round.state != .open,
            poolForm: [
                "heading": t("设置资金池", "Set a pool"), "id": t("代码（小写字母、数字、连字符）", "Id (lower-case letters, digits, hyphens)"),
                "name": t("名称", "Name"), "resource": t("类别", "Resource"), "amount": t("总量", "Amount"), "rule": t("分配规则", "Rule"),
                "mark": t("及格线（按超出部分分配时）", "Pass mark (for shares above it)"),
                "weights": t("等次权重（如 优秀=3,良好=2,合格=1）", "Grade weights (such as 优秀=3,良好=2,合格=1)"),
                "attribute": t("加权属性名称（如 常住人口）", "Attribute (such as population)"),
                "values": t("各单位属性值（每行 代码=数值）", "Each unit's value (code=number per line)"), "floor": t("保底", "Floor"),
                "cap": t("封顶（可空）", "Cap (optional)"), "vetoed": t("一票否决单位", "Vetoed units"), "decimals": t("小数位数", "Decimals"),
                "save": t("保存资金池", "Save the pool"),
            ],
            resourceOptions: IncentiveResource.allCases.map {
                Option(value: $0.rawValue, label: t("\($0.nameZh)（\($0.unitZh)）", "\($0.nameEn) (\($0.unitEn))"), selected: $0 == .funds)
            },
            ruleOptions: [
                Option(value: "above-mark", label: t("按总分超出及格线的部分", "By the total above the pass mark"), selected: true),
                Option(value: "tiers", label: t("按等次权重", "By grade weights"), selected: false),
                Option(value: "attribute", label: t("按超出及格线的部分 × 单位属性", "By the total above the mark × a unit attribute"), selected: false),
            ],
            vetoedOptions: [
                Option(value: "nothing", label: t("不参与分配", "No share"), selected: true),
                Option(value: "floor-only", label: t("只得保底", "The floor only"), selected: false),
            ], csrf: csrf, poolAction: "/assessment/rounds/\(round.id)/pools")
    }
}
