import Foundation
import PlanCore
import PlanStore

extension ReportingService {
    /// What a unit's page shows to `identity`.
    public struct UnitView: Sendable {
        public var unit: ReportingUnit
        public var parent: ReportingUnit?
        public var periods: [CalendarPeriod]
        /// The subordinate units `identity` may see, with their calendars.
        public var children: [(ReportingUnit, [CalendarPeriod])]
        /// Mismatches of the latest annual period in which the unit is the parent or a reporting child.
        public var mismatches: [ReconciliationRow]
        public var canEnter: Bool
    }

    public func unitView(_ code: String, identity: Identity?) async throws -> UnitView {
        let (_, unit) = try await authorize(identity, .viewStatus, unit: code)
        let tree = try await tree()
        let periods = try await calendar(unit: code)
        var children: [(ReportingUnit, [CalendarPeriod])] = []
        for child in tree.children(of: code) where try await allows(identity, .viewStatus, unit: child) {
            guard let u = tree[child] else { continue }
            children.append((u, try await calendar(unit: child)))
        }
        let latest = periods.first(where: { $0.frequency == .annual })?.period ?? Period(year: today().year - 1)
        let mismatches = try await reconciliation(period: latest, identity: identity).filter {
            $0.status == .mismatch && ($0.parentCode == code || $0.childrenReported.contains(code))
        }
        return UnitView(
            unit: unit, parent: unit.parentCode.flatMap { tree[$0] }, periods: periods, children: children, mismatches: mismatches,
            canEnter: try await allows(identity, .enterData, unit: code))
    }

    /// The import template of a unit: every indicator of its calendar for the latest ended period
    /// of each frequency, with the values already entered (approved ones only for those who may
    /// not read drafts).
    public func templateLines(unit code: String, identity: Identity) async throws -> [ReportFile.TemplateLine] {
        try await authorize(identity, .viewStatus, unit: code)
        let drafts = DraftVisibility.readsDrafts(identity, unit: code, tree: try await tree())
        let plan = try await plans.current().plan
        var latest: [Frequency: CalendarPeriod] = [:]
        for p in try await calendar(unit: code) where latest[p.frequency] == nil { latest[p.frequency] = p }
        var lines: [ReportFile.TemplateLine] = []
        for p in latest.values.sorted(by: { $0.period < $1.period }) {
            let values = try await store.reportValues(unit: code, period: p.period).compactMap { drafts ? $0 : DraftVisibility.published($0) }
            for key in p.indicatorKeys {
                guard let indicator = plan.indicator(key) else { continue }
                let stored = values.first { $0.indicatorKey == key }
                lines.append(
                    ReportFile.TemplateLine(
                        indicator: indicator, period: p.period, value: stored?.value, comment: stored?.comment ?? ""))
            }
        }
        return lines
    }

    /// One line of a calendar as sent to the API.
    public struct CalendarLine: Sendable {
        public var indicatorKey: String
        public var frequency: String
        public var firstYear, dueDays, lockDays: Int

        public init(indicatorKey: String, frequency: String, firstYear: Int, dueDays: Int, lockDays: Int) {
            self.indicatorKey = indicatorKey
            self.frequency = frequency
            self.firstYear = firstYear
            self.dueDays = dueDays
            self.lockDays = lockDays
        }
    }

    /// The longest due or lock offset accepted: about a century (calendars of long monthly series
    /// keep old periods open; the bound keeps day arithmetic far from overflow).
    static let maxOffsetDays = 36_600

    /// Replaces a unit's calendar after checking every line (all problems at once, 422).
    public func replaceCalendar(unit code: String, lines: [CalendarLine], identity: Identity, actor: Actor) async throws -> [CalendarPeriod] {
        try await authorize(identity, .manageCalendar, unit: code)
        try TextInput.check(
            Dictionary(
                lines.enumerated().flatMap { i, l in [("line \(i + 1) indicator_key", l.indicatorKey), ("line \(i + 1) frequency", l.frequency)] },
                uniquingKeysWith: { a, _ in a }))
        let plan = try await plans.current().plan
        var problems: [RowProblem] = []
        var entries: [ScheduleEntry] = []
        for (i, line) in lines.enumerated() {
            func problem(_ en: String, _ zh: String) {
                problems.append(RowProblem(line: i + 1, indicatorKey: line.indicatorKey, message: en, messageZh: zh))
            }
            guard plan.indicator(line.indicatorKey) != nil else {
                problem("unknown indicator", "未知指标")
                continue
            }
            guard let frequency = Frequency(rawValue: line.frequency) else {
                problem("frequency must be annual, quarterly or monthly", "频率应为 annual、quarterly 或 monthly")
                continue
            }
            guard line.dueDays >= 0, line.lockDays >= line.dueDays, line.lockDays <= Self.maxOffsetDays, (1990...2100).contains(line.firstYear) else {
                problem(
                    "need 0 ≤ due_days ≤ lock_days ≤ \(Self.maxOffsetDays) and a first year 1990–2100",
                    "应满足 0 ≤ 截止天数 ≤ 锁定天数 ≤ \(Self.maxOffsetDays)，起始年 1990–2100")
                continue
            }
            entries.append(
                ScheduleEntry(
                    unitCode: code, indicatorKey: line.indicatorKey, frequency: frequency, firstYear: line.firstYear, dueDays: line.dueDays,
                    lockDays: line.lockDays))
        }
        if Set(entries.map { "\($0.indicatorKey)|\($0.frequency)" }).count != entries.count {
            problems.append(
                RowProblem(line: 0, indicatorKey: nil, message: "an indicator appears twice at the same frequency", messageZh: "同一指标同一频率重复"))
        }
        guard problems.isEmpty else { throw ServiceError.invalid(zh: "报送日历有误", en: "The calendar is invalid", problems: problems) }
        func describe(_ list: [ScheduleEntry]) -> String {
            list.map { "\($0.indicatorKey)/\($0.frequency.rawValue)/\($0.firstYear)/\($0.dueDays)/\($0.lockDays)" }.joined(separator: "; ")
        }
        let before = try await store.schedule(unit: code)
        try await store.replaceSchedule(
            unit: code, entries: entries,
            audit: AuditEntry(
                at: timestamp(), actor: actor, action: "calendar.change", unitCode: code, subject: code, before: describe(before),
                after: describe(entries)))
        return try await calendar(unit: code)
    }
}
