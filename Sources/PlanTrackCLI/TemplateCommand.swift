import ArgumentParser
import Foundation
import PlanCatalog
import PlanCore
import PlanServices
import PlanStore

/// `plantrack template --unit CODE`: the import template of a unit, as CSV or XLSX.
struct TemplateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Write a unit's import template (its due indicators of the latest periods, with the values entered so far) as CSV or XLSX.")

    @Option(help: ArgumentHelp("The reporting unit.", valueName: "code")) var unit: String
    @Option(help: ArgumentHelp("Where to write it; the extension (.csv or .xlsx) picks the format.", valueName: "file")) var output: String
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let unit = unit
        let xlsx = output.lowercased().hasSuffix(".xlsx")
        let data = try await db.withServices { services in
            guard try await services.reporting.tree()[unit] != nil else { throw CLIError("no unit \(unit)") }
            let (identity, _) = try await CommandLineActor.identity(as: nil, store: services.store)
            let lines = try await services.reporting.templateLines(unit: unit, identity: identity)
            return xlsx ? try ReportFile.templateXLSX(lines) : ReportFile.templateCSV(lines)
        }
        try data.write(to: URL(fileURLWithPath: output))
        print("wrote \(output)")
    }
}
