import Foundation
import PlanCore
import Testing

/// The rules of reporting diligence: which obligations fall due in which month, what counts as
/// on time, complete and changed late, and how the score weighs them.
@Suite struct DiligenceTests {
    static let today = Day(year: 2026, month: 11, day: 29)

    static func figure(
        _ period: String, due: Day, expected: Int = 2, entered: Int = 2, submitted: Bool = true, first: String?,
        figures: [FigureObligation.Figure] = [.init(flagged: false, changedAt: nil), .init(flagged: false, changedAt: nil)]
    ) -> FigureObligation {
        FigureObligation(
            unitCode: "370100", period: Period(period)!, dueDay: due, expected: expected, entered: entered, submitted: submitted,
            firstSubmittedAt: first, figures: figures)
    }

    @Test func onTimeMeansByTheEndOfTheDueDayInChina() {
        let due = Day(year: 2026, month: 10, day: 10)
        #expect(DiligenceRules.byEndOf(due, "2026-10-10T15:59:59.999Z"))
        #expect(!DiligenceRules.byEndOf(due, "2026-10-10T16:00:00.000Z"), "midnight in Beijing is 16:00 UTC")
        #expect(DiligenceRules.byEndOf(due, "2026-10-09T20:00:00Z"))
        #expect(!DiligenceRules.byEndOf(due, "not a time"))
        #expect(Day.china(ofTimestamp: "2026-12-31T16:30:00.000Z") == Day(year: 2027, month: 1, day: 1))
    }

    @Test func figuresCountInTheMonthTheyFellDueOnceTheDayHasPassed() {
        let counts =
            DiligenceRules.months(
                figures: [
                    Self.figure("2026-09", due: Day(year: 2026, month: 10, day: 10), first: "2026-10-09T02:00:00.000Z"),
                    Self.figure(
                        "2026Q3", due: Day(year: 2026, month: 10, day: 31), entered: 1, first: "2026-11-02T02:00:00.000Z",
                        figures: [.init(flagged: true, changedAt: nil)]),
                    // Not submitted: expected, not present, its draft figures not counted.
                    Self.figure("2026-08", due: Day(year: 2026, month: 9, day: 10), entered: 2, submitted: false, first: nil),
                    // Due today: not yet counted.
                    Self.figure("2026-10", due: Self.today, first: nil),
                ], tasks: [], facts: [], units: nil, today: Self.today)["370100"] ?? [:]
        #expect(Set(counts.keys) == [Period("2026-10")!, Period("2026-09")!])
        let october = counts[Period("2026-10")!]!
        #expect((october.due, october.onTime, october.expected, october.present, october.values, october.flagged) == (2, 1, 4, 3, 3, 1))
        let september = counts[Period("2026-09")!]!
        #expect((september.due, september.onTime, september.expected, september.present, september.values) == (1, 0, 2, 0, 0))
        #expect(september.score() == 0, "nothing sent: on time and complete are both 0, and nothing else is counted")
    }

    @Test func aChangeIsLateOnlyAfterBothTheDeadlineAndTheFirstSubmission() {
        let due = Day(year: 2026, month: 10, day: 10)
        let counts = DiligenceRules.months(
            figures: [
                Self.figure(
                    "2026-09", due: due, expected: 4, entered: 4, first: "2026-10-12T02:00:00.000Z",
                    figures: [
                        .init(flagged: false, changedAt: "2026-10-20T02:00:00.000Z"),  // after both: late
                        .init(flagged: false, changedAt: "2026-10-09T02:00:00.000Z"),  // before the deadline
                        .init(flagged: false, changedAt: "2026-10-11T02:00:00.000Z"),  // a late entry, before the first submission
                        .init(flagged: false, changedAt: nil),
                    ])
            ], tasks: [], facts: [], units: ["370100"], today: Self.today)
        #expect(counts["370100"]?[Period("2026-10")!]?.revisedLate == 1)
        #expect(
            DiligenceRules.months(figures: [Self.figure("2026-09", due: due, first: nil)], tasks: [], facts: [], units: ["370200"], today: Self.today)
                .isEmpty)
    }

    @Test func aTaskOwesAReportEachMonthFromItsListingToItsDeadlineUntilDone() {
        let task = WorkTask(
            year: 2026, number: "1", position: 1, title: "t", article: 1, leadUnits: ["370100", "370200"], supportUnits: ["370300"],
            due: Day(year: 2026, month: 6, day: 30), dueText: "2026年6月底")
        let listed = Day(year: 2026, month: 3, day: 20)
        func fact(_ unit: String, _ month: String, _ state: ProgressState, _ status: TaskStatus, first: String?, evidence: Int = 0) -> ProgressFact {
            ProgressFact(
                taskID: task.id, unitCode: unit, period: Period(month)!, state: state, status: status, firstSubmittedAt: first, evidence: evidence)
        }
        let facts = [
            fact("370100", "2026-03", .approved, .onSchedule, first: "2026-04-05T10:00:00.000Z", evidence: 2),
            fact("370100", "2026-04", .returned, .onSchedule, first: "2026-05-03T10:00:00.000Z"),
            fact("370100", "2026-05", .submitted, .done, first: "2026-06-08T10:00:00.000Z", evidence: 1),
            fact("370200", "2026-04", .draft, .done, first: nil),
        ]
        let done = DiligenceRules.doneIn(facts)
        #expect(done == ["\(task.id)|370100": Period("2026-05")!], "a draft saying done does not end the reports")
        #expect(
            DiligenceRules.owedMonths(task: task, listedOn: listed, doneIn: done["\(task.id)|370100"]).map(\.description) == [
                "2026-03", "2026-04", "2026-05",
            ])
        #expect(
            DiligenceRules.owedMonths(task: task, listedOn: listed, doneIn: nil).map(\.description) == ["2026-03", "2026-04", "2026-05", "2026-06"])
        #expect(DiligenceRules.owedMonths(task: task, listedOn: Day(year: 2026, month: 7, day: 1), doneIn: nil).isEmpty)
        #expect(DiligenceRules.progressDue(Period("2026-12")!, dueDay: 5) == Day(year: 2027, month: 1, day: 5))

        let counts = DiligenceRules.months(
            figures: [], tasks: [(task, listed)], facts: facts, units: nil, today: Day(year: 2026, month: 7, day: 10), progressDueDay: 5)
        let jinan = counts["370100"] ?? [:]
        #expect(Set(jinan.keys).map(\.description).sorted() == ["2026-04", "2026-05", "2026-06"])
        let april = jinan[Period("2026-04")!]!
        #expect((april.due, april.onTime, april.present, april.reports, april.withEvidence) == (1, 1, 1, 1, 1))
        let may = jinan[Period("2026-05")!]!
        #expect((may.due, may.onTime, may.present, may.reports) == (1, 1, 0, 0), "submitted on time, then returned: on time, not there")
        let june = jinan[Period("2026-06")!]!
        #expect((june.due, june.onTime, june.present, june.withEvidence) == (1, 0, 1, 1), "due on 5 June, sent on the 8th")
        #expect(counts["370200"]?.values.reduce(0) { $0 + $1.due } == 4 && counts["370300"] == nil, "lead units report, cooperating ones do not")
        #expect(counts["370200"]?[Period("2026-07")!]?.present == 0)
        // A done report outside the facts read (an earlier month) still ends the reports.
        let later = DiligenceRules.months(
            figures: [], tasks: [(task, listed)], facts: [], done: ["\(task.id)|370200": Period("2026-03")!], units: ["370200"],
            today: Day(year: 2026, month: 7, day: 10))
        #expect(later["370200"]?.values.reduce(0) { $0 + $1.due } == 1)
    }

    @Test func theScoreWeighsWhatCouldBeCounted() {
        #expect(DiligenceCounts().score() == nil)
        var c = DiligenceCounts()
        (c.due, c.onTime, c.expected, c.present) = (4, 3, 4, 4)
        // Only timeliness and completeness can be counted: (0.75·30 + 1·30) / 60.
        #expect(abs(c.score()! - 87.5) < 1e-9)
        (c.values, c.revisedLate, c.flagged, c.reports, c.withEvidence) = (10, 2, 5, 2, 1)
        #expect(abs(c.score()! - (0.75 * 30 + 30 + 0.8 * 15 + 0.5 * 10 + 0.5 * 15)) < 1e-9)
        #expect(c.timeliness == 0.75 && c.lateRevisionRate == 0.2 && c.outlierRate == 0.5 && c.evidenceRate == 0.5)
        let weights = DiligenceWeights(timeliness: 1, completeness: 0, revisions: 0, outliers: 0, evidence: 0)
        #expect(c.score(weights) == 75)
        #expect((c + c).due == 8 && (c + c).score() == c.score())
    }
}
