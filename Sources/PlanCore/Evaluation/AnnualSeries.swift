import Foundation

/// The annual values of one indicator in one region (evaluation rules §10, rule 1): an annual
/// observation stands for its year; a year-end value (`2023-12`, `2023Q4`) stands in only when the
/// year has no annual value; other sub-annual values are never evaluated as a year.
public struct AnnualSeries: Sendable, Hashable {
    /// The observation that stands for each year, ascending by year.
    public private(set) var entries: [Observation]
    /// The years with a value, ascending.
    public private(set) var years: [Int]

    public init(_ observations: [Observation]) {
        var chosen: [Observation] = []
        chosen.reserveCapacity(observations.count)
        for o in observations where o.period.isAnnual || o.period.endMonth == 12 {
            if let i = chosen.firstIndex(where: { $0.period.year == o.period.year }) {
                // An annual value beats a year-end one; of two year-end values the later-sorting wins.
                if chosen[i].period < o.period { chosen[i] = o }
            } else {
                chosen.append(o)
            }
        }
        chosen.sort { $0.period.year < $1.period.year }
        entries = chosen
        years = chosen.map(\.period.year)
    }

    /// The observation standing for `year`, if any.
    public func observation(_ year: Int) -> Observation? {
        entries.first { $0.period.year == year }
    }

    public subscript(year: Int) -> Double? { observation(year)?.value }

    /// The years with a value in `range`, ascending.
    public func years(in range: ClosedRange<Int>) -> [Int] {
        years.filter { range.contains($0) }
    }
}
