import ArgumentParser
import PlanCatalog
import PlanCore

/// `plantrack ranking`: the 16 cities on the Relative Performance Index with Monte Carlo rank bands.
struct RankingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ranking",
        abstract: "Rank the 16 cities on the Relative Performance Index, with seeded Monte Carlo rank bands.",
        discussion: "CSV columns: \(Self.columns.joined(separator: ","))")

    static let columns = ["rank", "region_code", "name_zh", "score", "median_rank", "rank_p5", "rank_p95", "indicators"]

    @Option(name: .customLong("as-of"), help: "The year to rank as of (default: the latest year with data).")
    var asOf: Int?

    @Option(help: "The Monte Carlo seed.")
    var seed: UInt64 = 1

    @Option(help: "The number of Monte Carlo draws (at least 1000 for a published ranking).")
    var draws: Int = 1000

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    @OptionGroup var source: CatalogOption
    @OptionGroup var data: ObservationsOption

    func validate() throws {
        guard draws >= 1 else { throw ValidationError("--draws must be at least 1.") }
    }

    func run() throws {
        let (plan, index) = try data.loadIndexed(source: source)
        print(output(plan: plan, index: index), terminator: "")
    }

    func output(plan: Plan, index: ObservationIndex) -> String {
        let year = asOf ?? index.latestYear ?? 2025
        let cities = plan.regions.filter { $0.level == .city }.map(\.code)
        let cityIndex = CityIndex(indicators: plan.indicators, cities: cities, observations: index, asOf: year)
        let ranking = Ranking(index: cityIndex, draws: draws, seed: seed)
        let table = DataTable(
            columns: Self.columns,
            rows: ranking.entries.map { e in
                [
                    .integer(e.rank), .text(e.city), .text(plan.region(e.city)?.nameZh ?? ""),
                    .number(format == .table ? (e.score * 100).rounded() / 100 : e.score),
                    .number(e.medianRank), .number(e.rankP5), .number(e.rankP95), .integer(e.indicators),
                ]
            })
        guard format == .table else { return format.render(table) }
        if ranking.entries.isEmpty {
            return "截至 \(year) 年没有可比较的城市数据 · no indicator has values for two or more cities as of \(year).\n"
        }
        return table.terminalText()
            + "\n\(cityIndex.columns.count) 个指标 indicators · \(draws) 次蒙特卡洛抽样 Monte Carlo draws (seed \(seed)). "
            + "名次相差三位以内视为无明显差异 · rank differences of three places or fewer are not distinguishable.\n"
    }
}
