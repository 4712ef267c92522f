import Foundation
import PlanCore
import Yams

/// `plan-titles-en.yaml`: unofficial English short titles of the plan (`title`), its chapters
/// (`chapters: {1: …}`), sections (`sections: {"2.1": …}`) and articles (`articles: {1: …}`).
/// Every title must name a chapter, section or article of the plan text; the file is optional.
enum EnglishTitlesFile {
    static let fileName = "plan-titles-en.yaml"

    static func read(_ text: String, plan: PlanText, log: ProblemLog) -> EnglishTitles {
        let file = fileName
        guard let root = parseYAML(text, file: file, log: log), let doc = YAMLEntry(root, file: file, what: "the titles", log: log)
        else { return EnglishTitles() }
        doc.rejectUnknownFields(allowed: ["title", "chapters", "sections", "articles"])
        var titles = EnglishTitles(plan: doc.optionalString("title"))
        func pairs(_ field: String) -> [(key: String, value: String, line: Int)] {
            guard let mapping = doc.mapping[field]?.mapping else {
                log.add(file: file, field: field, "is required as a mapping")
                return []
            }
            return mapping.compactMap { key, value in
                let line = key.mark.map { $0.line }
                guard let k = key.string, let v = value.string, !v.trimmingCharacters(in: .whitespaces).isEmpty else {
                    log.add(file: file, line: line, field: field, "every entry needs a key and a title")
                    return nil
                }
                if v.unicodeScalars.contains(where: { $0.value > 0x2FFF }) {
                    log.add(file: file, line: line, entry: k, field: field, "an English title holds a CJK or full-width character")
                }
                return (k, v, line ?? 0)
            }
        }
        let chapterNumbers = Set(plan.chapters.map(\.number))
        for (k, v, line) in pairs("chapters") {
            guard let n = Int(k), chapterNumbers.contains(n) else {
                log.add(file: file, line: line, entry: k, field: "chapters", "is not a chapter of the plan")
                continue
            }
            titles.chapters[n] = v
        }
        let sectionKeys = Set(plan.chapters.flatMap { c in c.sections.map { "\(c.number).\($0.number)" } })
        for (k, v, line) in pairs("sections") {
            guard sectionKeys.contains(k) else {
                log.add(file: file, line: line, entry: k, field: "sections", "is not a section of the plan (write chapter.section)")
                continue
            }
            titles.sections[k] = v
        }
        let articleNumbers = Set(plan.articles.map(\.number))
        for (k, v, line) in pairs("articles") {
            guard let n = Int(k), articleNumbers.contains(n) else {
                log.add(file: file, line: line, entry: k, field: "articles", "is not an article of the plan")
                continue
            }
            titles.articles[n] = v
        }
        return titles
    }
}
