import ArgumentParser
import PlanCatalog
import PlanCore

/// `plantrack targets`: the quantified targets as a table, CSV or JSON.
struct TargetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets",
        abstract: "List the plan's quantified targets.",
        discussion: "CSV columns: \(DataTable.targetColumns.joined(separator: ","))")

    @Option(help: "Only the targets of one chapter (1–12).")
    var chapter: Int?

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    @OptionGroup var source: CatalogOption

    func run() throws {
        print(try output(plan: source.loadPlan()), terminator: "")
    }

    func output(plan: Plan) throws -> String {
        var targets = plan.targets
        if let chapter {
            guard plan.chapter(chapter) != nil else {
                throw ValidationError("No chapter \(chapter): the plan has chapters 1–\(plan.chapters.count).")
            }
            targets = plan.targets(inChapter: chapter)
        }
        return format.render(.targets(targets))
    }
}
