import Foundation
import PlanCore

/// How targets read on pages: the indicator's name, the goal in words, the status.
struct TargetText {
    let plan: Plan
    let language: Language

    func name(_ t: Target) -> String {
        guard let i = plan.indicator(t.indicatorKey) else { return t.indicatorKey }
        let base = language == .zh ? i.nameZh : i.nameEn
        guard t.regionCode != "370000" else { return base }
        return base + language.t("（\(region(t.regionCode))）", " (\(region(t.regionCode)))")
    }

    func region(_ code: String) -> String {
        if let r = plan.region(code) { return language == .zh ? r.nameZh : r.nameEn }
        if let g = plan.regionGroup(code) { return language == .zh ? g.nameZh : g.nameEn }
        return code
    }

    /// The stated goal: "≥ 30 家", "比2020年 -16%", "13% ±0.5".
    func goal(_ t: Target) -> String {
        let v = NumberText.grouped(t.value)
        let range = t.valueHigh.map { "\(v)—\(NumberText.grouped($0))" } ?? v
        let unit = self.unit(t.unit)
        let amount = range + UnitText.separator(before: unit) + unit
        let by = deadline(t.deadline)
        switch t.kind {
        case .floor: return "≥ \(amount) · \(by)"
        case .ceiling: return "≤ \(amount) · \(by)"
        case .about: return "≈ \(amount)" + (t.tolerance.map { " ±\(NumberText.plain($0))" } ?? "") + " · \(by)"
        case .relativeChange:
            return language.t("比\(t.baseYear.map(String.init) ?? "基期")年 \(range)%", "\(range)% on \(t.baseYear.map(String.init) ?? "base")")
                + " · \(by)"
        case .multiple: return language.t("\(range) 倍", "×\(range)") + " · \(by)"
        case .ppChange: return "\(range) \(language.t("个百分点", "pp")) · \(by)"
        case .annualGrowth: return language.t("年均 \(range)%", "\(range)% a year") + " · \(by)"
        case .annualCount: return language.t("每年 \(amount)", "\(amount) a year")
        case .cumulative: return language.t("累计 \(amount)", "\(amount) in total") + " · \(by)"
        case .coverage: return (t.value == 0 ? language.t("清零", "eliminate") : language.t("全覆盖", "full coverage")) + " · \(by)"
        case .reach: return "\(amount) · \(by)"
        }
    }

    func deadline(_ d: Deadline) -> String {
        switch d {
        case .year(let y): language.t("\(y)年", "by \(y)")
        case .window(let a, let b): language.t("\(a)—\(b)年", "\(a)–\(b)")
        case .annual: language.t("每年", "every year")
        }
    }

    func source(_ s: TargetSource) -> String {
        switch s {
        case .article(let n): language.t("第\(n)条", "Article \(n)")
        case .chapterIntroduction(let c): language.t("第\(ChineseNumeral.string(c))章引言", "Chapter \(c) introduction")
        }
    }

    func chapterLabel(_ c: Chapter) -> String {
        language.t("\(ChineseNumeral.string(c.number))、", "\(c.number). ")
    }

    /// A unit in this language (亿元 → "100 million yuan" on English pages).
    func unit(_ u: String) -> String { language == .zh ? u : UnitText.english(u) }

    /// The plan's, a chapter's, a section's or an article's title in this language: English pages
    /// use the unofficial English titles and fall back to the Chinese one.
    func planTitle() -> String { language == .en ? plan.titlesEn.plan ?? plan.title : plan.title }

    func title(_ c: Chapter) -> String { language == .en ? plan.titlesEn.chapters[c.number] ?? c.title : c.title }

    func title(_ s: Section, chapter: Int) -> String {
        language == .en ? plan.titlesEn.section(chapter: chapter, number: s.number) ?? s.title : s.title
    }

    func title(_ a: Article) -> String { language == .en ? plan.titlesEn.articles[a.number] ?? a.title : a.title }
}

/// One target in a list: id, name, goal and status.
struct TargetRow {
    var id: String
    var name: String
    var goal: String
    var region: String
    var status: String
    var statusCode: String

    init(_ t: Target, evaluation: TargetEvaluation?, text: TargetText) {
        id = t.id
        name = text.name(t)
        goal = text.goal(t)
        region = text.region(t.regionCode)
        let s = evaluation?.status ?? .notAssessable
        status = text.language.status(s)
        statusCode = s.code
    }
}

/// Links to sources: only `http` and `https` become links.
enum SafeLink {
    static func href(_ link: String) -> String? {
        let lower = link.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") ? link : nil
    }
}

/// Article text as HTML: escaped, paragraphs, each target's phrase marked and linked. Targets that
/// share (or overlap) a marked phrase get their own small link beside it.
enum ArticleHTML {
    static func render(_ text: String, targets: [Target]) -> String {
        var marks: [(range: Range<String.Index>, ids: [String])] = []
        for t in targets {
            guard let r = text.range(of: t.quote) else { continue }
            if let i = marks.firstIndex(where: { $0.range.overlaps(r) }) {
                marks[i].ids.append(t.id)
            } else {
                marks.append((r, [t.id]))
            }
        }
        marks.sort { $0.range.lowerBound < $1.range.lowerBound }
        var out = ""
        var cursor = text.startIndex
        for m in marks {
            out += textHTML(String(text[cursor..<m.range.lowerBound]))
            let first = escape(m.ids[0])
            out += "<mark class=\"target\" id=\"q-\(first)\"><a href=\"/targets/\(first)\">\(textHTML(String(text[m.range])))</a></mark>"
            for id in m.ids.dropFirst() {
                out += "<sup class=\"also\"><a id=\"q-\(escape(id))\" href=\"/targets/\(escape(id))\">\(escape(id))</a></sup>"
            }
            cursor = m.range.upperBound
        }
        out += textHTML(String(text[cursor...]))
        return out.split(separator: "\n", omittingEmptySubsequences: false).map { "<p>\($0)</p>" }.joined()
    }

    /// Plan text as HTML: escaped, with the text's `_{…}` and `^{…}` markup (PM_{2.5}) as real
    /// sub- and superscripts.
    static func textHTML(_ s: String) -> String {
        var out = ""
        var closers: [String] = []
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            let next = s.index(after: i)
            if c == "_" || c == "^", next < s.endIndex, s[next] == "{" {
                out += c == "_" ? "<sub>" : "<sup>"
                closers.append(c == "_" ? "</sub>" : "</sup>")
                i = s.index(after: next)
                continue
            }
            if c == "}", let closer = closers.popLast() {
                out += closer
            } else {
                out += escape(String(c))
            }
            i = next
        }
        // A markup left open (a match cut through it) is closed, so that the page stays well formed.
        return out + closers.reversed().joined()
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
