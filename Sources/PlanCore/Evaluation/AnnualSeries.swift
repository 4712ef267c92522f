import Foundation

/// The annual values of one indicator in one region (evaluation rules §10, rule 1): an annual
/// observation stands for its year; a year-end value (`2023-12`, `2023Q4`) stands in only when the
/// year has no annual value; other sub-annual values are never evaluated as a year.
public struct AnnualSeries: Sendable, Hashable {
    /// The observation that stands for each year, by year.
    public private(set) var byYear: [Int: Observation]

    public init(_ observations: [Observation]) {
        var byYear: [Int: Observation] = [:]
        for o in observations where o.period.isAnnual {
            byYear[o.period.year] = o
        }
        for o in observations where o.period.endMonth == 12 && !o.period.isAnnual && byYear[o.period.year] == nil {
            // Of a December month and a Q4 value, the later-sorting (the quarter) wins.
            if let existing = byYear[o.period.year], existing.period > o.period { continue }
            byYear[o.period.year] = o
        }
        self.byYear = byYear
    }

    public subscript(year: Int) -> Double? { byYear[year]?.value }

    /// The years with a value, ascending.
    public var years: [Int] { byYear.keys.sorted() }

    /// The years with a value in `range`, ascending.
    public func years(in range: ClosedRange<Int>) -> [Int] {
        years.filter { range.contains($0) }
    }
}
