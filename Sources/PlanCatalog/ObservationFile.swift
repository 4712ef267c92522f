import Foundation
import PlanCore

/// Reads observations from CSV: the columns `indicator_key,region_code,period,value` are required;
/// `unit`, `qualifier`, `source`, `source_url` (or `link`) and `quote` are kept as provenance when
/// present, and any other column is ignored. Periods are `2023`, `2023Q2` or `2023-06` (`Y2023` is
/// read as `2023`).
public enum ObservationFile {
    /// The bundled file of published values.
    public static let bundledFileName = "observations.csv"
    public static let requiredColumns = ["indicator_key", "region_code", "period", "value"]

    /// Parses `text` against `plan`'s indicators and regions. Every bad row is reported with its
    /// line; nothing is dropped or invented silently: the result holds the good rows and the
    /// problems, and the caller decides whether problems are fatal.
    public static func read(_ text: String, file: String, plan: Plan) -> (observations: [Observation], problems: [CatalogProblem]) {
        read(text, file: file, schema: ObservationSchema(plan: plan))
    }

    /// Parses `text` against the indicators and regions of `schema`.
    public static func read(_ text: String, file: String, schema: ObservationSchema) -> (observations: [Observation], problems: [CatalogProblem]) {
        let log = ProblemLog()
        guard let table = CSVTable.parse(text, file: file, required: requiredColumns, log: log) else {
            return ([], log.problems)
        }
        let indicators = schema.indicatorUnits
        let regions = schema.regions
        var seen: [Identity: Int] = [:]
        seen.reserveCapacity(table.rows.count)
        var observations: [Observation] = []
        observations.reserveCapacity(table.rows.count)
        let hasProvenance = !Set(table.header).isDisjoint(with: ["source", "source_url", "link", "quote", "qualifier"])
        let columns = table.columnIndex
        let keyColumn = columns["indicator_key"], regionColumn = columns["region_code"]
        let periodColumn = columns["period"], valueColumn = columns["value"], unitColumn = columns["unit"]
        for row in table.rows {
            func problem(_ field: String, _ message: String) {
                log.add(file: file, line: row.line, entry: nil, field: field, message)
            }
            let key = row.at(keyColumn), region = row.at(regionColumn)
            var ok = true
            let indicatorUnit = indicators[key]
            if indicatorUnit == nil {
                problem("indicator_key", "unknown indicator \"\(key)\"")
                ok = false
            }
            if !regions.contains(region) {
                problem("region_code", "unknown region \"\(region)\"")
                ok = false
            }
            let periodField = row.at(periodColumn)
            let periodText = periodField.hasPrefix("Y") ? String(periodField.dropFirst()) : periodField
            let period = Period(periodText)
            if period == nil {
                problem("period", "expected 2023, 2023Q2 or 2023-06, found \"\(periodField)\"")
                ok = false
            }
            let valueField = row.at(valueColumn)
            var value = Double(valueField).flatMap { $0.isFinite ? $0 : nil }
            if value == nil {
                problem("value", "expected a plain decimal number, found \"\(valueField)\"")
                ok = false
            }
            let unit = row.at(unitColumn)
            if let indicatorUnit, !indicatorUnit.isEmpty, !unit.isEmpty, let v = value {
                if let factor = MeasurementUnit.factor(from: unit, to: indicatorUnit) {
                    value = v * factor
                } else {
                    problem("unit", "\"\(unit)\" cannot be converted to the indicator's unit \"\(indicatorUnit)\"")
                    ok = false
                }
            }
            guard ok, let period, let value else { continue }
            let identity = Identity(indicator: key, region: region, period: period)
            if let first = seen[identity] {
                problem("period", "duplicate of line \(first) (same indicator, region and period)")
                continue
            }
            seen[identity] = row.line
            let provenance =
                hasProvenance
                ? Provenance(
                    source: row["source"], link: row["source_url"].isEmpty ? row["link"] : row["source_url"],
                    quote: row["quote"], qualifier: row["qualifier"])
                : Provenance()
            observations.append(
                Observation(indicatorKey: key, regionCode: region, period: period, value: value, provenance: provenance))
        }
        return (observations, log.problems)
    }
}

/// What makes an observation unique: one value per indicator, region and period.
private struct Identity: Hashable {
    var indicator: String
    var region: String
    var period: Period
}

/// What observations may refer to: indicators (with the unit each is stored in, or an empty unit
/// when unknown) and regions.
public struct ObservationSchema: Sendable {
    public var indicatorUnits: [String: String]
    public var regions: Set<String>

    public init(indicatorUnits: [String: String], regions: Set<String>) {
        self.indicatorUnits = indicatorUnits
        self.regions = regions
    }

    /// The indicators, regions and region groups of a plan.
    public init(plan: Plan) {
        indicatorUnits = Dictionary(plan.indicators.map { ($0.key, $0.unit) }, uniquingKeysWith: { a, _ in a })
        regions = Set(plan.regions.map(\.code)).union(plan.regionGroups.map(\.key))
    }
}
