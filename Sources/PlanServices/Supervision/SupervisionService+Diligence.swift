import Foundation
import PlanCore
import PlanStore

extension SupervisionService {
    /// One unit's diligence over a month or a span of months.
    public struct DiligenceRow: Sendable {
        public var unit: ReportingUnit
        public var counts: DiligenceCounts
        public var score: Double? { counts.score() }
    }

    /// One month of a unit's diligence.
    public struct DiligenceMonth: Sendable {
        public var month: Period
        public var counts: DiligenceCounts
        public var score: Double? { counts.score() }
    }

    /// A unit's diligence in each of the last `months` months up to this one (newest first;
    /// this month counts what has fallen due so far), for those who may see the unit's status.
    public func unitDiligence(_ code: String, months: Int = 12, identity: Identity?) async throws -> [DiligenceMonth] {
        try await reporting.authorize(identity, .viewStatus, unit: code)
        let this = Self.month(of: clock.today())
        let first = Self.month(this, plus: -(max(1, months) - 1))
        let counts = try await diligenceCounts(unit: code, from: first, through: this)[code] ?? [:]
        return (0..<max(1, months)).map { i in
            let month = Self.month(this, plus: -i)
            return DiligenceMonth(month: month, counts: counts[month] ?? DiligenceCounts())
        }
    }

    /// Every unit's diligence over the months `from`…`through` (pooled), for the units `identity`
    /// may see the status of, the lowest score first; units with nothing due are left out.
    public func diligence(from: Period, through: Period, identity: Identity?) async throws -> [DiligenceRow] {
        guard let identity else { throw ServiceError.notAuthenticated }
        guard case .month = from.span, case .month = through.span, from <= through else {
            throw ServiceError.badParameter(name: "month", message: "a month such as 2026-11, or a span of months in order")
        }
        let tree = try await reporting.tree()
        var rows: [DiligenceRow] = []
        for (code, months) in try await diligenceCounts(unit: nil, from: from, through: through) {
            guard let unit = tree[code], try await reporting.allows(identity, .viewStatus, unit: code) else { continue }
            let counts = months.values.reduce(DiligenceCounts(), +)
            if !counts.isEmpty { rows.append(DiligenceRow(unit: unit, counts: counts)) }
        }
        return Self.sorted(rows)
    }

    /// The units of `units` whose diligence in `month` scored below ``DiligenceWeights/poorBelow``,
    /// the lowest first (the stocktake's list).
    func poorDiligence(units: Set<String>, month: Period) async throws -> [DiligenceRow] {
        let tree = try await reporting.tree()
        let rows = try await diligenceCounts(unit: nil, from: month, through: month).compactMap { code, months -> DiligenceRow? in
            guard units.contains(code), let unit = tree[code], let counts = months[month], let score = counts.score(),
                score < DiligenceWeights.poorBelow
            else { return nil }
            return DiligenceRow(unit: unit, counts: counts)
        }
        return Self.sorted(rows)
    }

    static func sorted(_ rows: [DiligenceRow]) -> [DiligenceRow] {
        rows.sorted { a, b in
            let sa = a.score ?? 101
            let sb = b.score ?? 101
            return sa != sb ? sa < sb : a.unit.code < b.unit.code
        }
    }

    /// Counts per unit and month (the month obligations fell due), for one unit or all. Every
    /// unit's are kept until anything they are counted from changes (or the day does).
    func diligenceCounts(unit: String?, from: Period, through: Period) async throws -> [String: [Period: DiligenceCounts]] {
        guard unit == nil else { return try await countDiligence(unit: unit, from: from, through: through) }
        let key = "\(try await store.alertInputsStamp())|\(clock.today())|\(from)|\(through)"
        if let kept = await diligenceCache.counts(for: key) { return kept }
        let counts = try await countDiligence(unit: nil, from: from, through: through)
        await diligenceCache.keep(counts, for: key)
        return counts
    }

    func countDiligence(unit: String?, from: Period, through: Period) async throws -> [String: [Period: DiligenceCounts]] {
        let today = clock.today()
        let schedule = try await store.schedule(unit: unit)
        let submissions = try await store.submissions(units: unit.map { [$0] })
        // A month's task reports fall due in the month after.
        let facts = try await store.diligenceFacts(unit: unit, from: Self.month(from, plus: -1), through: Self.month(through, plus: -1))
        let since = try await store.calendarSince()
        let firstSubmitted = Dictionary(
            submissions.map { ("\($0.unitCode)|\($0.period)", $0.firstSubmittedAt) }, uniquingKeysWith: { a, _ in a })
        let figures = Dictionary(grouping: facts.figures, by: { "\($0.unitCode)|\($0.period)" })
        var obligations: [FigureObligation] = []
        for code in Set(schedule.map(\.unitCode)) {
            let periods = ReportingCalendar.periods(
                unit: code, schedule: schedule, submissions: submissions,
                entered: { Set((figures["\(code)|\($0)"] ?? []).map(\.indicatorKey)) }, today: today, since: since)
            for p in periods where p.state != .backfill {
                let month = Self.month(of: p.dueDay)
                guard month >= from, month <= through else { continue }
                let keys = Set(p.indicatorKeys)
                let entered = (figures["\(code)|\(p.period)"] ?? []).filter { keys.contains($0.indicatorKey) }
                obligations.append(
                    FigureObligation(
                        unitCode: code, period: p.period, dueDay: p.dueDay, expected: keys.count, entered: entered.count,
                        submitted: [.submitted, .approved, .locked].contains(p.status),
                        firstSubmittedAt: firstSubmitted["\(code)|\(p.period)"] ?? nil,
                        figures: entered.map { .init(flagged: $0.flagged, changedAt: $0.changedAt) }))
            }
        }
        let tasks = try await allTasks().filter { unit.map($0.leadUnits.contains) ?? true }.map { task in
            (task: task, listedOn: facts.listedOn[task.id] ?? Day(year: task.year, month: 1, day: 1))
        }
        let counts = DiligenceRules.months(
            figures: obligations, tasks: tasks, facts: facts.progress, done: facts.doneIn, units: unit.map { [$0] }, within: from...through,
            today: today, progressDueDay: settings.progressDueDay)
        return counts
    }

    /// The months asked about: `month` (`2026-11`), or `year` (January to December, or to this
    /// month in the current year), or by default the month before this one.
    public func diligenceSpan(month: String?, year: Int?) throws -> ClosedRange<Period> {
        let this = Self.month(of: clock.today())
        if let year {
            guard (2000...2100).contains(year) else { throw ServiceError.badParameter(name: "year", message: "a year such as 2026") }
            return Period(year: year, span: .month(1))...(year == this.year ? this : Period(year: year, span: .month(12)))
        }
        if let month {
            guard let period = Period(month), case .month = period.span else {
                throw ServiceError.badParameter(name: "month", message: "a month such as 2026-11")
            }
            return period...period
        }
        let last = Self.month(this, plus: -1)
        return last...last
    }

    /// The month a day falls in.
    public static func month(of day: Day) -> Period { Period(year: day.year, span: .month(day.month)) }

    /// The month `months` after `period`'s last month (before it when negative).
    public static func month(_ period: Period, plus months: Int) -> Period {
        let index = period.year * 12 + (period.endMonth - 1) + months
        return Period(year: index / 12, span: .month(index % 12 + 1))
    }
}

/// Every unit's diligence counts for the last few spans asked about, with the stamp of what they
/// were counted from.
actor DiligenceCache {
    private var kept: [(key: String, counts: [String: [Period: DiligenceCounts]])] = []

    func counts(for key: String) -> [String: [Period: DiligenceCounts]]? { kept.first { $0.key == key }?.counts }

    func keep(_ counts: [String: [Period: DiligenceCounts]], for key: String) {
        kept.removeAll { $0.key == key }
        kept.insert((key, counts), at: 0)
        if kept.count > 4 { kept.removeLast() }
    }
}
