import Foundation
import PlanCore

/// Comparing cities like with like: one common year for every city, a ranking only when enough
/// cities and indicators report in that year, and size indicators (sums such as GDP or
/// population) shown as sizes, never as "better".
public enum CityComparison {
    /// A ranking needs this many cities reporting an indicator in the year …
    public static let minimumCities = 12
    /// … and this many such indicators.
    public static let minimumIndicators = 3

    /// How many of `cities` have an annual or year-end value of `indicator`, per year.
    public static func coverage(of indicator: String, cities: [String], in index: ObservationIndex) -> [Int: Int] {
        var counts: [Int: Int] = [:]
        for city in cities {
            for year in AnnualSeries(index[indicator, city]).years { counts[year, default: 0] += 1 }
        }
        return counts
    }

    /// The year to show by default: the one most cities have, the latest of equals.
    public static func defaultYear(coverage: [Int: Int]) -> Int? {
        coverage.max { a, b in a.value != b.value ? a.value < b.value : a.key < b.key }?.key
    }

    /// Whether an indicator measures size (a sum over units), so that more is not "better".
    public static func isSize(_ indicator: Indicator) -> Bool { indicator.aggregation == .sum || indicator.polarity == .band }

    /// Whether a city index over these columns may be shown as a ranking.
    public static func canRank(_ index: CityIndex) -> Bool { index.columns.count >= minimumIndicators }
}
