import Foundation
import PlanCore
import Testing

/// When a unit may appeal, what a decision needs, which corrections hold for a snapshot, and that
/// pending appeals hold publication back.
@Suite struct AppealRulesTests {
    static func round(_ state: RoundState, frozenAt: String? = "2025-04-01T02:00:00.000Z") -> AssessmentRound {
        AssessmentRound(
            id: "2024-1", year: 2024, schemeID: "s", schemeVersion: 1, cutoff: Day(year: 2025, month: 3, day: 31), state: state, createdBy: "o",
            createdAt: "t",
            snapshots: frozenAt.map { [RoundSnapshot(seq: 1, dataVersion: 3, observations: 10, frozenBy: "o", frozenAt: $0, reason: "")] } ?? [])
    }

    static func appeal(
        _ seq: Int, state: AppealState = .pending, unit: String = "370100", target: String = "C02-2", snapshot: Int = 1, value: Double? = nil
    )
        -> Appeal
    {
        Appeal(
            roundID: "2024-1", seq: seq, unit: unit, targetID: target, snapshotSeq: snapshot, reason: "数据有误", state: state, filedBy: "jn",
            filedAt: "t", correctedValue: value)
    }

    static let day = Day(year: 2025, month: 4, day: 10)

    @Test func aUnitAppealsAFrozenRoundWithinTheWindowOnceALine() {
        let frozen = Self.round(.frozen)
        #expect(AppealRules.window(frozen) == Day(year: 2025, month: 4, day: 1)...Day(year: 2025, month: 4, day: 16))
        func file(_ round: AssessmentRound, _ appeals: [Appeal] = [], target: String = "C02-2", reason: String = "数据有误", today: Day = Self.day)
            throws(RoundError)
        {
            try AppealRules.file(
                round: round, appeals: appeals, unit: "370100", targetID: target, scored: ["C02-2", "A070-1"], reason: reason, today: today)
        }
        #expect(throws: Never.self) { try file(frozen) }
        #expect(throws: RoundError.self, "not frozen yet") { try file(Self.round(.open, frozenAt: nil)) }
        #expect(throws: RoundError.self, "published") { try file(Self.round(.published)) }
        #expect(throws: RoundError.self, "after the window") { try file(frozen, today: Day(year: 2025, month: 4, day: 17)) }
        #expect(throws: RoundError.self, "a target the scheme does not score") { try file(frozen, target: "NOPE") }
        #expect(throws: RoundError.self, "no reason") { try file(frozen, reason: "  ") }
        #expect(throws: RoundError.self, "a pending appeal on the line") { try file(frozen, [Self.appeal(1)]) }
        #expect(throws: Never.self, "a decided one does not block") { try file(frozen, [Self.appeal(1, state: .rejected)]) }
        #expect(throws: Never.self, "another line") { try file(frozen, [Self.appeal(1)], target: "A070-1") }
    }

    @Test func theOfficeDecidesOnceWithAReasonAndAcceptsWithAValue() {
        let frozen = Self.round(.frozen)
        #expect(throws: Never.self) { try AppealRules.decide(Self.appeal(1), round: frozen, accept: true, correctedValue: 41.2, reason: "核实无误") }
        #expect(throws: Never.self) { try AppealRules.decide(Self.appeal(1), round: frozen, accept: false, correctedValue: nil, reason: "证据不足") }
        #expect(throws: RoundError.self) { try AppealRules.decide(Self.appeal(1), round: frozen, accept: true, correctedValue: nil, reason: "x") }
        #expect(throws: RoundError.self) { try AppealRules.decide(Self.appeal(1), round: frozen, accept: true, correctedValue: .nan, reason: "x") }
        #expect(throws: RoundError.self) { try AppealRules.decide(Self.appeal(1), round: frozen, accept: false, correctedValue: nil, reason: "") }
        #expect(throws: RoundError.self) {
            try AppealRules.decide(Self.appeal(1, state: .accepted), round: frozen, accept: false, correctedValue: nil, reason: "x")
        }
        #expect(throws: RoundError.self) {
            try AppealRules.decide(Self.appeal(1), round: Self.round(.published), accept: false, correctedValue: nil, reason: "x")
        }
        #expect(throws: RoundError.self, "pending appeals hold publication back") { try RoundWorkflow.publish(frozen, pendingAppeals: 1) }
        #expect(throws: Never.self) { try RoundWorkflow.publish(frozen, pendingAppeals: 0) }
    }

    @Test func correctionsHoldFromTheirSnapshotOnTheLatestDecisionWinning() {
        let appeals = [
            Self.appeal(1, state: .accepted, value: 40), Self.appeal(2, state: .rejected), Self.appeal(3, state: .accepted, value: 42),
            Self.appeal(4, state: .accepted, target: "A070-1", snapshot: 2, value: 7), Self.appeal(5, state: .pending),
        ]
        #expect(AppealRules.corrections(appeals, snapshot: 1).map(\.seq) == [3])
        #expect(AppealRules.corrections(appeals, snapshot: 2).map(\.seq) == [3, 4])
    }

    @Test func qualitativePointsNeedAFrozenRoundAKnownItemAPointsRangeAndAReason() {
        let items = [AssessmentScheme.QualitativeItem(id: "tasks", name: "重点任务", maximum: 5)]
        func score(_ points: Double, item: String = "tasks", reason: String = "按期完成") -> QualitativeScore {
            QualitativeScore(roundID: "2024-1", unit: "370100", item: item, points: points, reason: reason)
        }
        #expect(throws: Never.self) { try QualitativeRules.check(score(5), round: Self.round(.frozen), items: items) }
        #expect(throws: Never.self) { try QualitativeRules.check(score(0), round: Self.round(.frozen), items: items) }
        #expect(throws: RoundError.self) { try QualitativeRules.check(score(5.5), round: Self.round(.frozen), items: items) }
        #expect(throws: RoundError.self) { try QualitativeRules.check(score(-1), round: Self.round(.frozen), items: items) }
        #expect(throws: RoundError.self) { try QualitativeRules.check(score(.nan), round: Self.round(.frozen), items: items) }
        #expect(throws: RoundError.self) { try QualitativeRules.check(score(3, item: "nope"), round: Self.round(.frozen), items: items) }
        #expect(throws: RoundError.self) { try QualitativeRules.check(score(3, reason: " "), round: Self.round(.frozen), items: items) }
        #expect(throws: RoundError.self) { try QualitativeRules.check(score(3), round: Self.round(.open, frozenAt: nil), items: items) }
        #expect(throws: RoundError.self) { try QualitativeRules.check(score(3), round: Self.round(.published), items: items) }
        // Entered points add to the scheme's own; an item the scheme no longer has counts nothing.
        let scheme = AssessmentScheme(name: "s", items: [], qualitative: ["370100": 2], qualitativeItems: items)
        let applied = QualitativeRules.applied(
            [score(4), score(3, item: "gone"), QualitativeScore(roundID: "2024-1", unit: "370200", item: "tasks", points: 1, reason: "x")], to: scheme
        )
        #expect(applied.qualitative == ["370100": 6, "370200": 1])
    }
}
