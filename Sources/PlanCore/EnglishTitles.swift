import Foundation

/// Short English titles of the plan, its chapters, sections and articles: unofficial translations
/// for English pages. The Chinese text stays authoritative; a missing title falls back to it.
public struct EnglishTitles: Sendable, Hashable, Codable {
    public var plan: String?
    public var chapters: [Int: String]
    /// Keyed by `"chapter.section"`, e.g. `"2.1"`.
    public var sections: [String: String]
    public var articles: [Int: String]

    public init(plan: String? = nil, chapters: [Int: String] = [:], sections: [String: String] = [:], articles: [Int: String] = [:]) {
        self.plan = plan
        self.chapters = chapters
        self.sections = sections
        self.articles = articles
    }

    public var isEmpty: Bool { plan == nil && chapters.isEmpty && sections.isEmpty && articles.isEmpty }

    public func section(chapter: Int, number: Int) -> String? { sections["\(chapter).\(number)"] }
}
