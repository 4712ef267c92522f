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
        /// The titles of `field` whose key `valid` accepts; any other key is reported.
        func collect<Key: Hashable>(_ field: String, _ what: String, _ valid: (String) -> Key?) -> [Key: String] {
            var found: [Key: String] = [:]
            for (k, v, line) in pairs(field) {
                guard let key = valid(k) else {
                    log.add(file: file, line: line, entry: k, field: field, "is not \(what) of the plan")
                    continue
                }
                found[key] = v
            }
            return found
        }
        let chapterNumbers = Set(plan.chapters.map(\.number))
        let sectionKeys = Set(plan.chapters.flatMap { c in c.sections.map { "\(c.number).\($0.number)" } })
        let articleNumbers = Set(plan.articles.map(\.number))
        titles.chapters = collect("chapters", "a chapter") { Int($0).flatMap { chapterNumbers.contains($0) ? $0 : nil } }
        titles.sections = collect("sections", "a section (write chapter.section)") { sectionKeys.contains($0) ? $0 : nil }
        titles.articles = collect("articles", "an article") { Int($0).flatMap { articleNumbers.contains($0) ? $0 : nil } }
        return titles
    }
}
