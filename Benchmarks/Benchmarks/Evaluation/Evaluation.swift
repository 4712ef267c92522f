import Benchmark
import Foundation
import PlanCatalog
import PlanCore

/// The `full` synthetic workload (every catalog target for all 153 regions, 2018–2024), built
/// once, and the same workload as the CSV text the command line reads.
struct Workload: @unchecked Sendable {
    let plan: Plan
    let rows: [(target: Target, region: String)]
    let index: ObservationIndex
    let units: [String: String]
    let targetsCSV: String
    let observationsCSV: String

    static let full: Workload = {
        let plan = try! Catalog.bundled()
        let (targets, observations) = SyntheticWorkload.generate(plan: plan, scale: .full, seed: 7)
        return Workload(
            plan: plan, rows: targets.map { ($0, $0.regionCode) }, index: ObservationIndex(observations),
            units: Dictionary(plan.indicators.map { ($0.key, $0.unit) }, uniquingKeysWith: { a, _ in a }),
            targetsCSV: DataTable.targets(targets).csv(), observationsCSV: SyntheticWorkload.observationsCSV(observations))
    }()
}

let benchmarks: @Sendable () -> Void = {
    let workload = Workload.full
    let metrics: [BenchmarkMetric] = [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident]
    Benchmark.defaultConfiguration = .init(metrics: metrics, maxDuration: .seconds(10), maxIterations: 50)

    Benchmark("Evaluate full workload (39,321 target rows)") { benchmark in
        let evaluator = PlanEvaluator(indicatorUnits: workload.units)
        benchmark.startMeasurement()
        blackHole(evaluator.evaluate(workload.rows, observations: workload.index, asOf: 2024))
    }

    Benchmark("Composite index per chapter, province, full workload") { benchmark in
        let evaluator = PlanEvaluator(indicatorUnits: workload.units)
        let province = workload.plan.targets.map { ($0, "370000") }
        benchmark.startMeasurement()
        let evaluations = evaluator.evaluate(province, observations: workload.index, asOf: 2024)
        blackHole(ProgressIndex.compute(plan: workload.plan, evaluations: evaluations))
    }

    Benchmark("City ranking with 1000 Monte Carlo draws") { benchmark in
        let cities = workload.plan.regions.filter { $0.level == .city }.map(\.code)
        benchmark.startMeasurement()
        let index = CityIndex(indicators: workload.plan.indicators, cities: cities, observations: workload.index, asOf: 2024)
        blackHole(Ranking(index: index, draws: 1000, seed: 1))
    }

    Benchmark("CSV in → CSV out, full workload") { benchmark in
        let plan = workload.plan
        benchmark.startMeasurement()
        let (targets, _) = TargetCSVFile.read(workload.targetsCSV, file: "targets.csv")
        var schema = ObservationSchema(plan: plan)
        for t in targets { schema.regions.insert(t.regionCode) }
        let (observations, _) = ObservationFile.read(workload.observationsCSV, file: "observations.csv", schema: schema)
        let evaluations = PlanEvaluator(indicatorUnits: workload.units)
            .evaluate(targets.map { ($0, $0.regionCode) }, observations: ObservationIndex(observations), asOf: 2024)
        blackHole(DataTable.evaluations(evaluations).csv())
    }

    Benchmark("Load the bundled catalog") { _ in
        blackHole(try Catalog.bundled())
    }
}
