import Foundation
import PlanCore

/// The plan's text: the outline, a chapter, an article with its target phrases marked.
struct PlanPages {
    let plan: Plan
    let evaluations: [String: TargetEvaluation]
    let language: Language

    var text: TargetText { TargetText(plan: plan, language: language) }

    struct ArticleLink {
        var number: Int
        var title: String
        var targets: Int?
    }

    func links(_ articles: [Article]) -> [ArticleLink] {
        articles.map { a in
            let n = plan.targets(inArticle: a.number).count
            return ArticleLink(number: a.number, title: text.title(a), targets: n > 0 ? n : nil)
        }
    }

    struct OutlineModel {
        var heading, preamble: String
        /// On English pages: the titles are unofficial translations.
        var translationNote: String?
        var chapters: [OutlineChapter]
    }

    struct OutlineChapter {
        var number: Int
        var label, title, counts: String
        var articles: [ArticleLink]
    }

    func outline() -> OutlineModel {
        OutlineModel(
            heading: text.planTitle(), preamble: plan.preamble,
            translationNote: language == .en
                ? "Titles in English are unofficial translations written for PlanTrack; the Chinese text is authoritative." : nil,
            chapters: plan.chapters.map { c in
                let articles = plan.articles.filter { $0.chapter == c.number }
                let n = plan.targets(inChapter: c.number).count
                return OutlineChapter(
                    number: c.number, label: text.chapterLabel(c), title: text.title(c),
                    counts: language.t("\(articles.count) 条 · \(n) 项目标", "\(articles.count) articles · \(n) targets"),
                    articles: links(articles))
            })
    }

    struct ChapterModel {
        var planLabel, label, title, introTargetsHeading: String
        /// `nil` for a chapter without an introduction.
        var introduction: String?
        var hasIntroTargets, hasLoose: Bool
        var introTargets: [TargetRow]
        var sections: [SectionBlock]
        var loose: [ArticleLink]
    }

    struct SectionBlock {
        var label, title: String
        var articles: [ArticleLink]
    }

    func chapter(_ c: Chapter) -> ChapterModel {
        let intro = plan.targets.filter { $0.source == .chapterIntroduction(c.number) }
        let articles = plan.articles.filter { $0.chapter == c.number }
        return ChapterModel(
            planLabel: language.t("规划文本", "Plan"), label: text.chapterLabel(c), title: text.title(c),
            introTargetsHeading: language.t("本章引言中的目标", "Targets in the chapter introduction"),
            introduction: c.introduction.isEmpty ? nil : ArticleHTML.render(c.introduction, targets: intro),
            hasIntroTargets: !intro.isEmpty, hasLoose: c.sections.isEmpty,
            introTargets: intro.map { TargetRow($0, evaluation: evaluations[$0.id], text: text) },
            sections: c.sections.map { s in
                SectionBlock(
                    label: language.t(s.label, "\(c.number).\(s.number) "), title: text.title(s, chapter: c.number),
                    articles: links(articles.filter { $0.section == s.number }))
            },
            loose: c.sections.isEmpty ? links(articles) : [])
    }

    struct ArticleModel {
        var planLabel, chapterTitle, title: String
        /// On English pages: the Chinese title and a note that the English one is unofficial.
        var originalTitle, translationNote: String?
        var html, targetsHeading, noTargets, previousLabel, nextLabel, tasksLabel, policiesLabel, deliveryLabel: String
        var number, chapter: Int
        var previous, next: Int?
        var hasTargets: Bool
        var targets: [TargetRow]
        var col: [String: String]
    }

    func article(_ a: Article) -> ArticleModel {
        let targets = plan.targets(inArticle: a.number)
        let c = plan.chapter(a.chapter)
        return ArticleModel(
            planLabel: language.t("规划文本", "Plan"), chapterTitle: c.map { text.chapterLabel($0) + text.title($0) } ?? "",
            title: text.title(a), originalTitle: language == .en ? a.title : nil,
            translationNote: language == .en ? "The English title is an unofficial translation; the Chinese text below is authoritative." : nil,
            html: ArticleHTML.render(a.text, targets: targets),
            targetsHeading: language.t("本条的量化目标", "Quantified targets of this article"),
            noTargets: language.t("本条没有量化目标。", "This article sets no quantified target."),
            previousLabel: language.t("上一条", "Previous"), nextLabel: language.t("下一条", "Next"),
            tasksLabel: language.t("本条的工作任务与进展（责任清单）", "This article's work tasks and their progress (responsibility list)"),
            policiesLabel: language.t("本条的配套政策（政策清单）", "This article's policies (policy list)"),
            deliveryLabel: language.t("本条落实情况：目标、任务、政策、项目、督办", "How this article is delivered: targets, tasks, policies, projects, orders"),
            number: a.number,
            chapter: a.chapter, previous: a.number > 1 ? a.number - 1 : nil,
            next: a.number < plan.articles.count ? a.number + 1 : nil, hasTargets: !targets.isEmpty,
            targets: targets.map { TargetRow($0, evaluation: evaluations[$0.id], text: text) },
            col: ["indicator": language.t("指标", "Indicator"), "goal": language.t("目标", "Goal"), "status": language.t("状态", "Status")])
    }
}
