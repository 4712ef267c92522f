import Foundation
import PlanCore

/// The plan as readable terminal text: the outline, a chapter, an article with its targets, and
/// search results.
struct PlanPrinter {
    let plan: Plan
    var columns = 80

    func outline() -> String {
        var out = [plan.title, ""]
        for chapter in plan.chapters {
            let count = plan.targets(inChapter: chapter.number).count
            let articles = plan.articles.filter { $0.chapter == chapter.number }.map(\.number)
            let range = articles.first.map { "第\($0)–\(articles.last!)条" } ?? ""
            out.append("\(ChineseNumeral.string(chapter.number))、\(chapter.title)")
            out.append("    \(range)，\(count) 项量化目标 · articles \(articles.first ?? 0)–\(articles.last ?? 0), \(count) targets")
            for section in chapter.sections {
                out.append("    \(section.label)\(section.title)")
            }
        }
        out.append("")
        out.append(
            "\(plan.chapters.count) 章 chapters · \(plan.articles.count) 条 articles · \(plan.targets.count) 项目标 targets · \(plan.indicators.count) 个指标 indicators"
        )
        return out.joined(separator: "\n") + "\n"
    }

    func chapter(_ chapter: Chapter) -> String {
        var out = ["\(ChineseNumeral.string(chapter.number))、\(chapter.title)", ""]
        if !chapter.introduction.isEmpty {
            out += TerminalText.wrap(chapter.introduction, columns: columns)
            out.append("")
            out += targetLines(plan.targets.filter { $0.source == .chapterIntroduction(chapter.number) })
        }
        let articles = plan.articles.filter { $0.chapter == chapter.number }
        var section: Int? = nil
        for article in articles {
            if article.section != section, let s = article.section,
                let heading = chapter.sections.first(where: { $0.number == s })
            {
                out.append("")
                out.append("\(heading.label)\(heading.title)")
            }
            section = article.section
            let count = plan.targets(inArticle: article.number).count
            let mark = count > 0 ? "  [\(count) 项目标]" : ""
            out.append("  \(article.number). \(article.title)\(mark)")
        }
        return out.joined(separator: "\n") + "\n"
    }

    func article(_ article: Article) -> String {
        let chapter = plan.chapter(article.chapter)
        var place = "\(ChineseNumeral.string(article.chapter))、\(chapter?.title ?? "")"
        if let s = article.section, let heading = chapter?.sections.first(where: { $0.number == s }) {
            place += " \(heading.label)\(heading.title)"
        }
        var out = [place, "", "\(article.number). \(article.title)", ""]
        out += TerminalText.wrap(article.text, columns: columns, indent: "  ")
        let targets = plan.targets(inArticle: article.number)
        out.append("")
        out += targets.isEmpty ? ["  (本条无量化目标 no quantified target)"] : targetLines(targets)
        return out.joined(separator: "\n") + "\n"
    }

    func targetLines(_ targets: [Target]) -> [String] {
        guard !targets.isEmpty else { return [] }
        var out = ["  量化目标 targets:"]
        for t in targets {
            let name = plan.indicator(t.indicatorKey)?.nameZh ?? t.indicatorKey
            let region = plan.region(t.regionCode)?.nameZh ?? plan.regionGroup(t.regionCode)?.nameZh ?? t.regionCode
            let binding = t.binding ? "约束性" : "预期性"
            out.append("  · \(TerminalText.pad(t.id, to: 8)) \(name)（\(region)）")
            out.append("    \(TerminalText.pad(t.kind.code, to: 15)) \(TargetPhrase.value(t))  \(t.deadline.code)  \(binding)")
            out += TerminalText.wrap("「\(t.quote)」", columns: columns - 4, indent: "    ")
        }
        return out
    }

    func search(_ query: String) -> String {
        let needle = query.lowercased()
        var out: [String] = []
        for article in plan.articles {
            let text = "\(article.title)\n\(article.text)"
            guard let range = text.lowercased().range(of: needle) else { continue }
            let lower = text.lowercased()
            let start = lower.index(range.lowerBound, offsetBy: -20, limitedBy: lower.startIndex) ?? lower.startIndex
            let end = lower.index(range.upperBound, offsetBy: 30, limitedBy: lower.endIndex) ?? lower.endIndex
            let offsetStart = lower.distance(from: lower.startIndex, to: start)
            let length = lower.distance(from: start, to: end)
            let snippet = String(text.dropFirst(offsetStart).prefix(length)).replacingOccurrences(of: "\n", with: " ")
            out.append("第\(article.number)条 \(article.title)")
            out.append("    …\(snippet)…")
        }
        for chapter in plan.chapters where chapter.introduction.lowercased().contains(needle) {
            out.append("\(ChineseNumeral.string(chapter.number))、\(chapter.title)（引言 introduction）")
        }
        let indicators = plan.indicators.filter {
            $0.nameZh.lowercased().contains(needle) || $0.nameEn.lowercased().contains(needle) || $0.key.contains(needle)
        }
        for indicator in indicators {
            let targets = plan.targets.filter { $0.indicatorKey == indicator.key }.map(\.id)
            out.append("指标 \(indicator.nameZh) · \(indicator.nameEn) [\(indicator.key)] → \(targets.joined(separator: ", "))")
        }
        if out.isEmpty { return "未找到 “\(query)” · no match for \"\(query)\"\n" }
        return out.joined(separator: "\n") + "\n"
    }
}

/// A target's stated value in words: `≥ 30 家`, `比2020年 -16 %`, `2—3 个百分点`, `±0.4`.
enum TargetPhrase {
    static func value(_ t: Target) -> String {
        let v = PlainNumber.format(t.value)
        let range = t.valueHigh.map { "\(v)—\(PlainNumber.format($0))" } ?? v
        let tol = t.tolerance.map { " ±\(PlainNumber.format($0))" } ?? ""
        switch t.kind {
        case .floor: return "≥ \(range) \(t.unit)"
        case .ceiling: return "≤ \(range) \(t.unit)"
        case .about: return "≈ \(range) \(t.unit)\(tol)"
        case .relativeChange: return "比\(t.baseYear.map(String.init) ?? "基期")年 \(range)\(t.unit)"
        case .annualGrowth: return "年均 \(range)\(t.unit)\(tol)"
        case .annualCount: return "每年 \(range) \(t.unit)\(tol)"
        case .cumulative: return "累计 \(range) \(t.unit)\(tol)"
        default: return "\(range) \(t.unit)"
        }
    }
}
