import Foundation

/// A problem with a reported value. Errors refuse the value; flags accept it but require an
/// explanation before the period can be submitted.
public enum ValueIssue: Sendable, Hashable {
    /// Not a number.
    case notANumber(String)
    /// A unit that does not convert to the indicator's.
    case wrongUnit(given: String, expected: String)
    /// Outside what the indicator can take (a share beyond 0–100 %, a negative count).
    case outOfRange(value: Double, range: ClosedRange<Double>)
    /// Outside the band of the unit's own history.
    case outsideHistory(value: Double, low: Double, high: Double)
    /// More than three standard deviations from the mean of the unit's own history.
    case zScore(Double)

    /// Whether the issue refuses the value (otherwise it is a flag).
    public var isError: Bool {
        switch self {
        case .notANumber, .wrongUnit, .outOfRange: true
        case .outsideHistory, .zScore: false
        }
    }

    public var zh: String {
        switch self {
        case .notANumber(let t): "“\(t)”不是数值"
        case .wrongUnit(let g, let e): "单位“\(g)”无法换算为指标单位“\(e)”"
        case .outOfRange(let v, let r) where r.upperBound == .greatestFiniteMagnitude: "数值 \(PlainNumber.format(v)) 不能为负数"
        case .outOfRange(let v, let r): "数值 \(PlainNumber.format(v)) 超出允许范围 \(PlainNumber.format(r.lowerBound))–\(PlainNumber.format(r.upperBound))"
        case .outsideHistory(let v, let lo, let hi): "数值 \(PlainNumber.format(v)) 超出本单位历史区间 \(PlainNumber.format(lo))–\(PlainNumber.format(hi))，请说明"
        case .zScore(let z): "与本单位历史均值相差 \(String(format: "%.1f", abs(z))) 个标准差，请说明"
        }
    }

    public var en: String {
        switch self {
        case .notANumber(let t): "“\(t)” is not a number"
        case .wrongUnit(let g, let e): "unit “\(g)” does not convert to the indicator's unit “\(e)”"
        case .outOfRange(let v, let r) where r.upperBound == .greatestFiniteMagnitude: "\(PlainNumber.format(v)) cannot be negative"
        case .outOfRange(let v, let r):
            "\(PlainNumber.format(v)) is outside the allowed range \(PlainNumber.format(r.lowerBound))–\(PlainNumber.format(r.upperBound))"
        case .outsideHistory(let v, let lo, let hi):
            "\(PlainNumber.format(v)) is outside the unit's historical band \(PlainNumber.format(lo))–\(PlainNumber.format(hi)); explain it"
        case .zScore(let z): "\(String(format: "%.1f", abs(z))) standard deviations from the unit's historical mean; explain it"
        }
    }
}

/// The checks on one reported value: type, unit, range, and outliers against the unit's own
/// history.
public enum ValueCheck {
    /// Parses a reported number: digits with an optional sign, decimal point, exponent and
    /// thousands separators (`1,234.5`); full-width digits are accepted.
    public static func parse(_ text: String) -> Double? {
        var cleaned = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19: cleaned.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0xFF0E: cleaned.append(".")
            case 0xFF0D: cleaned.append("-")
            case 0x2C, 0xFF0C, 0x20, 0x09, 0x3000: continue
            default: cleaned.unicodeScalars.append(scalar)
            }
        }
        guard isPlainDecimal(cleaned), let value = Double(cleaned), value.isFinite else { return nil }
        return value
    }

    /// Whether `text` is a plain decimal: an optional sign, digits with at most one decimal point,
    /// and an optional exponent (spreadsheets write `1E-3`). Hexadecimal (`0x10`), `inf`, `nan`
    /// and the like, which `Double(_:)` would take, are not figures anyone reports.
    public static func isPlainDecimal(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let mantissa = bytes.prefix { $0 != UInt8(ascii: "e") && $0 != UInt8(ascii: "E") }
        let digits = mantissa.filter { (48...57).contains($0) }.count
        let points = mantissa.filter { $0 == UInt8(ascii: ".") }.count
        guard digits > 0, points <= 1, digits + points == mantissa.count else { return false }
        var exponent = bytes.dropFirst(mantissa.count)
        guard !exponent.isEmpty else { return true }
        exponent = exponent.dropFirst()
        if let sign = exponent.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { exponent = exponent.dropFirst() }
        return !exponent.isEmpty && exponent.allSatisfy { (48...57).contains($0) }
    }

    /// The values an indicator can take, as its key and unit declare them: growth rates and
    /// changes (`…_growth`, `…change…`) any value; a share in per cent 0–100; every other
    /// indicator — levels, counts, volumes, concentrations, intensities, ratios — at least 0.
    public static func range(of indicator: Indicator) -> ClosedRange<Double>? {
        let signed = indicator.key.hasSuffix("_growth") || indicator.key.contains("change")
        if signed { return nil }
        if MeasurementUnit.isPercent(indicator.unit) { return 0...100 }
        return 0...Double.greatestFiniteMagnitude
    }

    /// How far outside the history's min–max a value may lie before it is flagged: half the
    /// band's width, and at least a tenth of the mean's magnitude.
    public static func historyBand(_ history: [Double]) -> (low: Double, high: Double)? {
        guard history.count >= 3, let lo = history.min(), let hi = history.max() else { return nil }
        let mean = history.reduce(0, +) / Double(history.count)
        let margin = max(0.5 * (hi - lo), 0.1 * abs(mean))
        return (lo - margin, hi + margin)
    }

    /// The z-score of `value` against the history (at least three values that are not all equal).
    public static func zScore(_ value: Double, history: [Double]) -> Double? {
        guard history.count >= 3 else { return nil }
        let n = Double(history.count)
        let mean = history.reduce(0, +) / n
        let variance = history.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        guard variance > 0 else { return nil }
        return (value - mean) / variance.squareRoot()
    }

    /// Every issue with `text` (in `unit`, or the indicator's unit when empty) as a value of
    /// `indicator`, given the unit's earlier values of it. Returns the value in the indicator's
    /// unit when it parses and converts.
    public static func check(_ text: String, unit: String, indicator: Indicator, history: [Double]) -> (value: Double?, issues: [ValueIssue]) {
        guard let raw = parse(text) else { return (nil, [.notANumber(text)]) }
        var value = raw
        let given = unit.trimmingCharacters(in: .whitespaces)
        if !given.isEmpty, MeasurementUnit.normalized(given) != MeasurementUnit.normalized(indicator.unit) {
            guard let factor = MeasurementUnit.factor(from: given, to: indicator.unit) else {
                return (nil, [.wrongUnit(given: given, expected: indicator.unit)])
            }
            value = raw * factor
        }
        guard value.isFinite else { return (nil, [.notANumber(text)]) }
        if let range = range(of: indicator), !range.contains(value) {
            return (value, [.outOfRange(value: value, range: range)])
        }
        var issues: [ValueIssue] = []
        if let band = historyBand(history), value < band.low || value > band.high {
            issues.append(.outsideHistory(value: value, low: band.low, high: band.high))
        }
        if let z = zScore(value, history: history), abs(z) > 3 {
            issues.append(.zScore(z))
        }
        return (value, issues)
    }
}
