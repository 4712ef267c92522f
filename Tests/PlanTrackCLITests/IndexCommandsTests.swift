import Foundation
import PlanCatalog
import PlanCore
import Testing

@testable import PlanTrackCLI

/// composite, ranking, assess and bench-data.
@Suite struct IndexCommandsTests {
    let plan: Plan
    let bundled: ObservationIndex

    init() throws {
        plan = try Catalog.bundled()
        bundled = ObservationIndex(try Catalog.bundledObservations())
    }

    /// A small synthetic workload for all 153 regions (deterministic).
    private func synthetic() -> ObservationIndex {
        ObservationIndex(SyntheticWorkload.generate(plan: plan, scale: .full, seed: 3).observations)
    }

    @Test func compositeListsChaptersSectionsAndOverall() throws {
        let csv = try CompositeCommand.parse(["--format", "csv"]).output(plan: plan, index: bundled)
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines.first == "region_code,chapter,section,title,targets,assessable,score")
        let sections = plan.chapters.reduce(0) { $0 + $1.sections.count }
        #expect(lines.count == 1 + 12 + sections + 1)
        // With the thin published data no chapter has two thirds of its targets assessable.
        #expect(lines.last?.hasSuffix(",257,12,") == true)
        let synthetic = try CompositeCommand.parse(["--format", "csv"]).output(plan: plan, index: synthetic())
        let overall = try #require(synthetic.split(separator: "\n").last?.split(separator: ",", omittingEmptySubsequences: false).last)
        let score = try #require(Double(overall))
        #expect(score >= 0 && score <= 100)
    }

    @Test func rankingHasSixteenCitiesWithBands() throws {
        let command = try RankingCommand.parse(["--format", "csv", "--seed", "5", "--as-of", "2024"])
        let csv = command.output(plan: plan, index: synthetic())
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines.first == "rank,region_code,name_zh,score,median_rank,rank_p5,rank_p95,indicators")
        #expect(lines.count == 17)
        #expect(csv == command.output(plan: plan, index: synthetic()))
        // The published data have city values only for Jinan and Qingdao, outside the as-of window:
        // the command says it cannot rank rather than print an empty table.
        let text = try RankingCommand.parse([]).output(plan: plan, index: bundled)
        #expect(text.hasPrefix("截至 2025 年没有可比较的城市数据"))
        let ranked = try RankingCommand.parse(["--as-of", "2024"]).output(plan: plan, index: synthetic())
        #expect(ranked.contains("济南市") && ranked.contains("1000 次蒙特卡洛抽样"))
    }

    @Test func assessTheExampleScheme() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/assessment-scheme.yaml")
        let scheme = try AssessmentSchemeFile.read(String(contentsOf: url, encoding: .utf8), file: "scheme", plan: plan)
        #expect(scheme.items.reduce(0) { $0 + $1.points } == 100)
        let command = try AssessCommand.parse(["--scheme", url.path, "--year", "2024", "--format", "csv"])
        let csv = command.output(plan: plan, scheme: scheme, index: bundled)
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "unit,year,target_id,points,completion,milestone,factor,earned,vetoes,reason,total,grade,rank_percent")
        #expect(lines.count == scheme.items.count + 1)
        let text = try AssessCommand.parse(["--scheme", url.path, "--year", "2024"]).output(plan: plan, scheme: scheme, index: bundled)
        #expect(text.contains("等次 grade"))
    }

    @Test func schemesWithProblemsAreRefused() {
        let bad = """
            name: x
            targets:
              - {target: NOPE, points: 60}
              - {target: C02-2, points: 30}
            """
        do {
            _ = try AssessmentSchemeFile.read(bad, file: "s.yaml", plan: plan)
            Issue.record("expected problems")
        } catch {
            #expect(error.problems.contains { $0.entry == "NOPE" && $0.field == "target" })
            #expect(error.problems.contains { $0.message.contains("add up to 90, not 100") })
        }
    }

    @Test func benchDataIsDeterministicAndReadable() throws {
        let a = SyntheticWorkload.generate(plan: plan, scale: .province, seed: 11)
        let b = SyntheticWorkload.generate(plan: plan, scale: .province, seed: 11)
        #expect(a.observations == b.observations && a.targets == b.targets)
        #expect(a.targets.count == plan.targets.count)
        let full = SyntheticWorkload.generate(plan: plan, scale: .full, seed: 11)
        #expect(full.targets.count == plan.targets.count * 153)
        #expect(Set(full.observations.map(\.regionCode)).count == 153)
        let csv = SyntheticWorkload.observationsCSV(a.observations)
        let (read, problems) = ObservationFile.read(csv, file: "o.csv", plan: plan)
        #expect(problems.isEmpty && read.count == a.observations.count)
        let (targets, targetProblems) = TargetCSVFile.read(DataTable.targets(a.targets).csv(), file: "t.csv")
        #expect(targetProblems.isEmpty && targets.count == a.targets.count)
        // The workload has every kind of series: ahead, behind, moving away, gaps.
        let statuses = Set(
            PlanEvaluator(indicatorUnits: Dictionary(plan.indicators.map { ($0.key, $0.unit) }, uniquingKeysWith: { a, _ in a }))
                .evaluate(full.targets.map { ($0, $0.regionCode) }, observations: ObservationIndex(full.observations), asOf: 2024)
                .map(\.status))
        #expect(statuses.isSuperset(of: [.achieved, .onTrack, .behind, .seriouslyBehind, .movingAway, .notAssessable]))
    }
}
