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

/// What-ifs: changed parameters apply to a copy of the scheme, and bad ones are named.
@Suite struct WhatIfTests {
    static let scheme = AssessmentScheme(
        name: "s", items: [.init(targetID: "A", points: 60), .init(targetID: "B", points: 40)], veto: true, bonusRate: 0.3, bonusCap: 0.3)

    @Test func changesApplyToACopy() {
        let changed = WhatIf(points: ["A": 50], gradeMinimums: [85, 75, 60, 0], bonusRate: 0.1, veto: false).applied(to: Self.scheme)
        #expect(changed.items.map(\.points) == [50, 40] && changed.grades.map(\.minimum) == [85, 75, 60, 0])
        #expect(
            changed.grades.map(\.nameZh) == Self.scheme.grades.map(\.nameZh) && changed.bonusRate == 0.1 && changed.bonusCap == 0.3 && !changed.veto)
        #expect(Self.scheme.veto && Self.scheme.items[0].points == 60, "the scheme itself is untouched")
        #expect(WhatIf().applied(to: Self.scheme) == Self.scheme && WhatIf().isEmpty)
    }

    @Test func badChangesAreNamed() {
        let problems = WhatIf(points: ["C": 10, "A": -1], gradeMinimums: [60, 80, 90, 0], bonusRate: 2).problems(for: Self.scheme).map(\.en)
        #expect(problems.count == 4, "\(problems)")
        #expect(problems.contains("the scheme scores no target C") && problems.contains("the points of A must be 0–100"))
        #expect(WhatIf(points: ["A": 70], veto: false).problems(for: Self.scheme).isEmpty)
    }
}
