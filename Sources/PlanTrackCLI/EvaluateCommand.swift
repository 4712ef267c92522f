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

    @Option(help: ArgumentHelp("An observations CSV to use instead of the bundled data.", valueName: "file.csv"))
    var observations: String?

    @Option(name: .customLong("as-of"), help: "The year to evaluate as of (default: the latest year with data).")
    var asOf: Int?

    @Option(help: ArgumentHelp("A region code, or all (default: each target's own region).", valueName: "code|all"))
    var region: String?

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    @OptionGroup var source: CatalogOption

    @Flag(name: .customLong("skip-invalid"), help: "Skip invalid input rows (reported on standard error) instead of failing.")
    var skipInvalid = false

    func run() throws {
        let plan = try source.loadPlan()
        let (rows, index, warnings) = try inputs(plan: plan)
        for warning in warnings { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
        print(output(plan: plan, rows: rows, index: index), terminator: "")
    }

    /// The (target, region) rows and the observations to evaluate, with the skipped-row reports.
    func inputs(plan: Plan) throws -> (rows: [(target: Target, region: String)], index: ObservationIndex, warnings: [String]) {
        var warnings: [String] = []
        func accept(_ problems: [CatalogProblem], _ file: String) throws {
            guard !problems.isEmpty else { return }
            let lines = problems.map(\.description)
            guard skipInvalid else {
                throw CLIError((lines + ["\(problems.count) invalid row\(problems.count == 1 ? "" : "s") in \(file); nothing was evaluated (use --skip-invalid to skip them)"]).joined(separator: "\n"))
            }
            warnings += lines.map { "skipped: " + $0 }
        }
        var targetList = plan.targets
        if let targets {
            let (read, problems) = TargetCSVFile.read(try Self.text(of: targets), file: targets)
            try accept(problems, targets)
            targetList = read
        }
        let observationList: [Observation]
        if let observations {
            var schema = ObservationSchema(plan: plan)
            for t in targetList {
                if schema.indicatorUnits[t.indicatorKey] == nil { schema.indicatorUnits[t.indicatorKey] = "" }
                schema.regions.insert(t.regionCode)
            }
            let (read, problems) = ObservationFile.read(try Self.text(of: observations), file: observations, schema: schema)
            try accept(problems, observations)
            observationList = read
        } else {
            observationList = try source.loadObservations(plan: plan)
        }
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

    static func text(of path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("\(path): the file is missing or unreadable")
        }
        if let text = String(data: data, encoding: .utf8) { return text }
        throw CLIError("\(path): the file is not UTF-8 text")
    }
}
