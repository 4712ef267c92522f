import Foundation

/// How often a figure is reported.
public enum Frequency: String, Sendable, Hashable, CaseIterable, Codable {
    case annual
    case quarterly
    case monthly

    /// The periods of this frequency in `year`.
    public func periods(in year: Int) -> [Period] {
        switch self {
        case .annual: [Period(year: year)]
        case .quarterly: (1...4).map { Period(year: year, span: .quarter($0)) }
        case .monthly: (1...12).map { Period(year: year, span: .month($0)) }
        }
    }

    /// The frequency a period belongs to.
    public init(of period: Period) {
        switch period.span {
        case .year: self = .annual
        case .quarter: self = .quarterly
        case .month: self = .monthly
        }
    }

    public var nameZh: String {
        switch self {
        case .annual: "年报"
        case .quarterly: "季报"
        case .monthly: "月报"
        }
    }
}

/// One line of the reporting calendar: a unit reports an indicator at a frequency, from a first
/// year on, each period due `dueDays` after it ends and locked `lockDays` after it ends.
public struct ScheduleEntry: Sendable, Hashable, Codable {
    public var unitCode: String
    public var indicatorKey: String
    public var frequency: Frequency
    public var firstYear: Int
    public var dueDays: Int
    public var lockDays: Int

    public init(unitCode: String, indicatorKey: String, frequency: Frequency, firstYear: Int, dueDays: Int, lockDays: Int) {
        self.unitCode = unitCode
        self.indicatorKey = indicatorKey
        self.frequency = frequency
        self.firstYear = firstYear
        self.dueDays = dueDays
        self.lockDays = lockDays
    }

    /// The day the period's figure is due.
    public func dueDay(_ period: Period) -> Day { period.lastDay.adding(days: dueDays) }
    /// The day after which the period's figures change only when a reviewer reopens them.
    public func lockDay(_ period: Period) -> Day { period.lastDay.adding(days: lockDays) }

    /// The periods that have ended by `today`, from `firstYear` on, oldest first.
    public func endedPeriods(asOf today: Day) -> [Period] {
        guard firstYear <= today.year else { return [] }
        return (firstYear...today.year).flatMap { frequency.periods(in: $0) }.filter { $0.lastDay < today }
    }
}
