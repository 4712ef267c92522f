import Foundation
import PlanCore
import PlanFiles

/// Reads a target list in the CSV format `plantrack targets --format csv` writes
/// (`columns`), so that any plan's targets can be evaluated. A row is identified by
/// (`target_id`, `region_code`): the same target may be listed once per region.
public enum TargetCSVFile {
    /// The columns, in the order `plantrack targets --format csv` writes them.
    public static let columns = [
        "target_id", "article", "indicator_key", "region_code", "kind", "value", "value_high", "unit",
        "base_year", "base_value", "deadline", "direction", "form", "binding", "tolerance", "quote", "assumptions",
    ]

    /// The rows read, each a target in its own region, and every problem with its line.
    public static func read(_ text: String, file: String) -> (targets: [Target], problems: [CatalogProblem]) {
        let log = ProblemLog()
        let required = columns.filter { !["quote", "tolerance", "value_high", "assumptions"].contains($0) }
        guard let table = CSVTable.parse(text, file: file, required: required, log: log) else { return ([], log.problems) }
        var seen: [String: Int] = [:]
        var targets: [Target] = []
        // Column positions, looked up once rather than per row and field.
        let position = table.columnIndex
        let targetIdColumn = position["target_id"]
        let articleColumn = position["article"]
        let indicatorKeyColumn = position["indicator_key"]
        let regionCodeColumn = position["region_code"]
        let kindColumn = position["kind"]
        let valueColumn = position["value"]
        let valueHighColumn = position["value_high"]
        let unitColumn = position["unit"]
        let baseYearColumn = position["base_year"]
        let baseValueColumn = position["base_value"]
        let deadlineColumn = position["deadline"]
        let directionColumn = position["direction"]
        let formColumn = position["form"]
        let bindingColumn = position["binding"]
        let toleranceColumn = position["tolerance"]
        let quoteColumn = position["quote"]
        let assumptionsColumn = position["assumptions"]
        for row in table.rows {
            let id = row.at(targetIdColumn)
            func problem(_ field: String, _ message: String) {
                log.add(file: file, line: row.line, entry: id.isEmpty ? nil : id, field: field, message)
            }
            func number(_ column: String, _ position: Int?, required: Bool) -> Double?? {
                let text = row.at(position)
                if text.isEmpty {
                    if required { problem(column, "is required") }
                    return required ? nil : .some(nil)
                }
                guard let x = Double(text), x.isFinite else {
                    problem(column, "expected a plain decimal number, found \"\(text)\"")
                    return nil
                }
                return .some(x)
            }
            func integer(_ column: String, _ position: Int?) -> Int?? {
                let text = row.at(position)
                if text.isEmpty { return .some(nil) }
                guard let n = Int(text) else {
                    problem(column, "expected a whole number, found \"\(text)\"")
                    return nil
                }
                return .some(n)
            }
            if id.isEmpty { problem("target_id", "is required") }
            let source = TargetSource(code: row.at(articleColumn))
            if source == nil { problem("article", "expected an article number or chN-intro, found \"\(row.at(articleColumn))\"") }
            let kind = TargetKind(rawValue: row.at(kindColumn))
            if kind == nil {
                problem("kind", "expected one of \(TargetKind.allCases.map(\.code).joined(separator: ", ")), found \"\(row.at(kindColumn))\"")
            }
            let deadline = Deadline(code: row.at(deadlineColumn))
            if deadline == nil { problem("deadline", "expected a year, a window such as 2021-2025, or annual, found \"\(row.at(deadlineColumn))\"") }
            let direction = Int(row.at(directionColumn)).flatMap(Direction.init(rawValue:))
            if direction == nil { problem("direction", "expected 1, -1 or 0, found \"\(row.at(directionColumn))\"") }
            let form = row.at(formColumn).isEmpty ? kind?.defaultForm : TargetForm(rawValue: row.at(formColumn))
            if form == nil { problem("form", "expected additive or multiplicative, found \"\(row.at(formColumn))\"") }
            let binding: Bool? =
                switch row.at(bindingColumn) {
                case "true", "TRUE", "True": true
                case "false", "FALSE", "False", "": false
                default: nil
                }
            if binding == nil { problem("binding", "expected true or false, found \"\(row.at(bindingColumn))\"") }
            if row.at(indicatorKeyColumn).isEmpty { problem("indicator_key", "is required") }
            if row.at(regionCodeColumn).isEmpty { problem("region_code", "is required") }
            let value = number("value", valueColumn, required: true)
            let high = number("value_high", valueHighColumn, required: false)
            let baseValue = number("base_value", baseValueColumn, required: false)
            let tolerance = number("tolerance", toleranceColumn, required: false)
            let baseYear = integer("base_year", baseYearColumn)
            let (assumptions, unknown) = Assumption.read(joined: row.at(assumptionsColumn))
            for code in unknown { problem("assumptions", "expected \(Assumption.allCodes), found \"\(code)\"") }
            guard !id.isEmpty, let source, let kind, let deadline, let direction, let form, let binding,
                !row.at(indicatorKeyColumn).isEmpty, !row.at(regionCodeColumn).isEmpty,
                let value = value ?? nil, let high, let baseValue, let tolerance, let baseYear
            else { continue }
            let identity = id + "|" + row.at(regionCodeColumn)
            if let first = seen[identity] {
                problem("target_id", "duplicate of line \(first) (same target and region)")
                continue
            }
            seen[identity] = row.line
            targets.append(
                Target(
                    id: id, source: source, indicatorKey: row.at(indicatorKeyColumn), regionCode: row.at(regionCodeColumn),
                    kind: kind, value: value, valueHigh: high, unit: row.at(unitColumn), baseYear: baseYear,
                    baseValue: baseValue, deadline: deadline, direction: direction, form: form, binding: binding,
                    bindingReason: "", tolerance: tolerance, assumptions: assumptions, quote: row.at(quoteColumn)))
        }
        return (targets, log.problems)
    }
}
