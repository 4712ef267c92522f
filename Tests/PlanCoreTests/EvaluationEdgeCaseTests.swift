import Foundation
import PlanCore
import Testing

/// The edge cases of evaluation rules §4, §5 and §10.
@Suite struct EvaluationEdgeCaseTests {
    let floor = Fixture.target(.floor, 100, unit: "家")

    @Test func noObservationsIsNotAssessable() {
        let e = Fixture.evaluate(floor, [:], asOf: 2024)
        #expect(e.status == .notAssessable && e.likelihood == .unknown)
        #expect(e.flags == [.noBase])
        #expect(!e.explanation.notes.isEmpty)
    }

    @Test func baseMovesToTheLatestOfTheThreeYearsBefore() {
        let e = Fixture.evaluate(floor, [2018: 10, 2020: 40, 2024: 70], asOf: 2024)
        #expect(e.baseYear == 2020 && e.baseValue == 40)
        #expect(e.flags.contains(.baseShifted))
        #expect(close(e.timeElapsed, 0.8))
    }

    @Test func baseMovesToTheEarliestAfterOnlyWithALaterValue() {
        let shifted = Fixture.evaluate(floor, [2023: 50, 2024: 60], asOf: 2024)
        #expect(shifted.baseYear == 2023 && shifted.flags.contains(.baseShifted))
        #expect(close(shifted.progress, 0.2) && close(shifted.timeElapsed, 0.5))
        let single = Fixture.evaluate(floor, [2023: 50], asOf: 2024)
        #expect(single.status == .notAssessable && single.flags == [.noBase])
    }

    @Test func aStatedBaseWinsOverObservations() {
        let target = Fixture.target(.floor, 100, unit: "家", baseYear: 2022, baseValue: 20)
        let e = Fixture.evaluate(target, [2022: 50, 2024: 60], asOf: 2024)
        #expect(e.baseValue == 20)
        #expect(close(e.progress, 0.5))
    }

    @Test func lastYearsValueIsCarriedForwardOnce() {
        let lagged = Fixture.evaluate(floor, [2022: 40, 2023: 60], asOf: 2024)
        #expect(lagged.flags.contains(.lagged))
        #expect(lagged.latestPeriod == Period(year: 2023))
        #expect(close(lagged.timeElapsed, 2.0 / 3))
        let stale = Fixture.evaluate(floor, [2022: 40, 2023: 60], asOf: 2025)
        #expect(stale.status == .notAssessable && stale.flags == [.stale])
    }

    @Test func observationsAfterTheEvaluationYearAreIgnored() {
        let e = Fixture.evaluate(floor, [2022: 40, 2023: 60, 2024: 200], asOf: 2023)
        #expect(e.latestValue == 60 && e.status != .achieved)
        let late = Fixture.evaluate(floor, [2022: 40, 2023: 60, 2026: 200], asOf: 2030)
        #expect(late.status == .notAssessable && late.flags == [.stale])
    }

    @Test func noLaterObservation() {
        let e = Fixture.evaluate(floor, [2022: 40], asOf: 2023)
        #expect(e.status == .notAssessable && e.flags == [.noLaterObservation])
    }

    @Test func baseBeyondTheTargetIsJudgedByAttainment() {
        let held = Fixture.evaluate(floor, [2022: 120, 2024: 110], asOf: 2024)
        #expect(held.status == .achieved && held.flags.contains(.maintain))
        #expect(held.progress == nil && held.paceRatio == nil && held.trajectoryGapInTargetUnits == nil)
        let slipped = Fixture.evaluate(floor, [2022: 120, 2024: 95], asOf: 2024)
        #expect(slipped.status == .slipped && slipped.flags.contains(.maintain))
    }

    @Test func aMetBaseThatSlippedIsNotMovingAwayEvenWhenTheLastStepRose() {
        // C05-2's shape: the base was above the target, the latest is below it although it rose
        // from the year before — neither 逆向变化 nor 已达标, but 达标后回落.
        let target = Fixture.target(.floor, 72.5, unit: "%")
        let e = Fixture.evaluate(target, [2022: 73.0, 2023: 69.3, 2024: 72.2], asOf: 2024)
        #expect(e.status == .slipped)
        #expect(EvaluationStatus.slipped.favourability < EvaluationStatus.seriouslyBehind.favourability)
        #expect(EvaluationStatus.slipped.favourability > EvaluationStatus.movingAway.favourability)
    }

    @Test func metNowButTrendingToMissIsCompliantAtRiskNotAchievedBesideUnlikely() {
        let later = Fixture.target(.floor, 100, unit: "家", deadline: .year(2030))
        let falling = Fixture.evaluate(later, [2022: 99, 2023: 160, 2024: 130, 2025: 101], asOf: 2025)
        #expect(falling.status == .compliantAtRisk)
        #expect([Likelihood.atRisk, .unlikely, .movingAway].contains(falling.likelihood))
        let steady = Fixture.evaluate(floor, [2022: 40, 2023: 90, 2024: 110], asOf: 2024)
        #expect(steady.status == .achieved && steady.likelihood == .likely)
    }

    @Test func afterTheDeadlineTheOutlookHasEnded() {
        let done = Fixture.evaluate(floor, [2022: 40, 2024: 90, 2025: 105], asOf: 2025)
        #expect(done.status == .achieved && done.likelihood == .ended)
        let missed = Fixture.evaluate(floor, [2022: 40, 2024: 60, 2025: 70], asOf: 2026)
        #expect(missed.status != .achieved && missed.likelihood == .ended)
        // With only the year before the deadline in, the deadline has not been judged yet.
        let lagged = Fixture.evaluate(floor, [2022: 40, 2023: 70, 2024: 90], asOf: 2025)
        #expect(lagged.likelihood != .ended && lagged.likelihood != .unknown)
    }

    @Test func ceilingMetNowButProjectedToBreach() {
        let cap = Fixture.target(.ceiling, 100, unit: "万吨", direction: .lower)
        let e = Fixture.evaluate(cap, [2022: 80, 2023: 90, 2024: 98], asOf: 2024)
        #expect(e.status == .compliantAtRisk)
        #expect(e.projection! > 100)
    }

    @Test func ceilingWhoseBaseIsAboveTheCapIsADecrease() {
        let cap = Fixture.target(.ceiling, 100, unit: "万吨", direction: .lower)
        let e = Fixture.evaluate(cap, [2022: 130, 2024: 115], asOf: 2024)
        #expect(close(e.progress, 0.5))
        #expect(close(e.paceRatio, 0.75))
        #expect(e.status == .behind)
    }

    @Test func paceThresholdsAreInclusiveWithinRoundingError() {
        // P/τ = 0.95 exactly, computed through floating point.
        let target = Fixture.target(.floor, 2, unit: "家", baseYear: 2020)
        let e = Fixture.evaluate(target, [2020: 1, 2023: 1.57], asOf: 2023)
        #expect(close(e.paceRatio, 0.95, 9))
        #expect(e.status == .onTrack)
        #expect(EvaluationStatus.forPace(0.9499999999999998) == .onTrack)
        #expect(EvaluationStatus.forPace(0.5999999999999999) == .behind)
        #expect(EvaluationStatus.forPace(-0.0) == .seriouslyBehind)
        #expect(EvaluationStatus.forPace(-0.01) == .movingAway)
    }

    @Test func movingAwayFromTheTarget() {
        let e = Fixture.evaluate(floor, [2022: 50, 2023: 45, 2024: 40], asOf: 2024)
        #expect(e.status == .movingAway && e.paceRatio! < 0)
        #expect(e.likelihood == .movingAway)
    }

    @Test func bandInsideOutsideAndMaintain() {
        let band = Fixture.target(.about, 0.4, unit: "比值", direction: .band, tolerance: 0.02)
        #expect(Fixture.evaluate(band, [2022: 0.5, 2024: 0.41], asOf: 2024).status == .compliantAtRisk)
        #expect(Fixture.evaluate(band, [2022: 0.43, 2023: 0.40, 2024: 0.41], asOf: 2024).status == .achieved)
        let above = Fixture.evaluate(band, [2022: 0.5, 2024: 0.46], asOf: 2024)
        #expect(close(above.targetLevel, 0.42) && above.direction == .lower)
        #expect(close(above.progress, 0.5))
        let slipped = Fixture.evaluate(band, [2022: 0.4, 2024: 0.45], asOf: 2024)
        #expect(slipped.status == .slipped && slipped.flags.contains(.maintain))
    }

    @Test func aboutWithLowerIsBetterIsACeilingAtTheUpperEdge() {
        let target = Fixture.target(.about, 5.5, direction: .lower, tolerance: 0.275)
        let e = Fixture.evaluate(target, [2022: 5.6, 2024: 5.7], asOf: 2024)
        #expect(close(e.targetLevel, 5.775))
        #expect(e.status == .achieved)
    }

    @Test func rangesJudgeTheLessDemandingEnd() {
        let pp = Fixture.target(.ppChange, -2, valueHigh: -3, unit: "个百分点", direction: .lower)
        let e = Fixture.evaluate(pp, [2022: 14.7, 2024: 13.9], asOf: 2024)
        #expect(close(e.targetLevel, 12.7) && close(e.stretchLevel ?? 0, 11.7))
        let reach = Fixture.target(.reach, 3, valueHigh: 5, unit: "个")
        #expect(Fixture.evaluate(reach, [2022: 0, 2024: 3], asOf: 2024).status == .achieved)
    }

    @Test func multipleDoublesTheBase() {
        let target = Fixture.target(.multiple, 2, unit: "倍", baseYear: 2020)
        let e = Fixture.evaluate(target, [2020: 6, 2022: 8], asOf: 2022)
        #expect(close(e.targetLevel, 12))
        #expect(close(e.progress, 1.0 / 3))
    }

    @Test func annualGrowthIsJudgedOnTheRate() {
        let target = Fixture.target(.annualGrowth, 10, direction: .higher)
        let met = Fixture.evaluate(target, [2022: 100, 2024: 121], asOf: 2024)
        #expect(met.status == .achieved)
        #expect(close(met.progress, 1) && close(met.paceRatio, 1))
        #expect(close(met.targetLevel, 133.1))
        let slow = Fixture.evaluate(target, [2022: 100, 2024: 110.25], asOf: 2024)
        #expect(close(slow.progress, 0.5) && slow.status == .seriouslyBehind)
    }

    @Test func multiplicativeFallsBackToAdditiveOnNonPositiveValues() {
        let target = Fixture.target(.reach, 10, form: .multiplicative)
        let e = Fixture.evaluate(target, [2022: 0, 2024: 5], asOf: 2024)
        #expect(e.flags.contains(.formFallback))
        #expect(close(e.progress, 0.5) && close(e.paceRatio, 0.75))
    }

    @Test func reachWithNoDirectionAndTargetAtBaseIsNotAssessable() {
        let target = Fixture.target(.reach, 10, direction: .band)
        let e = Fixture.evaluate(target, [2022: 10, 2024: 12], asOf: 2024)
        #expect(e.status == .notAssessable && e.flags == [.noDirection])
    }

    @Test func eliminationCoverage() {
        let target = Fixture.target(.coverage, 0, unit: "个", direction: .band)
        let e = Fixture.evaluate(target, [2022: 40, 2024: 10], asOf: 2024)
        #expect(e.direction == .lower && close(e.progress, 0.75))
        #expect(Fixture.evaluate(target, [2022: 40, 2024: 0], asOf: 2024).status == .achieved)
    }

    @Test func annualCountsAreJudgedYearByYear() {
        let target = Fixture.target(.annualCount, 100, unit: "项", deadline: .annual)
        let e = Fixture.evaluate(target, [2023: 90, 2024: 80], asOf: 2024)
        #expect(e.latestValue == 80 && close(e.progress, 0.8) && close(e.paceRatio, 0.8))
        #expect(e.timeElapsed == 1 && e.status == .behind)
        #expect(e.pointsUsed == 2)
        #expect(Fixture.evaluate(target, [2023: 90, 2024: 120], asOf: 2024).status == .achieved)
        let missing = Fixture.evaluate(target, [2023: 90], asOf: 2024)
        #expect(missing.status == .notAssessable && missing.flags == [.noFlowInYear])
    }

    @Test func cumulativeTotalsSumFlowsAndNeverImpute() {
        let target = Fixture.target(.cumulative, 1000, unit: "万千瓦", deadline: .window(from: 2021, to: 2025))
        let e = Fixture.evaluate(target, [2021: 150, 2022: 200, 2023: 250], asOf: 2023)
        #expect(e.latestValue == 600 && e.baseYear == 2020 && e.baseValue == 0)
        #expect(close(e.progress, 0.6) && close(e.timeElapsed, 0.6) && close(e.paceRatio, 1))
        #expect(close(e.trajectoryValue, 600) && e.status == .onTrack)
        #expect(e.pointsUsed == 4)
        let gap = Fixture.evaluate(target, [2021: 150, 2023: 250], asOf: 2023)
        #expect(gap.status == .notAssessable && gap.flags == [.gapInFlows])
        let early = Fixture.evaluate(target, [2021: 150], asOf: 2020)
        #expect(early.flags == [.notStarted])
    }

    @Test func estimatesAreFlagged() {
        var observations = Fixture.series([2022: 40])
        observations.append(
            Observation(
                indicatorKey: "x", regionCode: "370000", period: Period(year: 2024), value: 60,
                provenance: Provenance(qualifier: "estimate|预计")))
        let e = TargetEvaluator().evaluate(floor, regionCode: "370000", observations: observations, asOf: 2024)
        #expect(e.flags.contains(.estimate))
    }

    @Test func yearEndValuesStandInForMissingYears() {
        let observations = [
            Observation(indicatorKey: "x", regionCode: "370000", period: Period(year: 2022), value: 40),
            Observation(indicatorKey: "x", regionCode: "370000", period: Period(year: 2024, span: .month(6)), value: 99),
            Observation(indicatorKey: "x", regionCode: "370000", period: Period(year: 2024, span: .month(12)), value: 70),
        ]
        let e = TargetEvaluator().evaluate(floor, regionCode: "370000", observations: observations, asOf: 2024)
        #expect(e.latestValue == 70)
        #expect(e.latestPeriod == Period(year: 2024, span: .month(12)))
    }

    @Test func theilSenDisagreementShowsTheLessFavourableLabel() {
        // One late jump: OLS follows it (projection 32, G = 0.09, at risk), the median slope
        // does not (projection 26, G = 2.8, unlikely).
        let target = Fixture.target(.floor, 32.2, unit: "家", baseYear: 2019)
        let e = Fixture.evaluate(target, [2019: 10, 2020: 11, 2021: 12, 2022: 13, 2023: 30], asOf: 2023)
        #expect(close(e.projection, 32))
        #expect(e.flags.contains(.trendDisagreement))
        #expect(e.likelihood == .unlikely)
        #expect(e.pointsUsed == 5 && e.confidence == .moderate)
    }

    @Test func unitFactorConvertsStatedLevels() {
        let target = Fixture.target(.floor, 1, unit: "亿千瓦")
        let e = Fixture.evaluate(target, [2022: 5000, 2024: 7500], asOf: 2024, factor: 10_000)
        #expect(e.targetLevel == 10_000 && close(e.progress, 0.5))
    }

    @Test func cumulativeWithAStatedBaseYearSumsFromTheYearAfter() {
        let target = Fixture.target(.cumulative, 100, unit: "项", baseYear: 2020, deadline: .window(from: 2021, to: 2025))
        let e = Fixture.evaluate(target, [2021: 20, 2022: 20, 2023: 20, 2024: 20], asOf: 2024)
        #expect(close(e.progress, 0.8) && close(e.timeElapsed, 0.8) && e.status == .onTrack)
        let byYear = Fixture.target(.cumulative, 100, unit: "项", baseYear: 2020, deadline: .year(2025))
        let f = Fixture.evaluate(byYear, [2021: 20, 2022: 20, 2023: 20, 2024: 20], asOf: 2024)
        #expect(f.baseYear == 2020 && close(f.progress, 0.8) && close(f.paceRatio, 1))
    }

    @Test func insideABandNoTrendIsTheWrongWay() {
        let band = Fixture.target(.about, 13, direction: .band, tolerance: 0.5)
        let e = Fixture.evaluate(band, [2022: 13.0, 2023: 13.2, 2024: 13.4], asOf: 2024)
        #expect(e.status == .compliantAtRisk)
        #expect(e.likelihood == .unlikely)
    }
}
