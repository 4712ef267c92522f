import Foundation
import PlanCore

/// `targets/chNN.yaml`: the targets stated in one chapter.
enum TargetFile {
    static let directory = "targets"
    static let fields: Set<String> = [
        "id", "source", "indicator", "region", "kind", "value", "value_high", "unit", "base_year", "base_value",
        "deadline", "direction", "form", "binding", "binding_reason", "tolerance", "quote", "note", "note_zh",
        "tolerance_reason", "assumptions",
    ]
    /// Fields that must be written out even when empty (`~`), so that a reader sees every decision.
    static let requiredKeys: [String] = [
        "id", "source", "indicator", "region", "kind", "value", "value_high", "unit", "base_year", "base_value",
        "deadline", "direction", "form", "binding", "binding_reason", "tolerance", "quote",
    ]

    /// A target and the line it starts on.
    struct Entry {
        var target: Target
        var file: String
        var line: Int?
    }

    static func read(_ text: String, file: String, log: ProblemLog) -> [Entry] {
        guard let root = parseYAML(text, file: file, log: log) else { return [] }
        guard let items = root.sequence else {
            log.add(file: file, "expected a list of targets")
            return []
        }
        return items.compactMap { node in
            guard var e = YAMLEntry(node, file: file, what: "a target", log: log) else { return nil }
            e.entry = e.optionalString("id")
            e.rejectUnknownFields(allowed: fields)
            for key in requiredKeys where !e.isPresent(key) {
                e.problem(key, "is missing (write ~ when there is none)")
            }
            let source = e.required("source", expected: "an article number or chN-intro", TargetSource.init(code:))
            let kind = e.required("kind", expected: TargetKind.allCases.map(\.code).joined(separator: ", "), TargetKind.init(rawValue:))
            let deadline = e.required("deadline", expected: "a year, a window such as 2021-2025, or annual", Deadline.init(code:))
            let direction = e.required("direction", expected: "1, -1 or 0") { Int($0).flatMap(Direction.init(rawValue:)) }
            let form = e.required("form", expected: "additive or multiplicative", TargetForm.init(rawValue:))
            let value = e.requiredDouble("value")
            let valueHigh = e.optionalDouble("value_high")
            let baseYear = e.optionalInt("base_year")
            let baseValue = e.optionalDouble("base_value")
            let tolerance = e.optionalDouble("tolerance")
            let binding = e.requiredBool("binding")
            let (assumptions, unknown) = Assumption.read(codes: e.isPresent("assumptions") ? e.stringList("assumptions") ?? [] : [])
            for code in unknown { e.problem("assumptions", "expected \(Assumption.allCodes), found \"\(code)\"") }
            guard let id = e.requiredString("id"), let source, let indicator = e.requiredString("indicator"),
                let region = e.requiredString("region"), let kind, let value, let unit = e.requiredString("unit"),
                let deadline, let direction, let form, let binding,
                let reason = e.requiredString("binding_reason"), let quote = e.requiredString("quote")
            else { return nil }
            let target = Target(
                id: id, source: source, indicatorKey: indicator, regionCode: region, kind: kind, value: value,
                valueHigh: valueHigh, unit: unit, baseYear: baseYear, baseValue: baseValue, deadline: deadline,
                direction: direction, form: form, binding: binding, bindingReason: reason, tolerance: tolerance,
                toleranceReason: e.optionalString("tolerance_reason"), assumptions: assumptions, quote: quote, note: e.optionalString("note"),
                noteZh: e.optionalString("note_zh"))
            return Entry(target: target, file: file, line: e.line)
        }
    }
}
