import Foundation
import PlanCore

/// `reporting.yaml`: reporting units besides the regions, the default reporting calendar and the
/// reconciliation tolerances.
public struct ReportingSetup: Sendable {
    /// Every reporting unit: the regions (parents before children), then departments and
    /// enterprises under the province.
    public var units: [ReportingUnit]
    public var schedule: [ScheduleEntry]
    /// Relative tolerance per indicator that adds up across regions.
    public var tolerances: [String: Double]
}

enum ReportingSetupFile {
    static let fileName = "reporting.yaml"

    static func read(_ text: String, plan: Plan, log: ProblemLog) -> ReportingSetup {
        let file = fileName
        var units = plan.regions.map(ReportingUnit.init(region:))
        var schedule: [ScheduleEntry] = []
        var tolerances: [String: Double] = [:]
        guard let root = parseYAML(text, file: file, log: log), let mapping = root.mapping else {
            log.add(file: file, "expected a mapping with units, calendar and tolerances")
            return ReportingSetup(units: units, schedule: [], tolerances: [:])
        }
        let province = plan.regions.first { $0.level == .province }?.code ?? "370000"
        for node in mapping["units"]?.sequence ?? [] {
            guard var e = YAMLEntry(node, file: file, what: "a reporting unit", log: log) else { continue }
            e.entry = e.optionalString("code")
            e.rejectUnknownFields(allowed: ["code", "name_zh", "name_en", "kind", "aliases"])
            guard let code = e.requiredString("code"), let zh = e.requiredString("name_zh"), let en = e.requiredString("name_en"),
                let kind = e.required("kind", expected: "department or enterprise", { ReportingUnit.Kind(rawValue: $0) })
            else { continue }
            if units.contains(where: { $0.code == code }) { e.problem("code", "duplicate unit code \(code)") }
            let aliases = e.mapping["aliases"] == nil ? [] : e.stringList("aliases") ?? []
            units.append(
                ReportingUnit(code: code, nameZh: zh, nameEn: en, kind: kind, parentCode: province, regionCode: province, aliases: aliases))
        }
        let indicators = Dictionary(plan.indicators.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        for node in mapping["calendar"]?.sequence ?? [] {
            guard let e = YAMLEntry(node, file: file, what: "a calendar entry", log: log) else { continue }
            e.rejectUnknownFields(allowed: ["units", "indicators", "frequency", "first_year", "due_days", "lock_days"])
            guard let selectors = e.stringList("units"), let keys = e.stringList("indicators"),
                let frequency = e.required("frequency", expected: "annual, quarterly or monthly", { Frequency(rawValue: $0) }),
                let first = e.requiredInt("first_year"), let due = e.requiredInt("due_days"), let lock = e.requiredInt("lock_days")
            else { continue }
            if lock < due { e.problem("lock_days", "must not be before due_days") }
            var codes: [String] = []
            for selector in selectors {
                switch selector {
                case "province": codes.append(province)
                case "cities": codes += plan.regions.filter { $0.level == .city }.map(\.code)
                case "counties": codes += plan.regions.filter { $0.level == .county }.map(\.code)
                default:
                    if units.contains(where: { $0.code == selector }) {
                        codes.append(selector)
                    } else {
                        e.problem("units", "unknown unit \(selector)")
                    }
                }
            }
            for key in keys where indicators[key] == nil { e.problem("indicators", "unknown indicator \(key)") }
            for key in keys where indicators[key]?.isComputed == true {
                e.problem("indicators", "\(key) is computed from other indicators and is not reported")
            }
            for code in codes {
                for key in keys where indicators[key] != nil {
                    schedule.append(
                        ScheduleEntry(unitCode: code, indicatorKey: key, frequency: frequency, firstYear: first, dueDays: due, lockDays: lock))
                }
            }
        }
        if let node = mapping["tolerances"], let e = YAMLEntry(node, file: file, what: "tolerances", log: log) {
            let fallback = e.optionalDouble("default") ?? 0.01
            for indicator in plan.indicators where indicator.aggregation == .sum {
                tolerances[indicator.key] = fallback
            }
            for (key, _) in e.mapping {
                guard let name = key.string, name != "default" else { continue }
                guard indicators[name] != nil else {
                    e.problem(name, "unknown indicator")
                    continue
                }
                if let value = e.optionalDouble(name) { tolerances[name] = value }
            }
        }
        return ReportingSetup(units: units, schedule: schedule, tolerances: tolerances)
    }
}

extension Catalog {
    /// The bundled reporting units, calendar and tolerances for `plan`.
    public static func bundledReporting(plan: Plan) throws(CatalogError) -> ReportingSetup {
        try reporting(directory: bundledDirectory, plan: plan)
    }

    /// The reporting setup in `directory` (its `reporting.yaml`).
    public static func reporting(directory: URL, plan: Plan) throws(CatalogError) -> ReportingSetup {
        let log = ProblemLog()
        let url = directory.appendingPathComponent(ReportingSetupFile.fileName)
        guard let text = readText(url, file: ReportingSetupFile.fileName, log: log) else { throw CatalogError(problems: log.problems) }
        let setup = ReportingSetupFile.read(text, plan: plan, log: log)
        guard log.problems.isEmpty else { throw CatalogError(problems: log.problems) }
        return setup
    }
}
