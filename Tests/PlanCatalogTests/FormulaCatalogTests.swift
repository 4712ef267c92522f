import Foundation
import PlanCatalog
import PlanCore
import Testing

/// Computed indicators, tolerance overrides and assumption flags as the catalog states them, and
/// the problems a broken one is refused with (file, line, entry, field).
@Suite struct FormulaCatalogTests {
    private func problems(_ edit: (CatalogFixture) throws -> Void) throws -> [CatalogProblem] {
        let fixture = try CatalogFixture()
        defer { fixture.remove() }
        try edit(fixture)
        return fixture.problems()
    }

    /// Appends indicators to the copy's indicators.yaml.
    private func adding(_ yaml: String) -> (CatalogFixture) throws -> Void {
        { fixture in try fixture.write("indicators.yaml", try fixture.read("indicators.yaml") + "\n" + yaml) }
    }

    private func computed(_ key: String, unit: String = "%", formula: String) -> String {
        """
        - key: \(key)
          name_zh: 测试
          name_en: Test
          unit: '\(unit)'
          polarity: 1
          form: additive
          aggregation: ratio
          definition_zh: 测试
          definition_en: Test
          formula: \(formula)

        """
    }

    @Test func theBundledComputedIndicatorsAreChecked() throws {
        let plan = try Catalog.bundled()
        let share = try #require(plan.indicator("gdp_share_in_province")?.formula)
        #expect(share.operation == .ratio && share.inputs.map(\.description) == ["gdp", "gdp@370000"] && share.factor == 100)
        #expect(plan.indicators.filter(\.isComputed).allSatisfy { ComputedIndicators(indicators: plan.indicators).ordered.contains($0) })
    }

    @Test func anUnknownInputIsReportedWithItsLine() throws {
        let found = try problems(adding(computed("t_share", formula: "{op: ratio, of: [gdp, nope], factor: 100}")))
        let p = try #require(found.first { $0.entry == "t_share" })
        #expect(p.file == "indicators.yaml" && p.field == "formula" && p.line != nil)
        #expect(p.message.contains("no indicator \"nope\""))
    }

    @Test func anUnknownRegionIsReported() throws {
        let found = try problems(adding(computed("t_share", formula: "{op: ratio, of: [gdp, gdp@379999], factor: 100}")))
        #expect(found.contains { $0.entry == "t_share" && $0.message.contains("no region \"379999\"") })
    }

    @Test func aCycleIsReported() throws {
        let found = try problems(
            adding(
                computed("t_a", unit: "亿元", formula: "{op: sum, of: [t_b, gdp]}")
                    + computed("t_b", unit: "亿元", formula: "{op: sum, of: [t_a, gdp]}")))
        #expect(found.contains { $0.entry == "t_a" && $0.message.contains("computed from itself: t_a → t_b → t_a") })
        #expect(found.contains { $0.entry == "t_b" && $0.message.contains("computed from itself") })
    }

    @Test func unitsThatDoNotCombineAreReported() throws {
        let found = try problems(adding(computed("t_sum", unit: "亿元", formula: "{op: sum, of: [gdp, nuclear_capacity]}")))
        #expect(found.contains { $0.entry == "t_sum" && $0.message.contains("nuclear_capacity is in 万千瓦, which does not convert") })
        let growth = try problems(adding(computed("t_growth", unit: "亿元", formula: "{op: growth, of: [gdp]}")))
        #expect(growth.contains { $0.entry == "t_growth" && $0.message.contains("a growth is in %") })
    }

    @Test func theWrongNumberOfInputsAndUnknownFieldsAreReported() throws {
        let found = try problems(adding(computed("t_diff", unit: "亿元", formula: "{op: difference, of: [gdp], scale: 2}")))
        #expect(found.contains { $0.entry == "t_diff" && $0.field == "formula.of" && $0.message.contains("difference takes 2 inputs, found 1") })
        #expect(found.contains { $0.entry == "t_diff" && $0.field == "formula.scale" })
        let op = try problems(adding(computed("t_op", formula: "{op: product, of: [gdp, gdp]}")))
        #expect(op.contains { $0.entry == "t_op" && $0.field == "op" && $0.message.contains("expected sum, difference, ratio, growth") })
    }

    @Test func aComputedIndicatorIsNotReported() throws {
        let fixture = try CatalogFixture()
        defer { fixture.remove() }
        try fixture.write(
            "observations.csv", try fixture.read("observations.csv") + "gdp_share_in_province,370100,2023,13.9,%,exact,test,,\n")
        let plan = try Catalog.load(directory: fixture.directory)
        let refusal: String? =
            switch Result(catching: { () throws(CatalogError) in try Catalog.observations(directory: fixture.directory, plan: plan) }) {
            case .success: nil
            case .failure(let error): error.description
            }
        #expect(refusal?.contains("\"gdp_share_in_province\" is computed from other indicators; report its inputs instead") == true)
    }

    @Test func aToleranceThatDepartsFromTheStandardNeedsAReason() throws {
        let nuclear = "  tolerance: 50\n  quote: 全省核电在运在建装机容量力争达到1300万千瓦左右"
        let found = try problems { try $0.replace("targets/ch05.yaml", nuclear, with: nuclear.replacingOccurrences(of: "50", with: "20")) }
        #expect(found.contains { $0.entry == "A050-1" && $0.field == "tolerance_reason" && $0.message.contains("departs from the standard 50") })
        let explained = try problems {
            try $0.replace(
                "targets/ch05.yaml", nuclear,
                with: "  tolerance: 20\n  tolerance_reason: 测试\n  quote: 全省核电在运在建装机容量力争达到1300万千瓦左右")
        }
        #expect(!explained.contains { $0.entry == "A050-1" })
    }

    @Test func anUnknownAssumptionIsReported() throws {
        let nuclear = "  quote: 全省核电在运在建装机容量力争达到1300万千瓦左右"
        let found = try problems { try $0.replace("targets/ch05.yaml", nuclear, with: "  assumptions: [guessed]\n" + nuclear) }
        #expect(found.contains { $0.entry == "A050-1" && $0.field == "assumptions" && $0.message.contains("found \"guessed\"") })
    }

    @Test func aNoteWithoutItsChineseVersionIsReportedAndTitlesAreChecked() throws {
        let found = try problems { try $0.replace("targets/ch05.yaml", "  note_zh: '“力争达到1300万千瓦左右”", with: "  # note_zh: '") }
        #expect(found.contains { $0.entry == "A050-1" && $0.field == "note_zh" })
        let titles = try problems { try $0.replace("plan-titles-en.yaml", "  1: General requirements", with: "  1: 总体要求\n  99: Nothing") }
        #expect(titles.contains { $0.field == "chapters" && $0.message.contains("CJK") })
        #expect(titles.contains { $0.entry == "99" && $0.message.contains("not a chapter") })
        let plan = try Catalog.bundled()
        #expect(plan.titlesEn.chapters.count == 12 && plan.titlesEn.articles.count == 160 && plan.titlesEn.plan != nil)
        #expect(plan.targets.filter { $0.note != nil }.allSatisfy { $0.noteZh != nil })
    }

    @Test func theCorrectedReadingsAreInTheBundledCatalog() throws {
        let plan = try Catalog.bundled()
        let life = try #require(plan.targets.first { $0.id == "C10-3" })
        #expect(life.tolerance == 0.5 && life.toleranceReason?.isEmpty == false)
        let flagged = plan.targets.filter { !$0.assumptions.isEmpty }.map(\.id)
        for id in ["A065-1", "A065-2", "A067-1", "A067-2", "A067-3", "A068-1", "A088-1", "A094-1", "A133-1", "A133-2"] {
            #expect(plan.targets.first { $0.id == id }?.assumptions.contains(.windowAssumed) == true, "\(id)")
        }
        for id in ["C02-1", "A030-2"] {
            let t = try #require(plan.targets.first { $0.id == id })
            #expect(t.assumptions.contains(.baseAssumed) && t.baseYear == 2020, "\(id)")
        }
        #expect(flagged.count >= 12)
        #expect(plan.indicator("renewable_capacity")?.isComputed == true)
        #expect(plan.indicator("cross_border_ecommerce_growth") == nil)
    }
}
