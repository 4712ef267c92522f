import Foundation
import Hummingbird
import PlanCore

/// The page language: Chinese first, English by a visible switch (`?lang=en`, remembered in a
/// cookie) or by the browser's `Accept-Language`.
public enum Language: String, Sendable, CaseIterable {
    case zh
    case en

    /// `zh-CN` or `en`, for the `lang` attribute.
    public var tag: String { self == .zh ? "zh-CN" : "en" }
    public var other: Language { self == .zh ? .en : .zh }
    /// The switch's label, in the language it switches to.
    public var switchLabel: String { self == .zh ? "English" : "中文" }

    /// The language of a request: `?lang=`, then the `lang` cookie, then `Accept-Language`.
    public static func of(_ request: Request) -> Language {
        if let q = request.uri.queryParameters.get("lang"), let lang = Language(rawValue: q) { return lang }
        if let cookie = request.cookies["lang"]?.value, let lang = Language(rawValue: cookie) { return lang }
        return fromAcceptLanguage(request.headers[.acceptLanguage] ?? "")
    }

    /// The first supported language of an `Accept-Language` header, by quality; Chinese by default.
    public static func fromAcceptLanguage(_ header: String) -> Language {
        let ranked = header.split(separator: ",").compactMap { part -> (String, Double)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let tag = pieces.first, !tag.isEmpty else { return nil }
            let q = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (tag, q)
        }.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }
        for (tag, _) in ranked {
            if tag.hasPrefix("zh") { return .zh }
            if tag.hasPrefix("en") { return .en }
        }
        return .zh
    }

    /// A text in this language.
    public func t(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }

    public func status(_ s: EvaluationStatus) -> String { t(s.nameZh, s.nameEn) }

    public func likelihood(_ l: Likelihood) -> String {
        switch self {
        case .zh: l == .unknown ? "未知" : l.nameZh
        case .en:
            switch l {
            case .likely: "Likely"
            case .atRisk: "At risk"
            case .unlikely: "Unlikely"
            case .movingAway: "Moving away"
            case .ended: "Ended"
            case .unknown: "Unknown"
            }
        }
    }

    public func kind(_ k: TargetKind) -> String {
        switch k {
        case .floor: t("下限（以上）", "floor")
        case .ceiling: t("上限（以内）", "ceiling")
        case .reach: t("达到", "reach")
        case .about: t("左右", "about")
        case .relativeChange: t("相对基期变化", "change on base year")
        case .multiple: t("倍数", "multiple")
        case .ppChange: t("百分点变化", "percentage-point change")
        case .annualGrowth: t("年均增长", "average annual growth")
        case .annualCount: t("每年", "every year")
        case .cumulative: t("累计", "cumulative")
        case .coverage: t("全覆盖/清零", "coverage / elimination")
        }
    }

    /// An observation's qualifier codes (`at_least;partial_year`) in words; `exact` says nothing.
    /// The curator's remark after `|` is English and shows on English pages only.
    public func qualifier(_ text: String) -> String? {
        let parts = text.split(separator: "|", maxSplits: 1)
        let codes = parts.first.map(String.init) ?? ""
        let remark = parts.count > 1 && self == .en ? String(parts[1]) : nil
        let words = codes.split(separator: ";").compactMap { code -> String? in
            switch code.trimmingCharacters(in: .whitespaces) {
            case "exact", "": nil
            case "at_least": t("下限值（原文为“以上”“超过”）", "a lower bound (the source says \"over\")")
            case "about": t("约数", "approximate")
            case "estimate": t("估计值", "estimate")
            case "partial_year": t("非全年数据", "part of the year")
            case "computed": t("计算值", "computed")
            case let other: other
            }
        }
        let all = words + (remark.map { [$0] } ?? [])
        return all.isEmpty ? nil : all.joined(separator: t("；", "; "))
    }

    /// An explanation's formula with its English words in this language.
    public func formula(_ f: String) -> String {
        guard self == .zh else { return f }
        return f.replacingOccurrences(of: "maintain:", with: "保持：")
            .replacingOccurrences(of: "inside the band", with: "在区间内")
            .replacingOccurrences(of: "annual count:", with: "年度数：")
            .replacingOccurrences(of: "cumulative:", with: "累计：")
            .replacingOccurrences(of: "flows since", with: "自此年起逐年相加")
    }

    /// How the province's value relates to its cities', in words.
    public func aggregation(_ a: Aggregation) -> String {
        switch a {
        case .sum: t("各地相加", "the sum of its parts")
        case .mean: t("各地平均", "the mean of its parts")
        case .ratio: t("由分子分母重新计算（不相加）", "recomputed from numerator and denominator, never summed")
        case .min: t("取各地最低值", "the lowest of its parts")
        case .provinceOnly: t("仅有全省数据", "province level only")
        }
    }

    /// How progress toward a target on the indicator is measured, in words.
    public func form(_ f: TargetForm) -> String {
        switch f {
        case .additive: t("按差值（线性）", "by difference (linear)")
        case .multiplicative: t("按增长率（复合）", "by growth rate (compound)")
        }
    }

    public func flag(_ f: EvaluationFlag) -> String {
        switch f {
        case .lagged: t("沿用上年数据", "previous year's value carried forward")
        case .estimate: t("估计值", "estimate")
        case .baseShifted: t("基期已调整", "base year moved")
        case .formFallback: t("改用加法形式", "additive form used")
        case .trendDisagreement: t("两种趋势估计结论不一致", "trend estimates disagree")
        case .maintain: t("基期已达标（保持）", "met at base (maintain)")
        case .noBase: t("无基期数据", "no base value")
        case .noLaterObservation: t("基期后无数据", "no value after the base year")
        case .stale: t("数据过旧", "data too old")
        case .noFlowInYear: t("当年无数据", "no value for the year")
        case .gapInFlows: t("年度数据缺失", "a year is missing")
        case .noDirection: t("方向不明", "no direction")
        case .notStarted: t("尚未开始", "not started")
        }
    }
}
