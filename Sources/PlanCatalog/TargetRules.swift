import Foundation
import PlanCore

/// The rules that tie a target's kind, value, unit, direction, form and deadline together.
enum TargetRules {
    struct Message {
        var field: String
        var text: String
    }

    static func problems(of t: Target, indicator: Indicator?) -> [Message] {
        var out: [Message] = []
        func add(_ field: String, _ text: String) { out.append(Message(field: field, text: text)) }
        let unit = MeasurementUnit.normalized(t.unit)

        switch t.kind {
        case .floor where t.direction != .higher: add("direction", "a floor has direction 1")
        case .ceiling where t.direction != .lower: add("direction", "a ceiling has direction -1")
        case .relativeChange, .ppChange, .annualGrowth:
            if t.value == 0 { add("value", "a change must not be zero") }
            if t.kind != .annualGrowth, t.direction != .band, t.direction.sign * t.value < 0 {
                add("direction", "the sign of the stated change (\(PlainNumber.format(t.value))) contradicts direction \(t.direction.rawValue)")
            }
        case .multiple:
            if t.value <= 0 || t.value == 1 { add("value", "a multiple must be positive and other than 1") }
        case .coverage:
            if t.value != 0, t.value != 100 { add("value", "coverage is 100 (全覆盖) or 0 (清零, 消除)") }
        default: break
        }

        switch t.kind {
        case .relativeChange:
            if t.baseYear == nil { add("base_year", "a change relative to a base year needs the base year") }
            if t.value <= -100 { add("value", "a decrease cannot reach 100% or more") }
            if unit != "%" { add("unit", "a relative change is stated in %") }
        case .annualGrowth where unit != "%": add("unit", "an average annual growth rate is stated in %")
        case .multiple where unit != "倍": add("unit", "a multiple is stated in 倍")
        case .ppChange:
            if unit != "个百分点" { add("unit", "a percentage-point change is stated in 个百分点") }
            if let indicator, !MeasurementUnit.isPercent(indicator.unit) {
                add("indicator", "a percentage-point change needs an indicator measured in %, not \(indicator.unit)")
            }
        case .coverage where t.value == 100 && unit != "%": add("unit", "full coverage is stated as 100 %")
        case .floor, .ceiling, .reach, .about, .annualCount, .cumulative:
            if let indicator, MeasurementUnit.factor(from: t.unit, to: indicator.unit) == nil {
                add("unit", "\"\(t.unit)\" cannot be converted to the indicator's unit \"\(indicator.unit)\"")
            }
        default: break
        }

        switch (t.kind, t.deadline) {
        case (.annualCount, .annual), (.cumulative, .window): break
        case (.annualCount, _): add("deadline", "an annual count is due annual")
        case (.cumulative, _): add("deadline", "a cumulative total is due over a window such as 2021-2025")
        case (_, .year): break
        default: add("deadline", "a \(t.kind.code) target is due by a year")
        }

        let standard = PlainNumber.format(AboutTolerance.standard(for: t.value))
        if let tol = t.tolerance {
            if tol <= 0 { add("tolerance", "must be positive") }
            if t.kind == .about, abs(tol - AboutTolerance.standard(for: t.value)) > 1e-9, (t.toleranceReason ?? "").isEmpty {
                add("tolerance_reason", "the tolerance \(PlainNumber.format(tol)) departs from the standard \(standard): say why")
            }
            if !acceptsTolerance(t.kind) {
                add("tolerance", "only about, annual count, annual growth and cumulative targets have a tolerance")
            }
        } else if t.kind == .about {
            add("tolerance", "an about target needs a tolerance (the standard one is \(standard))")
        } else if acceptsTolerance(t.kind), t.quote.contains("左右") {
            add("tolerance", "the quote says 左右: give the tolerance (the standard one is \(standard))")
        }
        if t.toleranceReason != nil, t.tolerance == nil { add("tolerance_reason", "there is no tolerance to explain") }
        if t.assumptions.count != Set(t.assumptions).count { add("assumptions", "an assumption is listed twice") }
        if let high = t.valueHigh, high == t.value || high * t.value < 0 {
            add("value_high", "the other end of a range differs from value and has the same sign")
        }
        if t.baseValue != nil, t.baseYear == nil { add("base_value", "a base value needs its base year") }
        if let year = t.baseYear, case .year(let due) = t.deadline, year >= due {
            add("base_year", "the base year must come before the deadline")
        }
        if let required = requiredForm(t.kind), t.form != required {
            add("form", "a \(t.kind.code) target is \(required.rawValue)")
        }
        let prefix = t.binding ? "约束性" : "预期性"
        if !t.bindingReason.hasPrefix(prefix) {
            add("binding_reason", "must start with \(prefix)： to match binding: \(t.binding)")
        }
        return out
    }

    /// Kinds that carry the tolerance of a 左右 in the text: an about level, and the flows and
    /// rates the text qualifies with 左右 (每年100项左右, 年均增长7%左右, 累计160万个左右).
    static func acceptsTolerance(_ kind: TargetKind) -> Bool {
        [.about, .annualCount, .annualGrowth, .cumulative].contains(kind)
    }

    /// Kinds whose form is fixed by the evaluation rules (§10, rule 8).
    static func requiredForm(_ kind: TargetKind) -> TargetForm? {
        switch kind {
        case .annualGrowth, .relativeChange, .multiple: .multiplicative
        case .annualCount, .cumulative, .ppChange, .coverage: .additive
        default: nil
        }
    }
}
