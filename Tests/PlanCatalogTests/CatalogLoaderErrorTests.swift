import Foundation
import PlanCatalog
import PlanCore
import Testing

/// A broken catalog fails with messages that name the file, the entry and the field.
@Suite struct CatalogLoaderErrorTests {
    /// Breaks the copy with `edit`, then returns the problems found.
    private func problems(_ edit: (CatalogFixture) throws -> Void) throws -> [CatalogProblem] {
        let fixture = try CatalogFixture()
        defer { fixture.remove() }
        try edit(fixture)
        return fixture.problems()
    }

    private let rdTarget = "- id: C02-2\n  source: ch2-intro\n  indicator: rd_intensity"

    @Test func aSoundCopyHasNoProblems() throws {
        #expect(try problems { _ in } == [])
    }

    @Test func mistypedValueNamesFileLineEntryAndField() throws {
        let found = try problems { try $0.replace("targets/ch02.yaml", "  value: 2.6\n", with: "  value: 二点六\n") }
        let p = try #require(found.first)
        #expect(found.count == 1)
        #expect(p.file == "targets/ch02.yaml" && p.entry == "C02-2" && p.field == "value")
        #expect(p.line != nil)
        #expect(p.description.contains("expected a number, found \"二点六\""))
    }

    @Test func quoteMustStandVerbatimInItsArticle() throws {
        let found = try problems {
            try $0.replace("targets/ch02.yaml", "quote: 全社会研发经费投入强度达到2.6%", with: "quote: 全社会研发经费投入强度达到2.7%")
        }
        #expect(found.map(\.field) == ["quote"])
        #expect(found.first?.entry == "C02-2")
        #expect(found.first?.message.contains("not found verbatim in ch2-intro") == true)
    }

    @Test func quoteFromAnotherArticleIsRejected() throws {
        // The phrase exists in the plan, but in article 3, not in chapter 2's introduction.
        let found = try problems {
            try $0.replace("targets/ch02.yaml", "quote: 全社会研发经费投入强度达到2.6%", with: "quote: 力争2025年全国重点实验室达到30家")
        }
        #expect(found.map(\.field) == ["quote"])
    }

    @Test func duplicateIdsAreReported() throws {
        let found = try problems { try $0.replace("targets/ch02.yaml", "- id: C02-3\n", with: "- id: C02-2\n") }
        #expect(found.contains { $0.entry == "C02-2" && $0.field == "id" && $0.message.contains("duplicate") })
    }

    @Test func unknownAndMissingFields() throws {
        let found = try problems {
            try $0.replace("targets/ch02.yaml", rdTarget, with: rdTarget + "\n  colour: red")
            try $0.replace("targets/ch02.yaml", "  binding_reason: 预期性：研发", with: "  xbinding_reason: 预期性：研发")
        }
        #expect(found.contains { $0.entry == "C02-2" && $0.field == "colour" && $0.message.hasPrefix("unknown field") })
        #expect(found.contains { $0.entry == "C02-2" && $0.field == "binding_reason" && $0.message.contains("missing") })
    }

    @Test func unknownIndicatorRegionAndKind() throws {
        let found = try problems {
            try $0.replace("targets/ch02.yaml", rdTarget, with: "- id: C02-2\n  source: ch2-intro\n  indicator: rd_intensty")
            try $0.replace("targets/ch02.yaml", "  kind: reach\n", with: "  kind: goal\n")
        }
        #expect(found.contains { $0.field == "kind" && $0.message.contains("found \"goal\"") })
        let fixture2 = try problems {
            try $0.replace("targets/ch02.yaml", rdTarget, with: "- id: C02-2\n  source: ch2-intro\n  indicator: rd_intensty")
        }
        #expect(fixture2.map(\.field) == ["indicator"])
        let fixture3 = try problems {
            try $0.replace(
                "targets/ch02.yaml", "  region: '370000'\n  kind: reach\n  value: 2.6", with: "  region: '379999'\n  kind: reach\n  value: 2.6")
        }
        #expect(fixture3.map(\.field) == ["region"])
    }

    @Test func kindsUnitsAndValuesMustAgree() throws {
        // A floor must point up; a ceiling down.
        let floor = try problems {
            try $0.replace("targets/ch05.yaml", "  kind: ceiling\n  value: 241.1", with: "  kind: floor\n  value: 241.1")
        }
        #expect(floor.contains { $0.entry == "A066-1" && $0.field == "direction" })
        // A unit that does not convert to the indicator's unit.
        let unit = try problems {
            try $0.replace(
                "targets/ch05.yaml", "  value: 241.1\n  value_high: null\n  unit: 亿立方米", with: "  value: 241.1\n  value_high: null\n  unit: 亿吨")
        }
        #expect(unit.map(\.field) == ["unit"])
        // An about target without its tolerance.
        let about = try problems { try $0.replace("targets/ch05.yaml", "  tolerance: 0.5\n", with: "  tolerance: null\n") }
        #expect(about.contains { $0.field == "tolerance" && $0.message.contains("standard one is 0.5") })
        // A relative change whose sign contradicts its direction.
        let sign = try problems { try $0.replace("targets/ch05.yaml", "  value: -16\n", with: "  value: 16\n") }
        #expect(sign.contains { $0.entry == "A066-2" && $0.field == "direction" })
    }

    @Test func yamlSyntaxErrorsCarryTheirLine() throws {
        let found = try problems { try $0.replace("indicators.yaml", "- key: rd_intensity", with: "- key: [rd_intensity") }
        let p = try #require(found.first { $0.file == "indicators.yaml" })
        #expect(p.message.hasPrefix("not valid YAML"))
        #expect(p.line != nil)
    }

    @Test func missingFilesAreNamed() throws {
        let found = try problems { try FileManager.default.removeItem(at: $0.url("regions.csv")) }
        #expect(found.contains { $0.file == "regions.csv" && $0.message.contains("missing") })
    }

    @Test func badRegionRowsNameTheirLine() throws {
        let found = try problems { try $0.replace("regions.csv", "370100,济南市,Jinan,city", with: "37010,济南市,Jinan,town") }
        let p = try #require(found.first { $0.file == "regions.csv" && $0.field == "code" })
        #expect(p.line == 3)
    }

    @Test func articlesMustBeInOrder() throws {
        let found = try problems { try $0.replace("plan.yaml", "- number: 3\n  chapter: 2", with: "- number: 4\n  chapter: 2") }
        #expect(found.contains { $0.file == "plan.yaml" && $0.field == "number" })
    }

    @Test func loadThrowsEveryProblemAtOnce() throws {
        let fixture = try CatalogFixture()
        defer { fixture.remove() }
        try fixture.replace("targets/ch02.yaml", "  value: 2.6\n", with: "  value: x\n")
        try fixture.replace("targets/ch03.yaml", "  direction: 1\n", with: "  direction: 2\n")
        #expect(throws: CatalogError.self) { try Catalog.load(directory: fixture.directory) }
        do {
            _ = try Catalog.load(directory: fixture.directory)
        } catch {
            #expect(error.problems.count == 2)
            #expect(error.description.hasPrefix("The catalog has 2 problems:"))
        }
    }
}
