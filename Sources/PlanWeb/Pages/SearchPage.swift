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
        let needle = query.lowercased()
        let found = !needle.isEmpty
        let targets =
            found
            ? plan.targets.filter {
                $0.quote.lowercased().contains(needle) || $0.id.lowercased() == needle || text.name($0).lowercased().contains(needle)
            } : []
        let indicators =
            found
            ? plan.indicators.filter { $0.nameZh.lowercased().contains(needle) || $0.nameEn.lowercased().contains(needle) || $0.key.contains(needle) }
            : []
        let articles = found ? plan.articles.filter { $0.text.lowercased().contains(needle) } : []
        return Model(
            heading: t("搜索", "Search"), query: query, searchLabel: t("搜索", "Search"),
            summary: t(
                "“\(query)”：\(targets.count) 项目标、\(indicators.count) 个指标、\(articles.count) 条条文",
                "“\(query)”: \(targets.count) targets, \(indicators.count) indicators, \(articles.count) articles"),
            targetsHeading: t("目标", "Targets"), indicatorsHeading: t("指标", "Indicators"), articlesHeading: t("条文", "Articles"),
            hasQuery: found, hasTargets: !targets.isEmpty, hasIndicators: !indicators.isEmpty, hasArticles: !articles.isEmpty,
            targets: targets.map { Hit(id: $0.id, name: text.name($0), quote: $0.quote) },
            indicators: indicators.map { IndicatorHit(key: $0.key, name: language == .zh ? $0.nameZh : $0.nameEn) },
            articles: articles.map { ArticleHit(number: $0.number, title: $0.title, snippet: snippet($0.text, query)) })
    }

    /// About forty characters either side of the first match, escaped, with the match marked.
    static func snippet(_ text: String, _ query: String) -> String {
        guard let r = text.range(of: query, options: .caseInsensitive) else { return "" }
        let start = text.index(r.lowerBound, offsetBy: -40, limitedBy: text.startIndex) ?? text.startIndex
        let end = text.index(r.upperBound, offsetBy: 40, limitedBy: text.endIndex) ?? text.endIndex
        return "…" + ArticleHTML.escape(String(text[start..<r.lowerBound])) + "<mark>" + ArticleHTML.escape(String(text[r]))
            + "</mark>" + ArticleHTML.escape(String(text[r.upperBound..<end])) + "…"
    }
}
