import Foundation
import PlanCore

/// Checks that hold across the catalog's files: numbering, uniqueness, references, quotes found
/// verbatim in their own article, and units and kinds consistent with values.
struct CatalogValidator {
    let plan: Plan
    let targetEntries: [TargetFile.Entry]
    let log: ProblemLog

    func run() {
        checkText()
        checkIndicators()
        checkRegions()
        checkTargets()
    }

    private func checkText() {
        let file = PlanText.fileName
        for (i, article) in plan.articles.enumerated() where article.number != i + 1 {
            log.add(
                file: file, entry: "article \(article.number)", field: "number", "articles must be numbered 1, 2, 3 … in order; expected \(i + 1)")
            break
        }
        for (i, chapter) in plan.chapters.enumerated() where chapter.number != i + 1 {
            log.add(
                file: file, entry: "chapter \(chapter.number)", field: "number", "chapters must be numbered 1, 2, 3 … in order; expected \(i + 1)")
            break
        }
        for article in plan.articles {
            let entry = "article \(article.number)"
            guard let chapter = plan.chapter(article.chapter) else {
                log.add(file: file, entry: entry, field: "chapter", "no chapter \(article.chapter)")
                continue
            }
            if let section = article.section, !chapter.sections.contains(where: { $0.number == section }) {
                log.add(file: file, entry: entry, field: "section", "chapter \(chapter.number) has no section \(section)")
            }
            if !article.text.hasPrefix(article.title + "。") {
                log.add(file: file, entry: entry, field: "title", "the text must open with the title followed by 。")
            }
        }
    }

    private func checkIndicators() {
        var seen = Set<String>()
        for indicator in plan.indicators where !seen.insert(indicator.key).inserted {
            log.add(file: IndicatorFile.fileName, entry: indicator.key, field: "key", "duplicate indicator key")
        }
    }

    private func checkRegions() {
        let codes = Set(plan.regions.map(\.code))
        var seen = Set<String>()
        for region in plan.regions {
            if !seen.insert(region.code).inserted {
                log.add(file: RegionFiles.regionsFile, entry: region.code, field: "code", "duplicate region code")
            }
            if let parent = region.parentCode, !codes.contains(parent) {
                log.add(file: RegionFiles.regionsFile, entry: region.code, field: "parent_code", "no region \(parent)")
            }
            if let circle = region.circle, plan.regionGroup(circle) == nil {
                log.add(file: RegionFiles.regionsFile, entry: region.code, field: "circle", "no region group \(circle)")
            }
        }
        for group in plan.regionGroups {
            if codes.contains(group.key) {
                log.add(file: RegionFiles.groupsFile, entry: group.key, field: "key", "a group key must differ from every region code")
            }
            for member in group.memberCodes where !codes.contains(member) {
                log.add(file: RegionFiles.groupsFile, entry: group.key, field: "members", "no region \(member)")
            }
        }
    }

    private func checkTargets() {
        var seen: [String: String] = [:]
        for entry in targetEntries {
            let t = entry.target
            let problem = { (field: String, message: String) in
                log.add(file: entry.file, line: entry.line, entry: t.id, field: field, message)
            }
            if let other = seen[t.id] {
                problem("id", "duplicate target id (also in \(other))")
            }
            seen[t.id] = entry.file
            checkIdentity(t, problem)
            if plan.indicator(t.indicatorKey) == nil {
                problem("indicator", "no indicator \"\(t.indicatorKey)\" in \(IndicatorFile.fileName)")
            }
            if plan.region(t.regionCode) == nil, plan.regionGroup(t.regionCode) == nil {
                problem("region", "no region or region group \"\(t.regionCode)\"")
            }
            for message in TargetRules.problems(of: t, indicator: plan.indicator(t.indicatorKey)) {
                problem(message.field, message.text)
            }
            // Chinese pages show the Chinese note: a note needs both versions.
            if (t.note != nil) != (t.noteZh != nil) {
                problem(t.note == nil ? "note" : "note_zh", "a reading note needs both note (English) and note_zh (Chinese)")
            }
        }
    }

    private func checkIdentity(_ t: Target, _ problem: (String, String) -> Void) {
        switch t.source {
        case .article(let n):
            if !Self.isNumberedID(t.id, prefix: String(format: "A%03d-", n)) {
                problem("id", String(format: "a target of article %d is named A%03d-n", n, n))
            }
        case .chapterIntroduction(let n):
            if !Self.isNumberedID(t.id, prefix: String(format: "C%02d-", n)) {
                problem("id", String(format: "a target of chapter %d's introduction is named C%02d-n", n, n))
            }
        }
        guard let text = plan.text(of: t.source) else {
            problem("source", "the plan has no \(t.source.code)")
            return
        }
        if !text.contains(t.quote) {
            problem("quote", "not found verbatim in \(t.source.code): \"\(t.quote)\"")
        }
    }

    /// Whether `id` is `prefix` followed by a number without leading zeros (`A003-12`).
    static func isNumberedID(_ id: String, prefix: String) -> Bool {
        guard id.hasPrefix(prefix) else { return false }
        let number = id.utf8.dropFirst(prefix.utf8.count)
        return number.first.map { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") } == true
            && number.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
