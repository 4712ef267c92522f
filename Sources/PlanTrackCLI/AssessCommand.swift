import ArgumentParser
import PlanCatalog
import PlanCore

/// `plantrack assess`: score units against an annual assessment scheme.
struct AssessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Score units against an annual assessment scheme (see docs/assessment-scheme.md).",
        discussion: """
            Scores from files, nothing stored. The office's rounds on the server's database — freezing, qualitative points, \
            appeals, publication, exports and incentive pools — are `plantrack schemes`, `rounds`, `appeals` and `pools`.
            CSV columns: \(Self.columns.joined(separator: ","))
            """)

    static let columns = [
        "unit", "year", "target_id", "points", "completion", "milestone", "factor", "earned", "vetoes", "reason",
        "total", "grade", "rank_percent",
    ]

    @Option(help: ArgumentHelp("The scheme file (YAML).", valueName: "file"))
    var scheme: String

    @Option(help: "The assessment year.")
    var year: Int

    @Option(help: ArgumentHelp("A region code, or all (default: the province).", valueName: "code|all"))
    var unit: String = "370000"

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    @OptionGroup var source: CatalogOption
    @OptionGroup var data: ObservationsOption

    func run() throws {
        let (plan, index) = try data.loadIndexed(source: source)
        let parsed: AssessmentScheme
        do {
            parsed = try AssessmentSchemeFile.read(try InputFile.text(of: scheme), file: scheme, plan: plan)
        } catch let error as CatalogError {
            throw CLIError(error.description)
        }
        print(output(plan: plan, scheme: parsed, index: index), terminator: "")
    }

    func output(plan: Plan, scheme: AssessmentScheme, index: ObservationIndex) -> String {
        let targets = Dictionary(plan.targets.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let scored = scheme.items.compactMap { targets[$0.targetID] }
        let units: [String] =
            unit == "all"
            ? plan.regions.filter { r in r.level != .county && scored.contains { !index[$0.indicatorKey, r.code].isEmpty } }.map(\.code)
            : [unit]
        let evaluator = PlanEvaluator(indicatorUnits: Dictionary(plan.indicators.map { ($0.key, $0.unit) }, uniquingKeysWith: { a, _ in a }))
        let schemeIndex = SchemeTargets.Index(plan: plan)
        let results = units.map { code in
            // Each item's target for this unit: its own where it has one (see SchemeTargets).
            let own = scheme.items.compactMap { SchemeTargets.resolve($0, unit: code, in: schemeIndex) }
            let evaluations = evaluator.evaluate(own.map { ($0, code) }, observations: index, asOf: year)
            return Assessor.score(
                scheme: scheme, targets: Dictionary(own.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }),
                evaluations: Dictionary(evaluations.map { ($0.targetID, $0) }, uniquingKeysWith: { a, _ in a }), unit: code, year: year)
        }
        let percent = Assessor.rankPercentages(results)
        var table = DataTable(columns: Self.columns)
        for r in results {
            for line in r.lines {
                table.rows.append([
                    .text(r.unit), .integer(r.year), .text(line.targetID), .number(line.points), .number(line.completion),
                    .number(line.milestone), .number(line.factor), .number(line.earned), .bool(line.vetoes), .text(line.reason),
                    .number(r.total), .text(r.grade.nameZh), .number(percent[r.unit]),
                ])
            }
        }
        guard format == .table else { return format.render(table) }
        var out = [scheme.name, ""]
        for r in results {
            let name = plan.region(r.unit)?.nameZh ?? r.unit
            let lines = DataTable(
                columns: ["target", "points", "Q", "A_t", "f(Q)", "earned", "rule"],
                rows: r.lines.map { l in
                    [
                        .text(l.targetID + (l.vetoes ? " ✗约束性" : "")), .number(l.points), .number(l.completion.map(round3)),
                        .number(l.milestone.map(round3)), .number(round3(l.factor)), .number(round3(l.earned)), .text(l.reason),
                    ]
                })
            out.append("\(name) \(r.unit) · \(r.year) 年度")
            out.append(lines.terminalText(maxColumnWidth: 48))
            var summary = "  得分 total \(PlainNumber.format(round3(r.total)))（定量 \(PlainNumber.format(round3(r.quantitative)))"
            summary += r.qualitative != 0 ? " + 定性 \(PlainNumber.format(r.qualitative))）" : "）"
            summary += " · 等次 grade \(r.grade.nameZh) \(r.grade.nameEn)"
            if !r.vetoReasons.isEmpty {
                summary += " · 一票否决 veto: \(r.vetoReasons.joined(separator: ", ")) 未完成约束性目标（按分数为\(r.scoreGrade.nameZh)）"
            }
            if results.count > 1, let p = percent[r.unit] { summary += " · 排名得分 rank-based \(PlainNumber.format(p))%（仅供参考 supplementary）" }
            out.append(summary)
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    private func round3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
}
