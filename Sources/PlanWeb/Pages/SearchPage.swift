import Foundation
import PlanCore
import PlanServices

/// Search over article text, target phrases and indicators.
struct SearchPage {
    struct Model {
        var heading, query, searchLabel, summary, targetsHeading, indicatorsHeading, articlesHeading: String
        var hasQuery, hasTargets, hasIndicators, hasArticles: Bool
        var targets: [Hit]
        var indicators: [IndicatorHit]
        var articles: [ArticleHit]
    }

    struct Hit {
        var id, name, quote: String
    }

    struct IndicatorHit {
        var key, name: String
    }

    struct ArticleHit {
        var number: Int
        var title, snippet: String
    }

    static func model(plan: Plan, query raw: String, language: Language) throws -> Model {
        let query = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard query.count <= 100 else {
            throw ServiceError.badParameter(name: "q", message: language.t("搜索词不能超过 100 个字", "at most 100 characters"))
        }
        let t = language.t
        let text = TargetText(plan: plan, language: language)
        let found = !SearchText.fold(query).isEmpty
        func matches(_ text: String) -> Bool { SearchText.matches(query, in: text) }
        let targets =
            found
            ? plan.targets.filter { matches($0.quote) || $0.id.lowercased() == query.lowercased() || matches(text.name($0)) } : []
        let indicators = found ? plan.indicators.filter { matches($0.nameZh) || matches($0.nameEn) || matches($0.key) } : []
        let articles = found ? plan.articles.filter { matches($0.text) } : []
        return Model(
            heading: t("搜索", "Search"), query: query, searchLabel: t("搜索", "Search"),
            summary: t(
                "“\(query)”：\(targets.count) 项目标、\(indicators.count) 个指标、\(articles.count) 条条文",
                "“\(query)”: \(targets.count) targets, \(indicators.count) indicators, \(articles.count) articles"),
            targetsHeading: t("目标", "Targets"), indicatorsHeading: t("指标", "Indicators"), articlesHeading: t("条文", "Articles"),
            hasQuery: found, hasTargets: !targets.isEmpty, hasIndicators: !indicators.isEmpty, hasArticles: !articles.isEmpty,
            targets: targets.map { Hit(id: $0.id, name: text.name($0), quote: $0.quote) },
            indicators: indicators.map { IndicatorHit(key: $0.key, name: language == .zh ? $0.nameZh : $0.nameEn) },
            articles: articles.map { ArticleHit(number: $0.number, title: text.title($0), snippet: snippet($0.text, query)) })
    }

    /// About forty characters either side of the first match, escaped, with the match marked.
    static func snippet(_ text: String, _ query: String) -> String {
        guard let r = SearchText.range(of: query, in: text) else { return "" }
        let start = text.index(r.lowerBound, offsetBy: -40, limitedBy: text.startIndex) ?? text.startIndex
        let end = text.index(r.upperBound, offsetBy: 40, limitedBy: text.endIndex) ?? text.endIndex
        return "…" + ArticleHTML.textHTML(String(text[start..<r.lowerBound])) + "<mark>" + ArticleHTML.textHTML(String(text[r]))
            + "</mark>" + ArticleHTML.textHTML(String(text[r.upperBound..<end])) + "…"
    }
}
