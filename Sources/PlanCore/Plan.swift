import Foundation

/// A development plan as typed data: its text (chapters, sections, articles), the quantified
/// targets it sets, the indicators those targets measure and the regions they apply to.
///
/// A `Plan` is a plain value; building one never touches the file system. `PlanCatalog` loads the
/// bundled Shandong plan (or any catalog directory) into this type.
public struct Plan: Sendable, Hashable {
    /// The plan's full title as published.
    public var title: String
    /// The opening paragraph before the first chapter.
    public var preamble: String
    /// Chapters in order (一、… 十二、).
    public var chapters: [Chapter]
    /// Articles (numbered measures) in order, 1…N.
    public var articles: [Article]
    /// Every quantified target the plan states, in catalog order.
    public var targets: [Target]
    /// The indicators targets measure, keyed by `Indicator.key`.
    public var indicators: [Indicator]
    /// Administrative divisions (province, cities, counties).
    public var regions: [Region]
    /// Named groups of regions (the three economic circles).
    public var regionGroups: [RegionGroup]
    /// Unofficial English titles of the plan, chapters, sections and articles.
    public var titlesEn: EnglishTitles

    public init(
        title: String, preamble: String, chapters: [Chapter], articles: [Article],
        targets: [Target], indicators: [Indicator], regions: [Region], regionGroups: [RegionGroup],
        titlesEn: EnglishTitles = EnglishTitles()
    ) {
        self.titlesEn = titlesEn
        self.title = title
        self.preamble = preamble
        self.chapters = chapters
        self.articles = articles
        self.targets = targets
        self.indicators = indicators
        self.regions = regions
        self.regionGroups = regionGroups
    }
}

extension Plan {
    /// The article with the given number, if any.
    public func article(_ number: Int) -> Article? {
        guard number >= 1, number <= articles.count, articles[number - 1].number == number else {
            return articles.first { $0.number == number }
        }
        return articles[number - 1]
    }

    /// The chapter with the given number, if any.
    public func chapter(_ number: Int) -> Chapter? {
        chapters.first { $0.number == number }
    }

    /// The indicator with the given key, if any.
    public func indicator(_ key: String) -> Indicator? {
        indicators.first { $0.key == key }
    }

    /// The region with the given code, if any.
    public func region(_ code: String) -> Region? {
        regions.first { $0.code == code }
    }

    /// The region group (economic circle) with the given key, if any.
    public func regionGroup(_ key: String) -> RegionGroup? {
        regionGroups.first { $0.key == key }
    }

    /// The chapter a target's source belongs to.
    public func chapterNumber(of source: TargetSource) -> Int? {
        switch source {
        case .article(let number): article(number)?.chapter
        case .chapterIntroduction(let chapter): chapter
        }
    }

    /// The text a target's source points at: an article's text or a chapter's introduction.
    public func text(of source: TargetSource) -> String? {
        switch source {
        case .article(let number): article(number)?.text
        case .chapterIntroduction(let chapter): self.chapter(chapter)?.introduction
        }
    }

    /// Targets stated in the given chapter (its introduction and its articles), in catalog order.
    public func targets(inChapter number: Int) -> [Target] {
        targets.filter { chapterNumber(of: $0.source) == number }
    }

    /// Targets stated in one article.
    public func targets(inArticle number: Int) -> [Target] {
        targets.filter { $0.source == .article(number) }
    }
}
