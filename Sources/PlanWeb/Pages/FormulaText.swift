import Foundation
import PlanCore

/// A computed indicator's formula and inputs in words, with indicator and region names instead
/// of catalog keys: 「地区生产总值 ÷ 地区生产总值（山东省）× 100」.
enum FormulaText {
    static func words(_ f: Formula, plan: Plan, language: Language) -> String {
        let names = f.inputs.map { name($0.indicatorKey, region: $0.regionCode, plan: plan, language: language) }
        var text: String
        switch f.operation {
        case .sum: text = names.joined(separator: " + ")
        case .difference: text = names.joined(separator: " − ")
        case .ratio: text = names.joined(separator: " ÷ ")
        case .growth:
            text = language.t("\(names.first ?? "")的\(f.periods)年增长率", "growth of \(names.first ?? "") over \(f.periods) year(s)")
        }
        if f.factor != 1 { text += " × " + PlainNumber.format(f.factor) }
        return text
    }

    /// The inputs a computed value was made from: 「地区生产总值（山东省）2023 = 92,069亿元」.
    static func inputs(_ references: [ObservationReference], plan: Plan, language: Language) -> String {
        references.map { r in
            let unit = plan.indicator(r.indicatorKey)?.unit ?? ""
            return name(r.indicatorKey, region: r.regionCode, plan: plan, language: language) + " \(r.period) = "
                + NumberText.format(r.value, unit: unit, language: language)
        }.joined(separator: language.t("；", "; "))
    }

    static func name(_ key: String, region: String?, plan: Plan, language: Language) -> String {
        let text = TargetText(plan: plan, language: language)
        let indicator = plan.indicator(key).map { language == .zh ? $0.nameZh : $0.nameEn } ?? key
        guard let region else { return indicator }
        return indicator + language.t("（\(text.region(region))）", " (\(text.region(region)))")
    }
}
