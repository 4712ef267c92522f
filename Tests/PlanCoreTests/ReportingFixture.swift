import Foundation
import PlanCore

/// A small reporting hierarchy: the province, two cities with two counties each, a department.
enum ReportingFixture {
    static let tree = UnitTree([
        unit("370000", nil),
        unit("370100", "370000"), unit("370102", "370100"), unit("370103", "370100"),
        unit("370200", "370000"), unit("370202", "370200"), unit("370203", "370200"),
        ReportingUnit(code: "dept-science", nameZh: "科技厅", nameEn: "Science", kind: .department, parentCode: "370000", regionCode: "370000"),
    ])

    static func unit(_ code: String, _ parent: String?) -> ReportingUnit {
        ReportingUnit(code: code, nameZh: code, nameEn: code, kind: .region, parentCode: parent, regionCode: code)
    }

    static func indicator(_ key: String, unit: String, aggregation: Aggregation = .sum) -> Indicator {
        Indicator(
            key: key, nameZh: key, nameEn: key, unit: unit, polarity: .higher, form: .additive, aggregation: aggregation,
            definitionZh: "", definitionEn: "")
    }

    static let gdp = indicator("gdp", unit: "亿元")
    static let share = indicator("high_tech_output_share", unit: "%", aggregation: .ratio)
    static let growth = indicator("fertilizer_use_growth", unit: "%", aggregation: .ratio)
    static let indicators = Dictionary(uniqueKeysWithValues: [gdp, share, growth].map { ($0.key, $0) })

    static func entry(_ unit: String, _ key: String, _ frequency: Frequency = .annual) -> ScheduleEntry {
        ScheduleEntry(unitCode: unit, indicatorKey: key, frequency: frequency, firstYear: 2023, dueDays: 150, lockDays: 365)
    }

    static let today = Day(year: 2026, month: 11, day: 29)
}
