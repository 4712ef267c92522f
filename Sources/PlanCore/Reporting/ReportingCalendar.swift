import Foundation

/// Where a unit stands on one period of its calendar.
public enum DueState: String, Sendable, Hashable, Codable {
    /// The period has ended and its due day has not passed; nothing submitted yet.
    case due
    /// Past the due day and not yet submitted.
    case overdue
    /// Submitted, waiting for a reviewer.
    case submitted
    /// Returned by a reviewer: to be corrected and submitted again.
    case returned
    /// Approved (or locked after approval).
    case done
    /// Not submitted, but locked before the calendar began: may be filled in, never overdue.
    case backfill

    public var nameZh: String {
        switch self {
        case .due: "待填报"
        case .overdue: "已逾期"
        case .submitted: "待审核"
        case .returned: "已退回"
        case .done: "已完成"
        case .backfill: "可补报"
        }
    }

    public var nameEn: String {
        switch self {
        case .due: "Due"
        case .overdue: "Overdue"
        case .submitted: "Awaiting review"
        case .returned: "Returned"
        case .done: "Done"
        case .backfill: "Backfill"
        }
    }
}

/// One period of a unit's calendar: what is due when, and how far the unit has got.
public struct CalendarPeriod: Sendable, Hashable {
    public var unitCode: String
    public var period: Period
    public var frequency: Frequency
    /// The indicators due for the period.
    public var indicatorKeys: [String]
    public var dueDay: Day
    public var lockDay: Day
    /// How many of them have a value (of any status).
    public var entered: Int
    public var status: SubmissionStatus
    public var state: DueState
    /// Whether changes need a reviewer's reopening.
    public var locked: Bool
    /// `false` for a period the calendar no longer lists but that has a submission: it can still
    /// be read and reviewed; its due and lock days are then the period's last day, and it never
    /// locks.
    public var inCalendar: Bool = true

    /// Entered values over due values, 0–1.
    public var completeness: Double { indicatorKeys.isEmpty ? 1 : Double(entered) / Double(indicatorKeys.count) }
}

/// The reporting calendar of units, as of a day.
public enum ReportingCalendar {
    /// Every ended period of `unit`'s schedule, newest first, with its state as of `today`.
    /// `entered` gives the indicator keys that have a value for a period.
    /// A period that locked before `since` (the day the calendar began) and was never submitted
    /// is backfill, not overdue.
    public static func periods(
        unit: String, schedule: [ScheduleEntry], submissions: [Submission], entered: (Period) -> Set<String>, today: Day,
        since: Day? = nil
    ) -> [CalendarPeriod] {
        let own = schedule.filter { $0.unitCode == unit }
        var byPeriod: [Period: [ScheduleEntry]] = [:]
        for entry in own {
            for period in entry.endedPeriods(asOf: today) { byPeriod[period, default: []].append(entry) }
        }
        let submitted = Dictionary(submissions.filter { $0.unitCode == unit }.map { ($0.period, $0) }, uniquingKeysWith: { a, _ in a })
        return byPeriod.keys.sorted(by: >).map { period in
            let entries = byPeriod[period] ?? []
            let keys = entries.map(\.indicatorKey)
            let dueDay = entries.map { $0.dueDay(period) }.min() ?? period.lastDay
            let lockDay = entries.map { $0.lockDay(period) }.max() ?? period.lastDay
            let submission = submitted[period] ?? Submission(unitCode: unit, period: period, status: .empty)
            let status = submission.effectiveStatus(today: today, lockDay: lockDay)
            let have = entered(period)
            var state = state(status, today: today, dueDay: dueDay)
            if state == .overdue, let since, lockDay < since { state = .backfill }
            return CalendarPeriod(
                unitCode: unit, period: period, frequency: Frequency(of: period), indicatorKeys: keys, dueDay: dueDay, lockDay: lockDay,
                entered: keys.filter { have.contains($0) }.count, status: status,
                state: state, locked: submission.isLocked(today: today, lockDay: lockDay))
        }
    }

    /// A period with a submission that the calendar no longer lists.
    public static func offCalendar(_ submission: Submission, indicatorKeys: [String], today: Day) -> CalendarPeriod {
        let status = submission.effectiveStatus(today: today, lockDay: nil)
        return CalendarPeriod(
            unitCode: submission.unitCode, period: submission.period, frequency: Frequency(of: submission.period), indicatorKeys: indicatorKeys,
            dueDay: submission.period.lastDay, lockDay: submission.period.lastDay, entered: indicatorKeys.count, status: status,
            state: state(status, today: today, dueDay: submission.period.lastDay), locked: submission.status == .locked, inCalendar: false)
    }

    /// The due state of a submission status.
    public static func state(_ status: SubmissionStatus, today: Day, dueDay: Day) -> DueState {
        switch status {
        case .approved, .locked: .done
        case .submitted: .submitted
        case .returned: .returned
        case .empty, .draft: today > dueDay ? .overdue : .due
        }
    }

    /// The lock day of a unit's period: the latest lock day of its schedule entries for the
    /// period's frequency; `nil` when the unit does not report at that frequency.
    public static func lockDay(unit: String, period: Period, schedule: [ScheduleEntry]) -> Day? {
        let frequency = Frequency(of: period)
        return schedule.filter { $0.unitCode == unit && $0.frequency == frequency }.map { $0.lockDay(period) }.max()
    }
}
