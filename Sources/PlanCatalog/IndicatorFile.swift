import Foundation
import PlanCore

/// `indicators.yaml`: the list of indicators.
enum IndicatorFile {
    static let fileName = "indicators.yaml"
    static let fields: Set<String> = [
        "key", "name_zh", "name_en", "unit", "polarity", "form", "aggregation", "definition_zh", "definition_en", "formula",
    ]
    static let formulaFields: Set<String> = ["op", "of", "factor", "periods"]

    /// An indicator and the line it starts on.
    struct Entry {
        var indicator: Indicator
        var line: Int?
    }

    static func read(_ text: String, log: ProblemLog) -> [Indicator] {
        entries(text, log: log).map(\.indicator)
    }

    static func entries(_ text: String, log: ProblemLog) -> [Entry] {
        let file = fileName
        guard let root = parseYAML(text, file: file, log: log) else { return [] }
        guard let items = root.sequence else {
            log.add(file: file, "expected a list of indicators")
            return []
        }
        return items.compactMap { node in
            guard var e = YAMLEntry(node, file: file, what: "an indicator", log: log) else { return nil }
            e.entry = e.optionalString("key")
            e.rejectUnknownFields(allowed: fields)
            let key = e.requiredString("key")
            if let key, !Self.isSnakeCase(key) {
                e.problem("key", "must be snake_case (a–z, 0–9, _), starting with a letter")
            }
            let polarity = e.required("polarity", expected: "1, -1 or 0") { Int($0).flatMap(Direction.init(rawValue:)) }
            let form = e.required("form", expected: "additive or multiplicative", TargetForm.init(rawValue:))
            let aggregation = e.required(
                "aggregation", expected: "sum, mean, ratio, min or province_only", Aggregation.init(rawValue:))
            let formula = e.isPresent("formula") ? readFormula(e) : nil
            guard let key, let nameZh = e.requiredString("name_zh"), let nameEn = e.requiredString("name_en"),
                let unit = e.requiredString("unit"), let polarity, let form, let aggregation,
                let definitionZh = e.requiredString("definition_zh"), let definitionEn = e.requiredString("definition_en")
            else { return nil }
            if e.isPresent("formula"), formula == nil { return nil }
            let indicator = Indicator(
                key: key, nameZh: nameZh, nameEn: nameEn, unit: unit, polarity: polarity, form: form,
                aggregation: aggregation, definitionZh: definitionZh, definitionEn: definitionEn, formula: formula)
            return Entry(indicator: indicator, line: e.line)
        }
    }

    /// `formula: {op: ratio, of: [gdp, gdp@370000], factor: 100}`; `periods` for a growth.
    private static func readFormula(_ e: YAMLEntry) -> Formula? {
        guard let node = e.mapping["formula"], var f = YAMLEntry(node, file: e.file, what: "a formula", log: e.log) else { return nil }
        f.entry = e.entry
        for (key, _) in f.mapping where !formulaFields.contains(key.string ?? "") {
            f.problem("formula.\(key.string ?? "?")", "unknown field (allowed: \(formulaFields.sorted().joined(separator: ", ")))", at: key)
        }
        let operation = f.required(
            "op", expected: Formula.Operation.allCases.map(\.rawValue).joined(separator: ", "), Formula.Operation.init(rawValue:))
        let inputs = f.stringList("of")?.map(Formula.Input.init)
        let factor = f.optionalDouble("factor") ?? 1
        let periods = f.optionalInt("periods") ?? 1
        guard let operation, let inputs else { return nil }
        if !operation.arity.contains(inputs.count) {
            let wanted = operation.arity.upperBound == Int.max ? "at least \(operation.arity.lowerBound)" : "\(operation.arity.lowerBound)"
            f.problem("formula.of", "\(operation.rawValue) takes \(wanted) input\(wanted == "1" ? "" : "s"), found \(inputs.count)")
            return nil
        }
        if factor == 0 || !factor.isFinite { f.problem("formula.factor", "must be a non-zero number") }
        if periods < 1 { f.problem("formula.periods", "must be 1 or more") }
        if periods != 1, operation != .growth { f.problem("formula.periods", "only a growth spans periods") }
        return Formula(operation: operation, inputs: inputs, factor: factor, periods: periods)
    }

    /// Checks formulas across indicators: inputs that exist, regions that exist, units that
    /// combine, and no indicator computed (directly or not) from itself.
    static func checkFormulas(_ entries: [Entry], regions: Set<String>, log: ProblemLog) {
        let byKey = Dictionary(entries.map { ($0.indicator.key, $0) }, uniquingKeysWith: { a, _ in a })
        for entry in entries {
            guard let formula = entry.indicator.formula else { continue }
            let i = entry.indicator
            func problem(_ message: String) {
                log.add(file: fileName, line: entry.line, entry: i.key, field: "formula", message)
            }
            var known = true
            for input in formula.inputs {
                guard let other = byKey[input.indicatorKey]?.indicator else {
                    problem("no indicator \"\(input.indicatorKey)\" in \(fileName)")
                    known = false
                    continue
                }
                if let region = input.regionCode, !regions.contains(region) { problem("no region \"\(region)\" (in \(input))") }
                switch formula.operation {
                case .sum, .difference:
                    if MeasurementUnit.factor(from: other.unit, to: i.unit) == nil {
                        problem("\(input) is in \(other.unit), which does not convert to the indicator's unit \(i.unit)")
                    }
                case .ratio, .growth: break
                }
            }
            guard known else { continue }
            if formula.operation == .ratio, let a = byKey[formula.inputs[0].indicatorKey]?.indicator,
                let b = byKey[formula.inputs[1].indicatorKey]?.indicator, MeasurementUnit.factor(from: b.unit, to: a.unit) == nil,
                formula.factor == 100 || MeasurementUnit.isPercent(i.unit)
            {
                problem("a share in % needs inputs in one unit: \(a.key) is in \(a.unit), \(b.key) in \(b.unit)")
            }
            if formula.operation == .growth, !MeasurementUnit.isPercent(i.unit) {
                problem("a growth is in %, but the indicator's unit is \(i.unit)")
            }
            if let cycle = cycle(from: i.key, byKey: byKey) {
                problem("computed from itself: \(cycle.joined(separator: " → "))")
            }
        }
    }

    /// The path back to `start` through formula inputs, if there is one.
    private static func cycle(from start: String, byKey: [String: Entry]) -> [String]? {
        var visited: Set<String> = []
        func walk(_ key: String, _ path: [String]) -> [String]? {
            for input in byKey[key]?.indicator.formula?.inputs ?? [] {
                if input.indicatorKey == start { return path + [start] }
                guard visited.insert(input.indicatorKey).inserted else { continue }
                if let found = walk(input.indicatorKey, path + [input.indicatorKey]) { return found }
            }
            return nil
        }
        return walk(start, [start])
    }

    /// a–z, 0–9 and _, starting with a letter.
    static func isSnakeCase(_ key: String) -> Bool {
        guard let first = key.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
        return key.utf8.allSatisfy {
            ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "_")
        }
    }
}
