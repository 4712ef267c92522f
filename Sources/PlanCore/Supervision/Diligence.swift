import Foundation

/// How diligently a unit met its reporting obligations (报送质量) over a month, or pooled over
/// several: the reporting rate and the on-time reporting rate of DHIS2's data-set reports, with
/// the quality signals a delivery unit watches besides — figures changed after the deadline,
/// outliers, and task reports without evidence.
///
/// An obligation is a period of figures in a unit's calendar, or a lead unit's monthly report on
/// a task; it belongs to the month its due day falls in, and counts once that day has passed.
public struct DiligenceCounts: Sendable, Hashable, Codable {
    /// Obligations due.
    public var due = 0
    /// … first submitted by their due day.
    public var onTime = 0
    /// Items expected: each figure of a due period and each due task report.
    public var expected = 0
    /// … there now: a figure in a period that has been submitted, a submitted or approved report.
    public var present = 0
    /// Figures in submitted periods.
    public var values = 0
    /// … changed after their period's due day, once it had been submitted.
    public var revisedLate = 0
    /// … accepted with an outlier flag (outside the unit's own history).
    public var flagged = 0
    /// Submitted or approved task reports.
    public var reports = 0
    /// … with at least one evidence file.
    public var withEvidence = 0

    public init() {}

    public static func + (a: DiligenceCounts, b: DiligenceCounts) -> DiligenceCounts {
        var c = a
        c.due += b.due
        c.onTime += b.onTime
        c.expected += b.expected
        c.present += b.present
        c.values += b.values
        c.revisedLate += b.revisedLate
        c.flagged += b.flagged
        c.reports += b.reports
        c.withEvidence += b.withEvidence
        return c
    }

    static func share(_ part: Int, _ whole: Int) -> Double? { whole > 0 ? Double(part) / Double(whole) : nil }

    /// On-time obligations over due ones (及时率).
    public var timeliness: Double? { Self.share(onTime, due) }
    /// Items there over items expected (完整率).
    public var completeness: Double? { Self.share(present, expected) }
    /// Figures changed after the deadline over figures (截止后修改率).
    public var lateRevisionRate: Double? { Self.share(revisedLate, values) }
    /// Flagged figures over figures (异常值率).
    public var outlierRate: Double? { Self.share(flagged, values) }
    /// Reports with evidence over reports (佐证材料附件率).
    public var evidenceRate: Double? { Self.share(withEvidence, reports) }

    /// Whether anything was due.
    public var isEmpty: Bool { due == 0 }

    /// The score, 0–100: the weighted mean of timeliness, completeness, the share of figures not
    /// changed late, the share not flagged and the evidence rate. A part without anything to
    /// count (no figures, no task reports) is left out and the other weights share its place;
    /// `nil` when nothing was due.
    public func score(_ weights: DiligenceWeights = .standard) -> Double? {
        guard !isEmpty else { return nil }
        let parts: [(Double?, Double)] = [
            (timeliness, weights.timeliness), (completeness, weights.completeness), (lateRevisionRate.map { 1 - $0 }, weights.revisions),
            (outlierRate.map { 1 - $0 }, weights.outliers), (evidenceRate, weights.evidence),
        ]
        let counted = parts.compactMap { value, weight in value.map { ($0, weight) } }
        let total = counted.reduce(0) { $0 + $1.1 }
        guard total > 0 else { return nil }
        return 100 * counted.reduce(0) { $0 + $1.0 * $1.1 } / total
    }
}

/// The weights of the diligence score's parts.
public struct DiligenceWeights: Sendable, Hashable, Codable {
    public var timeliness: Double
    public var completeness: Double
    public var revisions: Double
    public var outliers: Double
    public var evidence: Double

    public init(timeliness: Double, completeness: Double, revisions: Double, outliers: Double, evidence: Double) {
        self.timeliness = timeliness
        self.completeness = completeness
        self.revisions = revisions
        self.outliers = outliers
        self.evidence = evidence
    }

    /// Timeliness and completeness first (30 each), then late revisions and evidence (15 each),
    /// outliers last (10): an outlier is often a true figure, explained.
    public static let standard = DiligenceWeights(timeliness: 30, completeness: 30, revisions: 15, outliers: 10, evidence: 15)

    /// The score below which a unit is listed as poor (on the stocktake).
    public static let poorBelow = 80.0
}

/// One period of figures in a unit's calendar, as diligence sees it.
public struct FigureObligation: Sendable, Hashable {
    public var unitCode: String
    public var period: Period
    public var dueDay: Day
    /// The figures the calendar asks for.
    public var expected: Int
    /// Those entered.
    public var entered: Int
    /// Whether the period has been submitted (and is not back in draft or returned).
    public var submitted: Bool
    /// When it was first submitted (a stored timestamp).
    public var firstSubmittedAt: String?
    /// The entered figures.
    public var figures: [Figure]

    /// An entered figure: whether it carries an outlier flag, and when it was last changed after
    /// its first entry (`nil` when never changed).
    public struct Figure: Sendable, Hashable {
        public var flagged: Bool
        public var changedAt: String?

        public init(flagged: Bool, changedAt: String?) {
            self.flagged = flagged
            self.changedAt = changedAt
        }
    }

    public init(
        unitCode: String, period: Period, dueDay: Day, expected: Int, entered: Int, submitted: Bool, firstSubmittedAt: String?,
        figures: [Figure]
    ) {
        self.unitCode = unitCode
        self.period = period
        self.dueDay = dueDay
        self.expected = expected
        self.entered = entered
        self.submitted = submitted
        self.firstSubmittedAt = firstSubmittedAt
        self.figures = figures
    }
}

/// What is stored of one task report, as diligence sees it.
public struct ProgressFact: Sendable, Hashable {
    public var taskID: String
    public var unitCode: String
    public var period: Period
    public var state: ProgressState
    public var status: TaskStatus
    /// When it was first submitted (a stored timestamp).
    public var firstSubmittedAt: String?
    public var evidence: Int

    public init(
        taskID: String, unitCode: String, period: Period, state: ProgressState, status: TaskStatus, firstSubmittedAt: String?, evidence: Int
    ) {
        self.taskID = taskID
        self.unitCode = unitCode
        self.period = period
        self.state = state
        self.status = status
        self.firstSubmittedAt = firstSubmittedAt
        self.evidence = evidence
    }

    public var counts: Bool { state == .submitted || state == .approved }
}

/// The rules of reporting diligence.
public enum DiligenceRules {
    /// The monthly report of a task is due on this day of the following month unless configured.
    public static let standardProgressDueDay = 5

    /// The day a month's task report is due: `dueDay` of the following month.
    public static func progressDue(_ month: Period, dueDay: Int) -> Day {
        let next = month.lastDay.adding(days: 1)
        return Day(year: next.year, month: next.month, day: min(max(1, dueDay), 28))
    }

    /// The months a lead unit owes a report on a task: from the month the task was listed (not
    /// before January of its year) to the month of its deadline (December for work without
    /// one), and none after `doneIn`, the month of the first submitted or approved report that
    /// says it is done.
    public static func owedMonths(task: WorkTask, listedOn: Day, doneIn: Period?) -> [Period] {
        let first = max(Day(year: task.year, month: 1, day: 1), Day(year: listedOn.year, month: listedOn.month, day: 1))
        let lastDay = min(task.due ?? Day(year: task.year, month: 12, day: 31), Day(year: task.year, month: 12, day: 31))
        guard first <= lastDay else { return [] }
        var months: [Period] = []
        var year = first.year
        var month = first.month
        while (year, month) <= (lastDay.year, lastDay.month) {
            let period = Period(year: year, span: .month(month))
            months.append(period)
            if let doneIn, period >= doneIn { break }
            month += 1
            if month > 12 { (year, month) = (year + 1, 1) }
        }
        return months
    }

    /// The month of the first submitted or approved report that says a task is done, keyed
    /// `task|unit`.
    public static func doneIn(_ facts: [ProgressFact]) -> [String: Period] {
        var done: [String: Period] = [:]
        for fact in facts where fact.counts && fact.status == .done {
            let key = "\(fact.taskID)|\(fact.unitCode)"
            if let seen = done[key], seen <= fact.period { continue }
            done[key] = fact.period
        }
        return done
    }

    /// Whether a stored timestamp falls on or before `day` in China Standard Time.
    public static func byEndOf(_ day: Day, _ timestamp: String) -> Bool {
        guard let at = Day.china(ofTimestamp: timestamp) else { return false }
        return at <= day
    }

    /// Every unit's counts per month (the month its obligations were due), for obligations due
    /// before `today`.
    /// - Parameters:
    ///   - figures: the periods of figures of the units' calendars.
    ///   - tasks: the tasks with the day each was listed.
    ///   - facts: the stored task reports (of the months counted, at least).
    ///   - done: the month each task was reported done, keyed `task|unit` (see ``doneIn(_:)``);
    ///     what `facts` say is added.
    ///   - units: the units to count (every lead unit of a task and every unit of `figures` when `nil`).
    ///   - within: the months to count (every month when `nil`).
    public static func months(
        figures: [FigureObligation], tasks: [(task: WorkTask, listedOn: Day)], facts: [ProgressFact], done: [String: Period] = [:],
        units: Set<String>?, within: ClosedRange<Period>? = nil, today: Day, progressDueDay: Int = standardProgressDueDay
    ) -> [String: [Period: DiligenceCounts]] {
        var result: [String: [Period: DiligenceCounts]] = [:]
        func counted(_ due: Day) -> Bool {
            due < today && (within.map { $0.contains(Period(year: due.year, span: .month(due.month))) } ?? true)
        }
        func add(_ unit: String, _ due: Day, _ change: (inout DiligenceCounts) -> Void) {
            guard counted(due), units?.contains(unit) ?? true else { return }
            change(&result[unit, default: [:]][Period(year: due.year, span: .month(due.month)), default: DiligenceCounts()])
        }
        for figure in figures {
            add(figure.unitCode, figure.dueDay) { c in
                c.due += 1
                if let at = figure.firstSubmittedAt, byEndOf(figure.dueDay, at) { c.onTime += 1 }
                c.expected += figure.expected
                guard figure.submitted else { return }
                c.present += min(figure.entered, figure.expected)
                c.values += figure.figures.count
                c.flagged += figure.figures.filter(\.flagged).count
                c.revisedLate +=
                    figure.figures.filter { f in
                        guard let changed = f.changedAt, let first = figure.firstSubmittedAt else { return false }
                        return changed > first && !byEndOf(figure.dueDay, changed)
                    }.count
            }
        }
        var byReport: [String: ProgressFact] = [:]
        for fact in facts { byReport["\(fact.taskID)|\(fact.unitCode)|\(fact.period)"] = fact }
        let done = done.merging(doneIn(facts), uniquingKeysWith: min)
        for (task, listedOn) in tasks {
            for unit in task.leadUnits where units?.contains(unit) ?? true {
                for month in owedMonths(task: task, listedOn: listedOn, doneIn: done["\(task.id)|\(unit)"]) {
                    let due = progressDue(month, dueDay: progressDueDay)
                    guard counted(due) else { continue }
                    let fact = byReport["\(task.id)|\(unit)|\(month)"]
                    add(unit, due) { c in
                        c.due += 1
                        c.expected += 1
                        if let at = fact?.firstSubmittedAt, byEndOf(due, at) { c.onTime += 1 }
                        guard let fact, fact.counts else { return }
                        c.present += 1
                        c.reports += 1
                        if fact.evidence > 0 { c.withEvidence += 1 }
                    }
                }
            }
        }
        return result
    }
}

extension Day {
    /// The day in China Standard Time (UTC+8, no daylight saving) of a stored timestamp.
    public static func china(ofTimestamp timestamp: String) -> Day? {
        guard let date = Timestamp.date(timestamp) else { return nil }
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + 8 * 3600
        return Day(ordinal: Int((Double(seconds) / 86_400).rounded(.down)))
    }
}
