import Foundation
import PlanCore
import Testing

/// Rounds' steps and the ranking's rank bands.
@Suite struct AssessmentRoundTests {
    static func round(_ state: RoundState) -> AssessmentRound {
        AssessmentRound(
            id: "2024-1", year: 2024, schemeID: "s", schemeVersion: 1, cutoff: Day(year: 2025, month: 3, day: 31), state: state, createdBy: "o",
            createdAt: "t")
    }

    @Test func aRoundFreezesThenPublishesAndThenNeverChanges() {
        #expect(throws: Never.self) { try RoundWorkflow.freeze(Self.round(.open), reason: "") }
        #expect(throws: RoundError.self, "again only with a reason") { try RoundWorkflow.freeze(Self.round(.frozen), reason: "") }
        #expect(throws: Never.self) { try RoundWorkflow.freeze(Self.round(.frozen), reason: "修订数据") }
        #expect(throws: RoundError.self) { try RoundWorkflow.freeze(Self.round(.published), reason: "x") }
        #expect(throws: RoundError.self) { try RoundWorkflow.publish(Self.round(.open)) }
        #expect(throws: Never.self) { try RoundWorkflow.publish(Self.round(.frozen)) }
        #expect(throws: RoundError.self) { try RoundWorkflow.publish(Self.round(.published)) }
    }

    static func result(_ unit: String, _ factors: [Double], qualitative: Double = 0) -> AssessmentResult {
        let lines = factors.enumerated().map { i, f in
            AssessmentResult.Line(
                targetID: "T\(i)", points: 25, completion: f, milestone: nil, factor: f, earned: 25 * f, reason: "", vetoes: false)
        }
        let quantitative = lines.reduce(0) { $0 + $1.earned }
        let grade = AssessmentScheme.standardGrades[0]
        return AssessmentResult(
            unit: unit, year: 2024, lines: lines, quantitative: quantitative, qualitative: qualitative, total: quantitative + qualitative,
            scoreGrade: grade, grade: grade, vetoReasons: [])
    }

    @Test func ranksShareTiesAndBandsShowWhatTheWeightsDecide() {
        #expect(AssessmentRanking.competitionRanks([90, 80, 90, 70]) == [1, 3, 1, 4])
        let results = [
            Self.result("a", [1, 1, 1, 1]),  // best whatever the weights
            Self.result("b", [1, 0.6, 1, 0.6]),  // b and c trade places with the weights
            Self.result("c", [0.6, 1, 0.6, 1]),
            Self.result("d", [0, 0, 0, 0.5]),  // last whatever the weights
        ]
        let ranking = AssessmentRanking.rank(results, draws: 500, seed: 7)
        #expect(ranking == AssessmentRanking.rank(results, draws: 500, seed: 7), "seeded: the same bands every time")
        let by = Dictionary(uniqueKeysWithValues: ranking.map { ($0.unit, $0) })
        #expect(by["a"]?.rank == 1 && by["a"]?.rankP5 == 1 && by["a"]?.rankP95 == 1)
        #expect(by["d"]?.rank == 4 && by["d"]?.rankP5 == 4)
        #expect(by["b"]?.rank == 2 && by["c"]?.rank == 2, "equal totals share the rank")
        #expect(by["b"]!.rankP5 == 2 && by["b"]!.rankP95 == 3, "b is second or third depending on the weights")
        #expect(AssessmentRanking.notMeaningful(by["b"]!, by["c"]!) && !AssessmentRanking.notMeaningful(by["a"]!, by["d"]!))
    }
}
