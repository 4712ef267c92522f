import Foundation
import PlanCore
import Yams

/// The text of the plan (`plan.yaml`): title, preamble, chapters with sections, articles.
struct PlanText {
    var title: String
    var preamble: String
    var chapters: [Chapter]
    var articles: [Article]

    static let fileName = "plan.yaml"

    static func read(_ text: String, log: ProblemLog) -> PlanText? {
        let file = fileName
        guard let root = parseYAML(text, file: file, log: log),
            let doc = YAMLEntry(root, file: file, what: "the plan", log: log)
        else { return nil }
        doc.rejectUnknownFields(allowed: ["title", "preamble", "chapters", "articles"])
        let title = doc.requiredString("title") ?? ""
        let preamble = doc.optionalString("preamble") ?? ""
        let chapters = list(doc, "chapters").compactMap { readChapter($0, file: file, log: log) }
        let articles = list(doc, "articles").compactMap { readArticle($0, file: file, log: log) }
        return PlanText(title: title, preamble: preamble, chapters: chapters, articles: articles)
    }

    private static func list(_ doc: YAMLEntry, _ field: String) -> [Node] {
        guard let node = doc.mapping[field], let items = node.sequence else {
            doc.problem(field, "is required as a list")
            return []
        }
        return Array(items)
    }

    private static func readChapter(_ node: Node, file: String, log: ProblemLog) -> Chapter? {
        guard var entry = YAMLEntry(node, file: file, what: "a chapter", log: log) else { return nil }
        entry.entry = entry.optionalInt("number").map { "chapter \($0)" }
        entry.rejectUnknownFields(allowed: ["number", "title", "introduction", "sections"])
        let sections: [Section] = (entry.mapping["sections"]?.sequence.map(Array.init) ?? []).compactMap { node in
            guard var s = YAMLEntry(node, file: file, what: "a section", log: log) else { return nil }
            s.entry = entry.entry
            s.rejectUnknownFields(allowed: ["number", "title"])
            guard let number = s.requiredInt("number"), let title = s.requiredString("title") else { return nil }
            return Section(number: number, title: title)
        }
        guard let number = entry.requiredInt("number"), let title = entry.requiredString("title") else { return nil }
        // Chapters without an introduction (1 and 12 of the Shandong plan) leave it empty.
        let introduction = entry.mapping["introduction"]?.scalar?.string ?? ""
        return Chapter(number: number, title: title, introduction: introduction, sections: sections)
    }

    private static func readArticle(_ node: Node, file: String, log: ProblemLog) -> Article? {
        guard var entry = YAMLEntry(node, file: file, what: "an article", log: log) else { return nil }
        entry.entry = entry.optionalInt("number").map { "article \($0)" }
        entry.rejectUnknownFields(allowed: ["number", "chapter", "section", "title", "text"])
        guard let number = entry.requiredInt("number"), let chapter = entry.requiredInt("chapter"),
            let title = entry.requiredString("title"), let text = entry.requiredString("text")
        else { return nil }
        return Article(number: number, chapter: chapter, section: entry.optionalInt("section"), title: title, text: text)
    }
}
