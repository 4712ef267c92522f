import Foundation
import PlanCore

/// The one source of time for the services: the instant, the reporting calendar's day (China
/// Standard Time), and the one form in which times are stored and compared.
public struct PlanClock: Sendable {
    /// The current instant.
    public let now: @Sendable () -> Date
    /// Today in the reporting calendar.
    public let today: @Sendable () -> Day

    public init(now: @escaping @Sendable () -> Date, today: @escaping @Sendable () -> Day) {
        self.now = now
        self.today = today
    }

    /// The machine's clock; the day in Asia/Shanghai.
    public static let system = PlanClock(now: { Date() }, today: { PlanClock.chinaDay(of: Date()) })

    /// The machine's clock with a fixed calendar day (tests, demonstrations).
    public static func fixedDay(_ day: Day) -> PlanClock {
        PlanClock(now: { Date() }, today: { day })
    }

    /// The calendar day of `date` in China Standard Time.
    public static func chinaDay(of date: Date) -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return Day(year: c.year ?? 2026, month: c.month ?? 1, day: c.day ?? 1)
    }

    /// The current instant as stored.
    public func timestamp() -> String { Self.timestamp(now()) }

    /// `date` as stored (``Timestamp``).
    public static func timestamp(_ date: Date) -> String { Timestamp.string(date) }
}
