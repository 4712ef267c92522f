import PlanCore
import Testing

@Suite struct CodesTests {
    @Test(arguments: ["2025", "2021-2025", "annual", "2024"])
    func deadlineCodesRoundTrip(code: String) throws {
        #expect(try #require(Deadline(code: code)).code == code)
    }

    @Test(arguments: ["", "2025-2021", "2025-2025", "yearly", "25", "2021-2023-2025"])
    func rejectsBadDeadlines(code: String) {
        #expect(Deadline(code: code) == nil)
    }

    @Test func deadlineFinalYear() {
        #expect(Deadline.window(from: 2021, to: 2025).finalYear(planEnd: 2030) == 2025)
        #expect(Deadline.annual.finalYear(planEnd: 2025) == 2025)
    }

    @Test func targetSources() {
        #expect(TargetSource(code: "3") == .article(3))
        #expect(TargetSource(code: "ch2-intro") == .chapterIntroduction(2))
        #expect(TargetSource.chapterIntroduction(11).code == "ch11-intro")
        #expect(TargetSource(code: "0") == nil)
        #expect(TargetSource(code: "ch-intro") == nil)
        #expect(TargetSource(code: "intro") == nil)
    }

    @Test func kindsUseTheSnakeCaseNamesOfTheEvaluationRules() {
        #expect(
            TargetKind.allCases.map(\.code) == [
                "floor", "ceiling", "reach", "about", "relative_change", "multiple", "pp_change", "annual_growth",
                "annual_count", "cumulative", "coverage",
            ])
        #expect(TargetKind.relativeChange.defaultForm == .multiplicative)
        #expect(TargetKind.annualGrowth.defaultForm == .multiplicative)
        #expect(TargetKind.floor.defaultForm == .additive)
    }

    @Test(arguments: [(1, "一"), (5, "五"), (10, "十"), (11, "十一"), (12, "十二"), (20, "二十"), (34, "三十四")])
    func chineseNumerals(n: Int, text: String) {
        #expect(ChineseNumeral.string(n) == text)
    }
}
