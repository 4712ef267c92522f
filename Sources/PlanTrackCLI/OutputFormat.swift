import ArgumentParser
import PlanCatalog

/// How a list command writes its rows.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case csv
    case json

    func render(_ table: DataTable) -> String {
        switch self {
        case .table: table.terminalText()
        case .csv: table.csv()
        case .json: table.json()
        }
    }
}
