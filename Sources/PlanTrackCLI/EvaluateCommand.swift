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
        let plan = try source.loadPlan()
        let (rows, index, warnings) = try inputs(plan: plan)
        InputFile.warn(warnings)
        print(output(plan: plan, rows: rows, index: index), terminator: "")
    }

    /// The (target, region) rows and the observations to evaluate, with the skipped-row reports.
    func inputs(plan: Plan) throws -> (rows: [(target: Target, region: String)], index: ObservationIndex, warnings: [String]) {
        var warnings: [String] = []
        var targetList = plan.targets
        if let targets {
            let (read, problems) = TargetCSVFile.read(try InputFile.text(of: targets), file: targets)
            warnings += try InputFile.accept(problems, in: targets, skipInvalid: data.skipInvalid)
            targetList = read
        }
        var schema = ObservationSchema(plan: plan)
        for t in targetList {
            if schema.indicatorUnits[t.indicatorKey] == nil { schema.indicatorUnits[t.indicatorKey] = "" }
            schema.regions.insert(t.regionCode)
        }
        let (observationList, skipped) = try data.load(source: source, plan: plan, schema: schema)
        warnings += skipped
        let index = ObservationIndex(observationList)
        return (rows(targetList, index: index, external: targets != nil), index, warnings)
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
