import ArgumentParser
import Foundation
import PlanCatalog
import PlanCore

/// `--catalog DIR`: read a catalog directory instead of the bundled Shandong plan.
struct CatalogOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A catalog directory to read instead of the bundled plan.", valueName: "dir"))
    var catalog: String?

    func loadPlan() throws -> Plan {
        do {
            if let catalog {
                return try Catalog.load(directory: URL(fileURLWithPath: catalog, isDirectory: true))
            }
            return try Catalog.bundled()
        } catch {
            throw CLIError(error.description)
        }
    }

    /// The observations of the chosen catalog.
    func loadObservations(plan: Plan) throws -> [Observation] {
        let directory = catalog.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? Catalog.bundledDirectory
        do {
            return try Catalog.observations(directory: directory, plan: plan)
        } catch {
            throw CLIError(error.description)
        }
    }
}
