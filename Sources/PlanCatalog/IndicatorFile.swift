import Foundation
import PlanCore

/// `indicators.yaml`: the list of indicators.
enum IndicatorFile {
    static let fileName = "indicators.yaml"
    static let fields: Set<String> = [
        "key", "name_zh", "name_en", "unit", "polarity", "form", "aggregation", "definition_zh", "definition_en",
    ]

    static func read(_ text: String, log: ProblemLog) -> [Indicator] {
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
                "aggregation", expected: "sum, mean, ratio or province_only", Aggregation.init(rawValue:))
            guard let key, let nameZh = e.requiredString("name_zh"), let nameEn = e.requiredString("name_en"),
                let unit = e.requiredString("unit"), let polarity, let form, let aggregation,
                let definitionZh = e.requiredString("definition_zh"), let definitionEn = e.requiredString("definition_en")
            else { return nil }
            return Indicator(
                key: key, nameZh: nameZh, nameEn: nameEn, unit: unit, polarity: polarity, form: form,
                aggregation: aggregation, definitionZh: definitionZh, definitionEn: definitionEn)
        }
    }

    /// a–z, 0–9 and _, starting with a letter.
    static func isSnakeCase(_ key: String) -> Bool {
        guard let first = key.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
        return key.utf8.allSatisfy {
            ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "_")
        }
    }
}
