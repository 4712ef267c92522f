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
        "base_year", "base_value", "deadline", "direction", "form", "binding", "tolerance", "quote",
    ]

    /// The rows read, each a target in its own region, and every problem with its line.
    public static func read(_ text: String, file: String) -> (targets: [Target], problems: [CatalogProblem]) {
        let log = ProblemLog()
        let required = columns.filter { $0 != "quote" && $0 != "tolerance" && $0 != "value_high" }
        guard let table = CSVTable.parse(text, file: file, required: required, log: log) else { return ([], log.problems) }
        var seen: [String: Int] = [:]
        var targets: [Target] = []
        for row in table.rows {
            let id = row["target_id"]
            func problem(_ field: String, _ message: String) {
                log.add(file: file, line: row.line, entry: id.isEmpty ? nil : id, field: field, message)
            }
            func number(_ column: String, required: Bool) -> Double?? {
                let text = row[column]
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
            func integer(_ column: String) -> Int?? {
                let text = row[column]
                if text.isEmpty { return .some(nil) }
                guard let n = Int(text) else {
                    problem(column, "expected a whole number, found \"\(text)\"")
                    return nil
                }
                return .some(n)
            }
            if id.isEmpty { problem("target_id", "is required") }
            let source = TargetSource(code: row["article"])
            if source == nil { problem("article", "expected an article number or chN-intro, found \"\(row["article"])\"") }
            let kind = TargetKind(rawValue: row["kind"])
            if kind == nil { problem("kind", "expected one of \(TargetKind.allCases.map(\.code).joined(separator: ", ")), found \"\(row["kind"])\"") }
            let deadline = Deadline(code: row["deadline"])
            if deadline == nil { problem("deadline", "expected a year, a window such as 2021-2025, or annual, found \"\(row["deadline"])\"") }
            let direction = Int(row["direction"]).flatMap(Direction.init(rawValue:))
            if direction == nil { problem("direction", "expected 1, -1 or 0, found \"\(row["direction"])\"") }
            let form = row["form"].isEmpty ? kind?.defaultForm : TargetForm(rawValue: row["form"])
            if form == nil { problem("form", "expected additive or multiplicative, found \"\(row["form"])\"") }
            let binding: Bool? =
                switch row["binding"] {
                case "true", "TRUE", "True": true
                case "false", "FALSE", "False", "": false
                default: nil
                }
            if binding == nil { problem("binding", "expected true or false, found \"\(row["binding"])\"") }
            if row["indicator_key"].isEmpty { problem("indicator_key", "is required") }
            if row["region_code"].isEmpty { problem("region_code", "is required") }
            let value = number("value", required: true)
            let high = number("value_high", required: false)
            let baseValue = number("base_value", required: false)
            let tolerance = number("tolerance", required: false)
            let baseYear = integer("base_year")
            guard !id.isEmpty, let source, let kind, let deadline, let direction, let form, let binding,
                !row["indicator_key"].isEmpty, !row["region_code"].isEmpty,
                let value = value ?? nil, let high, let baseValue, let tolerance, let baseYear
            else { continue }
            let identity = id + "|" + row["region_code"]
            if let first = seen[identity] {
                problem("target_id", "duplicate of line \(first) (same target and region)")
                continue
            }
            seen[identity] = row.line
            targets.append(
                Target(
                    id: id, source: source, indicatorKey: row["indicator_key"], regionCode: row["region_code"],
                    kind: kind, value: value, valueHigh: high, unit: row["unit"], baseYear: baseYear,
                    baseValue: baseValue, deadline: deadline, direction: direction, form: form, binding: binding,
                    bindingReason: "", tolerance: tolerance, quote: row["quote"]))
        }
        return (targets, log.problems)
    }
}
