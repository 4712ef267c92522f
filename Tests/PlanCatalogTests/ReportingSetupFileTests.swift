import Foundation
import PlanCatalog
import PlanCore
import Testing

/// `reporting.yaml`: units, calendar and tolerances.
@Suite struct ReportingSetupFileTests {
    @Test func theBundledSetupLoads() throws {
        let plan = try Catalog.bundled()
        let setup = try Catalog.bundledReporting(plan: plan)
        #expect(setup.units.count == 163)
        #expect(setup.units.filter { $0.kind == .region }.count == 153)
        #expect(setup.units.filter { $0.kind != .region }.allSatisfy { $0.parentCode == "370000" && $0.regionCode == "370000" })
        #expect(setup.schedule.count == 4 + 152 * 6 + 4 + 3 + 1 + 3 + 2 + 2 + 2 + 1 + 1 + 2)
        #expect(setup.schedule.filter { $0.unitCode == "soe-port" }.allSatisfy { $0.frequency == .quarterly })
        #expect(setup.units.first { $0.code == "dept-drc" }?.aliases == ["省发展改革委", "省发改委"])
        #expect(setup.tolerances["gdp"] == 0.03 && setup.tolerances["grain_output"] == 0.01 && setup.tolerances["pm25"] == nil)
    }

    @Test func mistakesAreListedWithTheirLines() throws {
        let fixture = try CatalogFixture()
        try fixture.replace(
            "reporting.yaml", "indicators: [gdp, resident_population, urbanization_rate, nuclear_operating_capacity]",
            with: "indicators: [gdp, no_such_indicator]")
        try fixture.replace("reporting.yaml", "units: [dept-science]", with: "units: [dept-nowhere]")
        try fixture.replace(
            "reporting.yaml", "    kind: enterprise\n    aliases: [山东港口集团, 省港口集团]", with: "    kind: bank\n    aliases: [山东港口集团, 省港口集团]")
        try fixture.replace("reporting.yaml", "aliases: [山东能源集团]", with: "aliases: 山东能源集团")
        let problems = Catalog.check(directory: fixture.directory).map(\.description)
        #expect(problems.contains { $0.contains("reporting.yaml") && $0.contains("unknown indicator no_such_indicator") })
        #expect(problems.contains { $0.contains("unknown unit dept-nowhere") })
        #expect(problems.contains { $0.contains("kind") && $0.contains("department or enterprise") })
        #expect(problems.contains { $0.contains("aliases") && $0.contains("expected a list") })
        #expect(throws: CatalogError.self) { try Catalog.reporting(directory: fixture.directory, plan: try Catalog.bundled()) }
    }
}
