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
    ///
    /// Files run to hundreds of thousands of rows, mostly sorted by indicator and region: a key or
    /// region equal to the previous row's is recognised by its bytes and reused, not made again.
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
        var provenanceColumns: (source: Int?, url: Int?, link: Int?, quote: Int?, qualifier: Int?) = (nil, nil, nil, nil, nil)
        var hasProvenance = false
        var failed = false
        // The previous row's indicator and region, by bytes, with what was learnt of them.
        var keys = Interned()
        var regions = Interned()
        CSVTable.scanFields(text) { line, fields in
            guard !failed else { return }
            guard let header else {
                let names = (0..<fields.count).map { fields.string($0) }
                header = names
                for (i, name) in names.enumerated() where columns[name] == nil { columns[name] = i }
                let missing = requiredColumns.filter { columns[$0] == nil }
                if !missing.isEmpty {
                    log.add(
                        file: file, line: 1,
                        "missing column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) (header: \(names.joined(separator: ",")))"
                    )
                    failed = true
                    return
                }
                keyColumn = columns["indicator_key"]!
                regionColumn = columns["region_code"]!
                periodColumn = columns["period"]!
                valueColumn = columns["value"]!
                unitColumn = columns["unit"]
                provenanceColumns = (columns["source"], columns["source_url"], columns["link"], columns["quote"], columns["qualifier"])
                hasProvenance = ["source", "source_url", "link", "quote", "qualifier"].contains { columns[$0] != nil }
                return
            }
            func problem(_ field: String, _ message: String) {
                log.add(file: file, line: line, entry: nil, field: field, message)
            }
            if fields.count != header.count {
                log.add(file: file, line: line, "expected \(header.count) fields, found \(fields.count)")
            }
            var ok = true
            let key = keys.look(up: fields, keyColumn) { schema.indicatorUnits[$0] != nil && !schema.computed.contains($0) }
            if !key.known {
                if schema.computed.contains(key.text) {
                    problem("indicator_key", "\"\(key.text)\" is computed from other indicators; report its inputs instead")
                } else {
                    problem("indicator_key", "unknown indicator \"\(key.text)\"")
                }
                ok = false
            }
            let region = regions.look(up: fields, regionColumn) { schema.regions.contains($0) }
            if !region.known {
                problem("region_code", "unknown region \"\(region.text)\"")
                ok = false
            }
            var period: Period? = nil
            if periodColumn < fields.count {
                let bytes = fields.bytes(periodColumn)
                period = Period(utf8: bytes.first == UInt8(ascii: "Y") ? UnsafeBufferPointer(rebasing: bytes.dropFirst()) : bytes)
            }
            if period == nil {
                let periodField = fields.string(periodColumn)
                period = Period(periodField.hasPrefix("Y") ? String(periodField.dropFirst()) : periodField)
                if period == nil {
                    problem("period", "expected 2023, 2023Q2 or 2023-06, found \"\(periodField)\"")
                    ok = false
                }
            }
            let valueField = fields.string(valueColumn)
            var value = Double(valueField).flatMap { $0.isFinite ? $0 : nil }
            if value == nil {
                problem("value", "expected a plain decimal number, found \"\(valueField)\"")
                ok = false
            }
            if let unitColumn, let indicatorUnit = schema.indicatorUnits[key.text], !indicatorUnit.isEmpty,
                fields.count > unitColumn, !fields.bytes(unitColumn).isEmpty, let v = value
            {
                let unit = fields.string(unitColumn)
                if unit != indicatorUnit {
                    if let factor = MeasurementUnit.factor(from: unit, to: indicatorUnit) {
                        value = v * factor
                    } else {
                        problem("unit", "\"\(unit)\" cannot be converted to the indicator's unit \"\(indicatorUnit)\"")
                        ok = false
                    }
                }
            }
            guard ok, let period, let value else { return }
            let identity = Identity(indicator: key.id, region: region.id, period: period)
            if let first = seen.updateValue(line, forKey: identity) {
                seen[identity] = first
                problem("period", "duplicate of line \(first) (same indicator, region and period)")
                return
            }
            var provenance = Provenance()
            if hasProvenance {
                let url = fields.string(provenanceColumns.url)
                provenance = Provenance(
                    source: fields.string(provenanceColumns.source), link: url.isEmpty ? fields.string(provenanceColumns.link) : url,
                    quote: fields.string(provenanceColumns.quote), qualifier: fields.string(provenanceColumns.qualifier))
            }
            observations.append(
                Observation(indicatorKey: key.text, regionCode: region.text, period: period, value: value, provenance: provenance))
        }
        if header == nil { log.add(file: file, "the file is empty: expected a header row") }
        return (observations, log.problems)
    }
}

/// Texts met in one column, each made once and numbered: the previous row's is recognised by its
/// bytes, any other looked up by its text.
private struct Interned {
    struct Entry {
        var text: String
        var id: Int
        var known: Bool
    }

    private var previousBytes: [UInt8] = []
    private var previous: Entry? = nil
    private var byText: [String: Entry] = [:]

    /// The entry for field `column` of `fields`; `isKnown` decides, once per text, whether the
    /// text is one the schema knows.
    mutating func look(up fields: CSVTable.Fields, _ column: Int, isKnown: (String) -> Bool) -> Entry {
        if let previous, fields.field(column, equals: previousBytes) { return previous }
        let text = fields.string(column)
        let entry: Entry
        if let found = byText[text] {
            entry = found
        } else {
            entry = Entry(text: text, id: byText.count, known: isKnown(text))
            byText[text] = entry
        }
        previous = entry
        previousBytes = Array(text.utf8)
        return entry
    }
}

/// What makes an observation unique: one value per indicator, region and period.
private struct Identity: Hashable {
    var indicator: Int
    var region: Int
    var period: Period
}

/// What observations may refer to: indicators (with the unit each is stored in, or an empty unit
/// when unknown) and regions.
public struct ObservationSchema: Sendable {
    public var indicatorUnits: [String: String]
    public var regions: Set<String>
    /// Indicators computed from others: never reported.
    public var computed: Set<String>

    public init(indicatorUnits: [String: String], regions: Set<String>, computed: Set<String> = []) {
        self.indicatorUnits = indicatorUnits
        self.regions = regions
        self.computed = computed
    }

    /// The indicators, regions and region groups of a plan.
    public init(plan: Plan) {
        indicatorUnits = Dictionary(plan.indicators.map { ($0.key, $0.unit) }, uniquingKeysWith: { a, _ in a })
        regions = Set(plan.regions.map(\.code)).union(plan.regionGroups.map(\.key))
        computed = Set(plan.indicators.filter(\.isComputed).map(\.key))
    }
}
