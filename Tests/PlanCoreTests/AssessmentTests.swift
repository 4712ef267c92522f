import Foundation
import Testing

@testable import PlanCore

/// Annual assessment (evaluation rules §8), with the worked examples' milestones.
@Suite struct AssessmentTests {
    private func assess(_ target: Target, _ values: [Int: Double], year: Int, points: Double = 100, milestones: [Int: Double] = [:])
        -> AssessmentResult
    {
        let scheme = AssessmentScheme(name: "test", items: [.init(targetID: target.id, points: points, milestones: milestones)])
        let e = Fixture.evaluate(target, values, asOf: year)
        return Assessor.score(scheme: scheme, targets: [target.id: target], evaluations: [target.id: e], unit: "370000", year: year)
    }

    /// (c) milestone y*_2022 = 27.979, Q = 1.1876, factor 1.056 if expected, 1.0 if binding.
    @Test func relativeChangeWithBonus() throws {
        let expected = Fixture.target(.relativeChange, -16, baseYear: 2020, direction: .lower)
        let r = assess(expected, [2020: 30.0, 2022: 27.6], year: 2022)
        let line = try #require(r.lines.first)
        #expect(close(line.milestone, 27.979))
        #expect(close(line.completion, 1.1876, 4))
        #expect(close(line.factor, 1.056))
        #expect(close(r.total, 105.6, 1))
        let binding = Fixture.target(.relativeChange, -16, baseYear: 2020, direction: .lower, binding: true)
        let b = assess(binding, [2020: 30.0, 2022: 27.6], year: 2022)
        #expect(b.lines.first?.factor == 1 && b.vetoReasons.isEmpty)
    }

    /// (d) 2023 milestone 24, Q = 0.667.
    @Test func countBelowMilestone() throws {
        let target = Fixture.target(.floor, 30, unit: "家", baseYear: 2020)
        let r = assess(target, [2020: 15, 2023: 21], year: 2023, points: 10)
        let line = try #require(r.lines.first)
        #expect(close(line.milestone, 24) && close(line.completion, 0.667) && close(line.factor, 0.667))
        #expect(close(r.total, 6.667))
        #expect(r.grade.nameZh == "不合格")
    }

    @Test func officialMilestonesReplaceTheTrajectory() throws {
        let target = Fixture.target(.floor, 30, unit: "家", baseYear: 2020)
        let r = assess(target, [2020: 15, 2023: 21], year: 2023, milestones: [2023: 21])
        #expect(r.lines.first?.completion == 1 && r.lines.first?.milestone == 21)
    }

    /// (e) a band "13%左右" ±0.5: 12.4 → 90, 13.0 → 100, 13.8 → 70, 14.6 → 0.
    @Test(arguments: [(12.4, 0.9), (13.0, 1.0), (13.8, 0.7), (14.6, 0.0)])
    func bandScores(latest: Double, completion: Double) throws {
        let target = Fixture.target(.about, 13, direction: .band, tolerance: 0.5)
        let r = assess(target, [2022: 12, 2024: latest], year: 2024)
        #expect(close(r.lines.first?.completion, completion, 9))
    }

    @Test func scoreFactorSteps() {
        let target = Fixture.target(.floor, 200, unit: "家")
        // y* for 2024 from 100 toward 200 is 166.67; Q = (y − 100)/66.67.
        #expect(close(assess(target, [2022: 100, 2024: 130], year: 2024).lines[0].factor, 0))  // Q = 0.45
        #expect(close(assess(target, [2022: 100, 2024: 140], year: 2024).lines[0].factor, 0.6))
        #expect(close(assess(target, [2022: 100, 2024: 200], year: 2024).lines[0].factor, 1.09))  // capped at +0.3·0.3
    }

    @Test func ceilingsScoreOneWhenCompliantWithoutBonus() {
        let cap = Fixture.target(.ceiling, 241.1, unit: "亿立方米", baseYear: 2020, direction: .lower, form: .multiplicative, binding: true)
        let r = assess(cap, [2020: 205, 2022: 210], year: 2022)
        #expect(r.lines[0].completion == 1 && r.lines[0].factor == 1 && r.vetoReasons.isEmpty)
    }

    @Test func aMissedBindingTargetVetoesTheGrade() {
        let binding = Fixture.target(.floor, 72.5, baseYear: 2022, binding: true, id: "AIR")
        let other = Fixture.target(.floor, 50, unit: "家", id: "LABS")
        let scheme = AssessmentScheme(name: "s", items: [.init(targetID: "AIR", points: 10), .init(targetID: "LABS", points: 90)])
        let evaluations = [
            "AIR": Fixture.evaluate(binding, [2022: 70, 2024: 71], asOf: 2024),
            "LABS": Fixture.evaluate(other, [2022: 10, 2024: 60], asOf: 2024),
        ]
        let r = Assessor.score(scheme: scheme, targets: ["AIR": binding, "LABS": other], evaluations: evaluations, unit: "370000", year: 2024)
        #expect(r.total >= 90)
        #expect(r.scoreGrade.nameZh == "优秀")
        #expect(r.grade.nameZh == "不合格")
        #expect(r.vetoReasons == ["AIR"])
    }

    @Test func aBindingCeilingNotCompliedWithVetoesWhateverItsPace() {
        let cap = Fixture.target(.ceiling, 100, unit: "万吨", direction: .lower, binding: true)
        let r = assess(cap, [2022: 120, 2024: 104], year: 2024)
        #expect(close(r.lines[0].completion, 1.2))
        #expect(r.vetoReasons == ["T1"] && r.grade.nameZh == "不合格")
    }

    @Test func notAssessableEarnsNothingAndNeverVetoes() {
        let binding = Fixture.target(.floor, 72.5, binding: true)
        let r = assess(binding, [:], year: 2024)
        #expect(r.total == 0 && r.vetoReasons.isEmpty && r.lines[0].completion == nil)
    }

    @Test func rankVariant() {
        func result(_ unit: String, _ total: Double) -> AssessmentResult {
            AssessmentResult(
                unit: unit, year: 2024, lines: [], quantitative: total, qualitative: 0, total: total,
                scoreGrade: AssessmentScheme.standardGrades[0], grade: AssessmentScheme.standardGrades[0], vetoReasons: [])
        }
        let p = Assessor.rankPercentages([result("a", 90), result("b", 80), result("c", 80), result("d", 70)])
        #expect(p == ["a": 100, "b": 95, "c": 95, "d": 85])
    }

    /// Over many random schemes and series: with the veto on, a unit that missed a binding target
    /// never gets a grade above the lowest, however high its score; with it off, the grade is the
    /// score's.
    @Test(arguments: [11, 12, 13, 14]) func aVetoedUnitNeverGetsAGradeAboveTheLowest(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        for round in 0..<200 {
            let count = Int.random(in: 1...6, using: &g)
            let targets = (0..<count).map { i in
                Fixture.target(
                    .floor, 100, baseYear: 2020, direction: .higher, binding: Bool.random(using: &g), id: "T\(round)-\(i)")
            }
            let evaluations = Dictionary(
                uniqueKeysWithValues: targets.map { t in
                    (t.id, Fixture.evaluate(t, [2020: 50, 2023: Double(Int.random(in: 30...140, using: &g))], asOf: 2023))
                })
            let points = 100 / Double(count)
            for veto in [true, false] {
                let scheme = AssessmentScheme(
                    name: "p", items: targets.map { .init(targetID: $0.id, points: points) }, veto: veto,
                    qualitative: ["370000": Double(Int.random(in: 0...20, using: &g))])
                let r = Assessor.score(
                    scheme: scheme, targets: Dictionary(uniqueKeysWithValues: targets.map { ($0.id, $0) }), evaluations: evaluations,
                    unit: "370000", year: 2023)
                let missed = r.lines.contains { $0.vetoes }
                if veto && missed {
                    #expect(r.grade == scheme.grades.last && !r.vetoReasons.isEmpty, "vetoed: \(r.total) \(r.grade.nameZh)")
                } else {
                    #expect(r.grade == r.scoreGrade && (veto || r.vetoReasons.isEmpty))
                }
            }
        }
    }
}
