import ArgumentParser
import PlanCatalog
import PlanCore

/// `plantrack regions`: the administrative divisions and their economic circles.
struct RegionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regions",
        abstract: "List the regions: the province, its 16 cities and 136 counties.",
        discussion: "CSV columns: \(DataTable.regionColumns.joined(separator: ","))")

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    @OptionGroup var source: CatalogOption

    func run() throws {
        print(output(plan: try source.loadPlan()), terminator: "")
    }

    func output(plan: Plan) -> String {
        format.render(.regions(plan.regions))
    }
}
