import Foundation

/// The Target Progress Index (evaluation rules §7 and rule 15): each target scores
/// `100 · clip(P, 0, 1)` (achieved or compliant 100), a theme is the mean of its assessable targets
/// and is reported only when at least two thirds of its targets are assessable, and the overall
/// index is the mean of the reported chapter scores.
public enum ProgressIndex {
    /// A target's score, or `nil` when it is not assessable.
    public static func score(_ e: TargetEvaluation) -> Double? {
        switch e.status {
        case .notAssessable: nil
        case .achieved, .compliantAtRisk: 100
        default: 100 * min(max(e.progress ?? 0, 0), 1)
        }
    }

    /// The score of one theme (a chapter or a section).
    public struct ThemeScore: Sendable, Hashable {
        public var chapter: Int
        /// The section inside the chapter; `nil` for the chapter as a whole.
        public var section: Int?
        /// The mean score of the assessable targets, when the theme is reported.
        public var score: Double?
        public var targets: Int
        public var assessable: Int

        /// Whether enough targets are assessable to report the theme (3 · assessable ≥ 2 · targets).
        public var reported: Bool { targets > 0 && 3 * assessable >= 2 * targets }
    }

    /// Scores for every chapter and section of `plan`, and the overall index.
    public static func compute(plan: Plan, evaluations: [TargetEvaluation]) -> (chapters: [ThemeScore], sections: [ThemeScore], overall: Double?) {
        var byTheme: [ThemeKey: [Double?]] = [:]
        let targets = Dictionary(plan.targets.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for e in evaluations {
            guard let target = targets[e.targetID], let chapter = plan.chapterNumber(of: target.source) else { continue }
            let s = score(e)
            byTheme[ThemeKey(chapter: chapter, section: nil), default: []].append(s)
            if case .article(let n) = target.source, let section = plan.article(n)?.section {
                byTheme[ThemeKey(chapter: chapter, section: section), default: []].append(s)
            }
        }
        func theme(_ key: ThemeKey) -> ThemeScore {
            let scores = byTheme[key] ?? []
            let available = scores.compactMap { $0 }
            var t = ThemeScore(chapter: key.chapter, section: key.section, score: nil, targets: scores.count, assessable: available.count)
            if t.reported { t.score = available.reduce(0, +) / Double(available.count) }
            return t
        }
        let chapters = plan.chapters.map { theme(ThemeKey(chapter: $0.number, section: nil)) }
        let sections = plan.chapters.flatMap { c in c.sections.map { theme(ThemeKey(chapter: c.number, section: $0.number)) } }
        let reported = chapters.compactMap(\.score)
        return (chapters, sections, reported.isEmpty ? nil : reported.reduce(0, +) / Double(reported.count))
    }

    struct ThemeKey: Hashable {
        var chapter: Int
        var section: Int?
    }
}
