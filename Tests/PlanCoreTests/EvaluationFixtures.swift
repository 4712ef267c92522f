import Foundation
import PlanCore

/// Small builders for evaluation tests.
enum Fixture {
    static func target(
        _ kind: TargetKind, _ value: Double, valueHigh: Double? = nil, unit: String = "%", baseYear: Int? = nil,
        baseValue: Double? = nil, deadline: Deadline = .year(2025), direction: Direction = .higher,
        form: TargetForm? = nil, binding: Bool = false, tolerance: Double? = nil, id: String = "T1"
    ) -> Target {
        Target(
            id: id, source: .article(1), indicatorKey: "x", regionCode: "370000", kind: kind, value: value,
            valueHigh: valueHigh, unit: unit, baseYear: baseYear, baseValue: baseValue, deadline: deadline,
            direction: direction, form: form ?? kind.defaultForm, binding: binding,
            bindingReason: binding ? "约束性" : "预期性", tolerance: tolerance, quote: "q")
    }

    static func series(_ values: [Int: Double], key: String = "x", region: String = "370000") -> [Observation] {
        values.sorted { $0.key < $1.key }.map {
            Observation(indicatorKey: key, regionCode: region, period: Period(year: $0.key), value: $0.value)
        }
    }

    static func evaluate(_ target: Target, _ values: [Int: Double], asOf: Int, factor: Double = 1) -> TargetEvaluation {
        TargetEvaluator().evaluate(target, regionCode: "370000", unitFactor: factor, observations: series(values), asOf: asOf)
    }
}

/// `a` and `b` agree to `digits` decimal places.
func close(_ a: Double?, _ b: Double, _ digits: Double = 3) -> Bool {
    guard let a else { return false }
    return abs(a - b) < 0.5 * pow(10, -digits)
}
