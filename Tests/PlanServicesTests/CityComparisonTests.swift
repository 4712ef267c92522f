import Foundation
import PlanCore
import PlanServices
import Testing

/// Comparing cities like with like: one year, intensive indicators, enough cities.
@Suite struct CityComparisonTests {
    let cities = (1...16).map { String(format: "37%02d00", $0) }

    @Test func comparableIndexUsesOneYearIntensiveIndicatorsAndEnoughCities() {
        var observations: [Observation] = []
        for (i, city) in cities.enumerated() {
            // "rate" for every city in 2024; "late" only for 2023 (not the year); "size" is a sum.
            observations.append(Observation(indicatorKey: "rate", regionCode: city, period: Period(year: 2024), value: Double(i)))
            observations.append(Observation(indicatorKey: "late", regionCode: city, period: Period(year: 2023), value: Double(i)))
            observations.append(Observation(indicatorKey: "size", regionCode: city, period: Period(year: 2024), value: Double(i * 10)))
            // "few": eleven cities only.
            if i < 11 { observations.append(Observation(indicatorKey: "few", regionCode: city, period: Period(year: 2024), value: Double(i))) }
        }
        let indicators = [("rate", Aggregation.ratio), ("late", .ratio), ("size", .sum), ("few", .mean)].map { key, aggregation in
            Indicator(
                key: key, nameZh: key, nameEn: key, unit: "%", polarity: .higher, form: .additive, aggregation: aggregation, definitionZh: "",
                definitionEn: "")
        }
        let index = ObservationIndex(observations)
        let loose = CityIndex(indicators: indicators, cities: cities, observations: index, asOf: 2024)
        #expect(Set(loose.columns.map(\.indicatorKey)) == ["rate", "late", "size", "few"])
        let strict = CityIndex(indicators: indicators, cities: cities, observations: index, asOf: 2024, comparable: true, minimumCities: 12)
        #expect(strict.columns.map(\.indicatorKey) == ["rate"])
        #expect(!CityComparison.canRank(strict))
        let coverage = CityComparison.coverage(of: "few", cities: cities, in: index)
        #expect(coverage == [2024: 11])
        #expect(CityComparison.defaultYear(coverage: [2022: 5, 2023: 9, 2024: 9, 2025: 2]) == 2024)
        #expect(CityComparison.isSize(indicators[2]) && !CityComparison.isSize(indicators[0]))
    }

}
