import PlanCatalog
import PlanCore
import Testing

@testable import PlanTrackCLI

@Suite struct PlanCommandTests {
    let plan: Plan

    init() throws {
        plan = try Catalog.bundled()
    }

    @Test func outlineListsEveryChapter() throws {
        let output = try PlanCommand.parse([]).output(plan: plan)
        #expect(output.hasPrefix("山东省建设绿色低碳高质量发展先行区三年行动计划（2023-2025年）"))
        for chapter in plan.chapters {
            #expect(output.contains("\(ChineseNumeral.string(chapter.number))、\(chapter.title)"))
        }
        #expect(output.contains("12 章 chapters · 160 条 articles · \(plan.targets.count) 项目标 targets"))
    }

    @Test func chapterShowsSectionsAndArticles() throws {
        let output = try PlanCommand.parse(["--chapter", "2"]).output(plan: plan)
        #expect(output.contains("（一）加强战略科技力量建设"))
        #expect(output.contains("  3. 完善四级实验室体系  [4 项目标]"))
        #expect(output.contains("C02-2"))
    }

    @Test func articleShowsFullTextAndTargets() throws {
        let output = try PlanCommand.parse(["--article", "3"]).output(plan: plan)
        #expect(output.contains("3. 完善四级实验室体系"))
        #expect(output.contains("（一）加强战略科技力量建设"))
        // The text is wrapped, so compare without line breaks and indentation.
        let flat = output.replacingOccurrences(of: "\n  ", with: "").replacingOccurrences(of: "\n    ", with: "")
        #expect(flat.contains("部省共建国家生态环保重点实验室。"))
        for target in plan.targets(inArticle: 3) {
            #expect(output.contains(target.id))
        }
        // No line is wider than the terminal width.
        for line in output.split(separator: "\n") {
            #expect(TerminalText.width(line) <= 82, "\(line)")
        }
    }

    @Test func articleWithoutTargetsSaysSo() throws {
        let output = try PlanCommand.parse(["--article", "1"]).output(plan: plan)
        #expect(output.contains("本条无量化目标"))
    }

    @Test func searchFindsArticlesAndIndicators() throws {
        let output = try PlanCommand.parse(["--search", "研发经费"]).output(plan: plan)
        #expect(output.contains("rd_intensity"))
        #expect(output.contains("推动高水平科技自立自强"))
        let none = try PlanCommand.parse(["--search", "火星基地"]).output(plan: plan)
        #expect(none.hasPrefix("未找到"))
    }

    @Test func badRequestsAreRefused() {
        #expect(throws: (any Error).self) { try PlanCommand.parse(["--article", "161"]).output(plan: plan) }
        #expect(throws: (any Error).self) { try PlanCommand.parse(["--chapter", "0"]).output(plan: plan) }
        #expect(throws: (any Error).self) { try PlanCommand.parse(["--chapter", "1", "--article", "2"]) }
    }
}
