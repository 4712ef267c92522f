import ArgumentParser
import Foundation
import PlanCatalog
import PlanCore

/// `plantrack evaluate`: status, progress, pace, projection and likelihood of every target.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate targets against observations (the bundled plan and data by default).",
        discussion: """
            --targets reads a CSV in the format of `plantrack targets --format csv`; --observations a CSV with \
            the columns indicator_key,region_code,period,value (extra columns are kept as provenance).
            CSV output columns: \(DataTable.evaluationColumns.joined(separator: ","))
            """)

    @Option(help: ArgumentHelp("A targets CSV to evaluate instead of the bundled catalog.", valueName: "file.csv"))
    var targets: String?

    @Option(name: .customLong("as-of"), help: "The year to evaluate as of (default: the latest year with data).")
    var asOf: Int?

    @Option(help: ArgumentHelp("A region code, or all (default: each target's own region).", valueName: "code|all"))
    var region: String?

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    @OptionGroup var source: CatalogOption

    @OptionGroup var data: ObservationsOption

    func run() throws {
        // The catalog, the target file and the observation file's text are independent: read side
        // by side on the processor's cores.
        let (plan, targetFile, observationText) = try Self.concurrently(
            { try source.loadPlan() },
            { try targets.map { path in TargetCSVFile.read(try InputFile.text(of: path), file: path) } },
            { try data.observations.map { try InputFile.text(of: $0) } })
        let (rows, index, warnings) = try inputs(plan: plan, targetFile: targetFile, observationText: observationText)
        InputFile.warn(warnings)
        print(output(plan: plan, rows: rows, index: index), terminator: "")
    }

    /// The (target, region) rows and the observations to evaluate, with the skipped-row reports.
    func inputs(plan: Plan) throws -> (rows: [(target: Target, region: String)], index: ObservationIndex, warnings: [String]) {
        let targetFile = try targets.map { path in TargetCSVFile.read(try InputFile.text(of: path), file: path) }
        return try inputs(plan: plan, targetFile: targetFile, observationText: try data.observations.map { try InputFile.text(of: $0) })
    }

    private func inputs(
        plan: Plan, targetFile: (targets: [Target], problems: [CatalogProblem])?, observationText: String?
    ) throws -> (rows: [(target: Target, region: String)], index: ObservationIndex, warnings: [String]) {
        var warnings: [String] = []
        var targetList = plan.targets
        if let targets, let targetFile {
            warnings += try InputFile.accept(targetFile.problems, in: targets, skipInvalid: data.skipInvalid)
            targetList = targetFile.targets
        }
        var schema = ObservationSchema(plan: plan)
        for t in targetList {
            if schema.indicatorUnits[t.indicatorKey] == nil { schema.indicatorUnits[t.indicatorKey] = "" }
            schema.regions.insert(t.regionCode)
        }
        let (observationList, skipped) = try data.load(source: source, plan: plan, schema: schema, text: observationText)
        warnings += skipped
        let index = ComputedIndicators(indicators: plan.indicators).apply(to: ObservationIndex(observationList))
        return (rows(targetList, index: index, external: targets != nil), index, warnings)
    }

    /// Runs three throwing jobs at once and returns their results, or the first job's error.
    private static func concurrently<A: Sendable, B: Sendable, C: Sendable>(
        _ a: @Sendable () throws -> A, _ b: @Sendable () throws -> B, _ c: @Sendable () throws -> C
    ) throws -> (A, B, C) {
        nonisolated(unsafe) var ra: Result<A, any Error>? = nil
        nonisolated(unsafe) var rb: Result<B, any Error>? = nil
        nonisolated(unsafe) var rc: Result<C, any Error>? = nil
        // Each job writes only its own result.
        DispatchQueue.concurrentPerform(iterations: 3) { job in
            switch job {
            case 0: ra = Result { try a() }
            case 1: rb = Result { try b() }
            default: rc = Result { try c() }
            }
        }
        return (try ra!.get(), try rb!.get(), try rc!.get())
    }

    private func rows(_ list: [Target], index: ObservationIndex, external: Bool) -> [(target: Target, region: String)] {
        switch region {
        case nil: return list.map { ($0, $0.regionCode) }
        case "all" where external: return list.map { ($0, $0.regionCode) }
        case "all":
            return list.flatMap { t in
                let regions = index.regions(for: t.indicatorKey)
                return (regions.isEmpty ? [t.regionCode] : regions).map { (t, $0) }
            }
        case let code?:
            return external ? list.filter { $0.regionCode == code }.map { ($0, code) } : list.map { ($0, code) }
        }
    }

    func output(plan: Plan, rows: [(target: Target, region: String)], index: ObservationIndex) -> String {
        let year = asOf ?? index.latestYear ?? plan.targets.map { $0.deadline.finalYear(planEnd: 2025) }.max() ?? 2025
        let units = Dictionary(plan.indicators.map { ($0.key, $0.unit) }, uniquingKeysWith: { a, _ in a })
        let evaluations = PlanEvaluator(indicatorUnits: units).evaluate(rows, observations: index, asOf: year)
        switch format {
        case .csv: return DataTable.evaluations(evaluations).csv()
        case .json: return DataTable.evaluations(evaluations).json()
        case .table: return EvaluationReport(plan: plan, evaluations: evaluations, asOf: year).text()
        }
    }
}
