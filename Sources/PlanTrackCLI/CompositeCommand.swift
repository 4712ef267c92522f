import ArgumentParser
import PlanCatalog
import PlanCore

/// `plantrack composite`: the Target Progress Index per chapter and section.
struct CompositeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "composite",
        abstract: "Target Progress Index per chapter and section (0 = base, 100 = target).",
        discussion: "CSV columns: \(Self.columns.joined(separator: ","))")

    static let columns = ["region_code", "chapter", "section", "title", "targets", "assessable", "score"]

    @Option(help: ArgumentHelp("A region code, or all (default: each target's own region).", valueName: "code|all"))
    var region: String?

    @Option(name: .customLong("as-of"), help: "The year to evaluate as of (default: the latest year with data).")
    var asOf: Int?

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    @OptionGroup var source: CatalogOption
    @OptionGroup var data: ObservationsOption

    func run() throws {
        let (plan, index) = try data.loadIndexed(source: source)
        print(output(plan: plan, index: index), terminator: "")
    }

    func output(plan: Plan, index: ObservationIndex) -> String {
        let year = asOf ?? index.latestYear ?? 2025
        let regions: [String?] =
            switch region {
            case nil: [nil]
            case "all": plan.regions.filter { $0.level != .county }.map(\.code)
            case let code?: [code]
            }
        let evaluator = PlanEvaluator(indicatorUnits: Dictionary(plan.indicators.map { ($0.key, $0.unit) }, uniquingKeysWith: { a, _ in a }))
        var table = DataTable(columns: Self.columns)
        for code in regions {
            let rows = plan.targets.map { ($0, code ?? $0.regionCode) }
            let index = ProgressIndex.compute(plan: plan, evaluations: evaluator.evaluate(rows, observations: index, asOf: year))
            let label = code ?? ""
            for c in index.chapters {
                let chapter = plan.chapter(c.chapter)!
                table.rows.append(row(label, c, "\(ChineseNumeral.string(c.chapter))、\(chapter.title)"))
                for s in index.sections where s.chapter == c.chapter {
                    let title = chapter.sections.first { $0.number == s.section }.map { "  \($0.label)\($0.title)" } ?? ""
                    table.rows.append(row(label, s, title))
                }
            }
            table.rows.append([
                .text(label), .integer(nil), .integer(nil), .text("总指数 overall"),
                .integer(index.chapters.reduce(0) { $0 + $1.targets }), .integer(index.chapters.reduce(0) { $0 + $1.assessable }),
                .number(format == .table ? index.overall.map(round2) : index.overall),
            ])
        }
        if format == .table {
            return table.terminalText(maxColumnWidth: 44)
                + "\n截至 \(year) 年 · as of \(year). 主题须有三分之二以上目标可评估才报告得分 · a theme is scored only when two thirds of its targets are assessable.\n"
        }
        return format.render(table)
    }

    private func row(_ region: String, _ t: ProgressIndex.ThemeScore, _ title: String) -> [DataTable.Cell] {
        [
            .text(region), .integer(t.chapter), .integer(t.section), .text(title), .integer(t.targets), .integer(t.assessable),
            .number(format == .table ? t.score.map(round2) : t.score),
        ]
    }

    private func round2(_ x: Double) -> Double { (x * 100).rounded() / 100 }
}
