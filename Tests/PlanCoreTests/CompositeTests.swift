import Foundation
import PropertyBased
import Testing

@testable import PlanCore

@Suite struct ProgressIndexTests {
    private func plan(_ targets: [Target]) -> Plan {
        Plan(
            title: "t", preamble: "",
            chapters: [Chapter(number: 1, title: "c", introduction: "", sections: [Section(number: 1, title: "s")])],
            articles: [Article(number: 1, chapter: 1, section: 1, title: "a", text: "a。")], targets: targets,
            indicators: [], regions: [], regionGroups: [])
    }

    private func evaluation(_ id: String, _ status: EvaluationStatus, progress: Double? = nil) -> TargetEvaluation {
        var e = Fixture.evaluate(Fixture.target(.floor, 1, id: id), [:], asOf: 2024)
        e.status = status
        e.progress = progress
        return e
    }

    @Test func scoresClipAndCountAchievedAsFull() {
        #expect(ProgressIndex.score(evaluation("a", .achieved)) == 100)
        #expect(ProgressIndex.score(evaluation("a", .compliantAtRisk)) == 100)
        #expect(ProgressIndex.score(evaluation("a", .behind, progress: 0.42)) == 42)
        #expect(ProgressIndex.score(evaluation("a", .onTrack, progress: 1.7)) == 100)
        #expect(ProgressIndex.score(evaluation("a", .movingAway, progress: -0.3)) == 0)
        #expect(ProgressIndex.score(evaluation("a", .movingAway)) == 0)
        #expect(ProgressIndex.score(evaluation("a", .notAssessable)) == nil)
    }

    @Test func themesNeedTwoThirdsAssessable() {
        let targets = ["a", "b", "c"].map { Fixture.target(.floor, 1, id: $0) }
        let p = plan(targets)
        let two = ProgressIndex.compute(
            plan: p,
            evaluations: [
                evaluation("a", .achieved), evaluation("b", .behind, progress: 0.5), evaluation("c", .notAssessable),
            ])
        #expect(two.chapters[0].score == 75 && two.chapters[0].reported)
        #expect(two.sections[0].score == 75)
        #expect(two.overall == 75)
        let one = ProgressIndex.compute(
            plan: p,
            evaluations: [
                evaluation("a", .achieved), evaluation("b", .notAssessable), evaluation("c", .notAssessable),
            ])
        #expect(one.chapters[0].score == nil && !one.chapters[0].reported && one.overall == nil)
    }
}

@Suite struct RankingTests {
    let cities = (1...16).map { String(370000 + $0 * 100) }

    private func index(seed: UInt64, outlier: Bool = false) -> CityIndex {
        var generator = SeededGenerator(seed: seed)
        var observations: [Observation] = []
        for key in ["a", "b", "c"] {
            for (i, city) in cities.enumerated() {
                var value = 50 + 10 * generator.uniform() + Double(i)
                if outlier, key == "a", i == 0 { value = 10_000 }
                observations.append(Observation(indicatorKey: key, regionCode: city, period: Period(year: 2024), value: value))
            }
        }
        let indicators = ["a", "b", "c"].map {
            Indicator(
                key: $0, nameZh: $0, nameEn: $0, unit: "家", polarity: $0 == "c" ? .lower : .higher, form: .additive, aggregation: .sum,
                definitionZh: "", definitionEn: "")
        }
        return CityIndex(indicators: indicators, cities: cities, observations: ObservationIndex(observations), asOf: 2024)
    }

    @Test func minMaxOntoSixtyToHundredWithLowerBetterReversed() throws {
        let idx = index(seed: 1)
        let scores = idx.scores()
        #expect(scores.count == 16)
        #expect(scores.values.allSatisfy { $0 >= 60 && $0 <= 100 })
        let c = try #require(idx.columns.first { $0.indicatorKey == "c" })
        let best = try #require(c.values.min { $0.value < $1.value }?.key)
        let worst = try #require(c.values.max { $0.value < $1.value }?.key)
        let column = try #require(idx.columns.firstIndex { $0.indicatorKey == "c" })
        let table = idx.normalised(.minMax)
        #expect(table[column][best] == 100 && table[column][worst] == 60)
        let empty = CityIndex(indicators: [], cities: cities, observations: ObservationIndex([]), asOf: 2024)
        #expect(empty.columns.isEmpty)
    }

    @Test func anExtremeValueIsWinsorised() throws {
        let idx = index(seed: 1, outlier: true)
        let a = try #require(idx.columns.first { $0.indicatorKey == "a" })
        #expect(a.winsorised > 0 || a.logTransformed)
        #expect((a.values.values.max() ?? 0) < 10_000)
    }

    @Test func anIndicatorLeftConstantByWinsorisingIsDropped() {
        // 15 cities at 100 and one at 95: the 95 is winsorised to 100 and the column says nothing.
        let observations = cities.enumerated().flatMap { i, city in
            [
                Observation(indicatorKey: "flat", regionCode: city, period: Period(year: 2024), value: i == 0 ? 95 : 100),
                Observation(indicatorKey: "b", regionCode: city, period: Period(year: 2024), value: Double(i)),
            ]
        }
        let indicators = ["flat", "b"].map {
            Indicator(
                key: $0, nameZh: $0, nameEn: $0, unit: "%", polarity: .higher, form: .additive, aggregation: .mean, definitionZh: "", definitionEn: ""
            )
        }
        let idx = CityIndex(indicators: indicators, cities: cities, observations: ObservationIndex(observations), asOf: 2024)
        #expect(idx.columns.map(\.indicatorKey) == ["b"])
        #expect(idx.scores().values.allSatisfy { !$0.isNaN })
    }

    @Test func sampleSkewnessAndKurtosis() {
        // R e1071 type 2 for 1…14, 60, 60: skewness 2.29, excess kurtosis 4.20.
        let (s, k) = CityIndex.shape((1...14).map(Double.init) + [60, 60])
        #expect(close(s, 2.29, 2) && close(k, 4.20, 2))
    }

    @Test func competitionRanks() {
        #expect(CityIndex.ranks(["x": 90, "y": 80, "z": 80, "w": 70]) == ["x": 1, "y": 2, "z": 2, "w": 4])
    }

    /// The same seed gives the same Monte Carlo ranks.
    @Test func monteCarloIsReproducible() async {
        await propertyCheck(count: 5, input: Gen.int(in: 0...1_000_000)) { seed in
            let idx = index(seed: 7)
            let a = Ranking(index: idx, draws: 200, seed: UInt64(seed))
            let b = Ranking(index: idx, draws: 200, seed: UInt64(seed))
            #expect(a.entries == b.entries)
        }
    }

    @Test func rankBandsContainTheMedian() {
        let r = Ranking(index: index(seed: 3), draws: 1000, seed: 42)
        #expect(r.entries.count == 16)
        #expect(r.entries.map(\.rank) == r.entries.map(\.rank).sorted())
        for e in r.entries {
            #expect(e.rankP5 <= e.medianRank && e.medianRank <= e.rankP95)
            #expect(e.rankP5 >= 1 && e.rankP95 <= 16)
        }
    }
}
