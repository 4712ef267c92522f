import Foundation
import PlanCore
import Testing

@testable import PlanWeb

@Suite struct FormattingTests {
    @Test(arguments: [
        (36000.0, "家", "3.6万家"), (36.0, "家", "36家"), (11500, "万千瓦", "1.15亿千瓦"), (9000, "万千瓦", "9000万千瓦"),
        (98566, "亿元", "9.86万亿元"), (1142, "亿斤", "1142亿斤"), (72.5, "%", "72.5%"), (32.4, "微克/立方米", "32.4微克/立方米"),
        (2.5e8, "万元", "2.5万亿元"), (1.3, "万亿元", "1.3万亿元"),
    ])
    func chineseHeadlinesUseWanAndYi(value: Double, unit: String, text: String) {
        #expect(NumberText.headline(value, unit: unit, language: .zh) == text)
    }

    @Test(arguments: [
        (12757.4, "亿元", "12,757.4亿元"), (12027.5, "亿元", "12,027.5亿元"), (1.26, "%", "1.26%"), (36000.0, "家", "36,000家"),
        (11500, "万千瓦", "11,500万千瓦"), (0.41, "比值", "0.41比值"),
    ])
    func tablesKeepSourcePrecision(value: Double, unit: String, text: String) {
        #expect(NumberText.format(value, unit: unit, language: .zh) == text)
    }

    @Test func englishGroupsThousandsAndTranslatesUnits() {
        #expect(NumberText.format(11500, unit: "万千瓦", language: .en) == "11,500 × 10 MW")
        #expect(NumberText.format(12757.4, unit: "亿元", language: .en) == "12,757.4 × 100 million yuan")
        #expect(UnitText.english("万家") == "10k enterprises" && UnitText.english("亿千瓦") == "100 GW")
        #expect(UnitText.english("家") == "" && UnitText.english("万亩") == "10k mu")
        #expect(UnitText.separator(before: "10 MW") == " × " && UnitText.separator(before: "万人") == " " && UnitText.separator(before: "%") == "")
        #expect(NumberText.format(-1234567.5, unit: "", language: .en) == "-1,234,567.5")
        #expect(NumberText.format(nil, language: .en) == "—")
        #expect(NumberText.format(.nan, language: .zh) == "—")
    }

    @Test func auditDetailsReadAsWords() {
        #expect(AuditText.detail("import", "new=6 changed=0 unchanged=1", .zh) == "新增 6 · 修改 0 · 未变 1")
        #expect(AuditText.detail("import.preview", "csv, 12 rows", .zh) == "CSV 文件，12 行")
        #expect(AuditText.detail("login", "web", .zh) == "网页")
        #expect(AuditText.detail("submission.return", "数据有误 a=b", .zh) == "数据有误 a=b", "a typed reason stays as typed")
        #expect(Language.zh.qualifier("exact|preliminary accounting") == nil && Language.zh.qualifier("at_least;partial_year") != nil)
        #expect(Language.en.qualifier("exact|preliminary accounting") == "preliminary accounting")
    }

    @Test func acceptLanguage() {
        #expect(Language.fromAcceptLanguage("en-US,en;q=0.9") == .en)
        #expect(Language.fromAcceptLanguage("fr,zh-TW;q=0.8,en;q=0.5") == .zh)
        #expect(Language.fromAcceptLanguage("en;q=0, zh;q=0.1") == .zh)
        #expect(Language.fromAcceptLanguage("") == .zh)
    }

    @Test func sharedPhrasesLinkEveryTarget() {
        func target(_ id: String, _ quote: String) -> Target {
            Target(
                id: id, source: .article(1), indicatorKey: "x", regionCode: "370000", kind: .floor, value: 1, unit: "家",
                deadline: .year(2025), direction: .higher, form: .additive, binding: false, bindingReason: "预期性", quote: quote)
        }
        let html = ArticleHTML.render("甲乙分别达到1和2。<b>", targets: [target("A1", "甲乙分别达到1和2"), target("A2", "甲乙分别达到1和2")])
        #expect(html.contains("<mark class=\"target\" id=\"q-A1\"><a href=\"/targets/A1\">甲乙分别达到1和2</a></mark>"))
        #expect(html.contains("<sup class=\"also\"><a id=\"q-A2\" href=\"/targets/A2\">A2</a></sup>"))
        #expect(html.hasSuffix("。&lt;b&gt;</p>"))
    }

    @Test func onlyWebLinksBecomeLinks() {
        #expect(SafeLink.href("https://www.shandong.gov.cn/x") != nil)
        #expect(SafeLink.href("javascript:alert(1)") == nil)
        #expect(SafeLink.href("") == nil)
    }
}
