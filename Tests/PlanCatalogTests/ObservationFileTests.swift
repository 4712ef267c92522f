import Foundation
import PlanCatalog
import PlanCore
import Testing

@Suite struct ObservationFileTests {
    let plan: Plan

    init() throws {
        plan = try Catalog.bundled()
    }

    @Test func readsPeriodsUnitsAndProvenance() throws {
        let csv = """
            indicator_key,region_code,period,value,unit,source,link,note
            rd_intensity,370000,2023,2.6,%,统计公报,https://example.org/a,extra
            new_and_renewable_capacity,370000,2024-06,1.1,亿千瓦,,,
            high_tech_enterprises,370100,2024Q2,5000,家,,,
            """
        let (observations, problems) = ObservationFile.read(csv, file: "x.csv", plan: plan)
        #expect(problems == [])
        #expect(observations.count == 3)
        #expect(observations[0].provenance.source == "统计公报")
        #expect(observations[0].provenance.link == "https://example.org/a")
        #expect(observations[1].period == Period(year: 2024, span: .month(6)))
        #expect(abs(observations[1].value - 11000) < 1e-9)  // 1.1 亿千瓦 in 万千瓦
        #expect(abs(observations[2].value - 0.5) < 1e-12)  // 5000 家 in 万家
    }

    @Test func everyBadRowIsReportedWithItsLine() {
        let csv = """
            indicator_key,region_code,period,value
            rd_intensity,370000,2022,2.49
            no_such_indicator,370000,2022,1
            rd_intensity,999999,2022,1
            rd_intensity,370000,2022年,1
            rd_intensity,370000,2021,two
            rd_intensity,370000,2022,2.5
            """
        let (observations, problems) = ObservationFile.read(csv, file: "obs.csv", plan: plan)
        #expect(observations.count == 1)
        #expect(problems.map(\.line) == [3, 4, 5, 6, 7])
        #expect(problems.map(\.field) == ["indicator_key", "region_code", "period", "value", "period"])
        #expect(problems.last?.message.contains("duplicate of line 2") == true)
        #expect(problems.allSatisfy { $0.file == "obs.csv" })
    }

    @Test func missingColumnsAreNamed() {
        let (observations, problems) = ObservationFile.read("indicator_key,period,value\n", file: "o.csv", plan: plan)
        #expect(observations.isEmpty)
        #expect(problems.first?.message.contains("missing column region_code") == true)
    }

    @Test func unitsThatDoNotConvertAreRejected() {
        let csv = "indicator_key,region_code,period,value,unit\nrd_intensity,370000,2022,2.49,万家\n"
        let (observations, problems) = ObservationFile.read(csv, file: "o.csv", plan: plan)
        #expect(observations.isEmpty)
        #expect(problems.map(\.field) == ["unit"])
    }
}
