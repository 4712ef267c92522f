import Foundation
import PlanCore
import PlanFiles

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
        var header: [String]? = nil
        var columns: [String: Int] = [:]
        // About one row per 40 bytes: reserving avoids rehashing as the table grows.
        let estimate = text.utf8.count / 40
        var seen: [Identity: Int] = [:]
        seen.reserveCapacity(estimate)
        var observations: [Observation] = []
        observations.reserveCapacity(estimate)
        var keyColumn = 0
        var regionColumn = 0
        var periodColumn = 0
        var valueColumn = 0
        var unitColumn: Int? = nil
        var hasProvenance = false
        var failed = false
        CSVTable.scan(text) { line, values in
            guard !failed else { return }
            guard header != nil else {
                header = values
                for (i, name) in values.enumerated() where columns[name] == nil { columns[name] = i }
                let missing = requiredColumns.filter { columns[$0] == nil }
                if !missing.isEmpty {
                    log.add(
                        file: file, line: 1,
                        "missing column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) (header: \(values.joined(separator: ",")))"
                    )
                    failed = true
                    return
                }
                keyColumn = columns["indicator_key"]!
                regionColumn = columns["region_code"]!
                periodColumn = columns["period"]!
                valueColumn = columns["value"]!
                unitColumn = columns["unit"]
                hasProvenance = ["source", "source_url", "link", "quote", "qualifier"].contains { columns[$0] != nil }
                return
            }
            read(values, line: line)
        }
        func field(_ values: [String], _ position: Int?) -> String {
            guard let position, position < values.count else { return "" }
            return values[position]
        }
        func read(_ values: [String], line: Int) {
            func problem(_ field: String, _ message: String) {
                log.add(file: file, line: line, entry: nil, field: field, message)
            }
            if values.count != header!.count {
                log.add(file: file, line: line, "expected \(header!.count) fields, found \(values.count)")
            }
            let key = field(values, keyColumn)
            let region = field(values, regionColumn)
            var ok = true
            let indicatorUnit = schema.indicatorUnits[key]
            if indicatorUnit == nil {
                problem("indicator_key", "unknown indicator \"\(key)\"")
                ok = false
            }
            if !schema.regions.contains(region) {
                problem("region_code", "unknown region \"\(region)\"")
                ok = false
            }
            let periodField = field(values, periodColumn)
            let period = Period(periodField.hasPrefix("Y") ? String(periodField.dropFirst()) : periodField)
            if period == nil {
                problem("period", "expected 2023, 2023Q2 or 2023-06, found \"\(periodField)\"")
                ok = false
            }
            let valueField = field(values, valueColumn)
            var value = Double(valueField).flatMap { $0.isFinite ? $0 : nil }
            if value == nil {
                problem("value", "expected a plain decimal number, found \"\(valueField)\"")
                ok = false
            }
            let unit = field(values, unitColumn)
            if let indicatorUnit, !indicatorUnit.isEmpty, !unit.isEmpty, unit != indicatorUnit, let v = value {
                if let factor = MeasurementUnit.factor(from: unit, to: indicatorUnit) {
                    value = v * factor
                } else {
                    problem("unit", "\"\(unit)\" cannot be converted to the indicator's unit \"\(indicatorUnit)\"")
                    ok = false
                }
            }
            guard ok, let period, let value else { return }
            let identity = Identity(indicator: key, region: region, period: period)
            if let first = seen.updateValue(line, forKey: identity) {
                seen[identity] = first
                problem("period", "duplicate of line \(first) (same indicator, region and period)")
                return
            }
            var provenance = Provenance()
            if hasProvenance {
                let url = field(values, columns["source_url"])
                provenance = Provenance(
                    source: field(values, columns["source"]), link: url.isEmpty ? field(values, columns["link"]) : url,
                    quote: field(values, columns["quote"]), qualifier: field(values, columns["qualifier"]))
            }
            observations.append(
                Observation(indicatorKey: key, regionCode: region, period: period, value: value, provenance: provenance))
        }
        if header == nil { log.add(file: file, "the file is empty: expected a header row") }
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
