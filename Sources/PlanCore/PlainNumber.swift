import Foundation

/// Numbers as PlanTrack writes them in CSV and JSON (evaluation rules §10, rule 19): rounded to
/// six decimal places, trailing zeros dropped, no exponent, `-0` written as `0`.
public enum PlainNumber {
    /// `2.600000` → `2.6`, `1e-7` → `0`, `-0.0` → `0`, `1234567.0` → `1234567`.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if let fast = integerFormat(value) { return fast }
        var text = String(format: "%.6f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// The shortest text that reads back as exactly `value` (integers without a decimal point):
    /// for values that go out and come back in, such as an import template.
    public static func exact(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return value == 0 ? "0" : String(Int64(value)) }
        return "\(value)"
    }

    /// The formatted value, or an empty string for `nil`.
    public static func format(_ value: Double?) -> String {
        value.map { format($0) } ?? ""
    }

    /// The same text by integer arithmetic, when the rounding to six places is unambiguous (the
    /// scaled value is not within 1e-6 of a half); `nil` otherwise.
    static func integerFormat(_ value: Double) -> String? {
        let scaled = value * 1_000_000
        guard abs(scaled) < 9e15 else { return nil }
        let rounded = scaled.rounded()
        guard abs(abs(scaled - rounded) - 0.5) > 1e-6 else { return nil }
        let micros = Int64(rounded)
        if micros == 0 { return "0" }
        let magnitude = micros.magnitude
        var text = micros < 0 ? "-" : ""
        text += String(magnitude / 1_000_000)
        var fraction = magnitude % 1_000_000
        if fraction != 0 {
            var digits = 6
            while fraction % 10 == 0 {
                fraction /= 10
                digits -= 1
            }
            let f = String(fraction)
            text += "." + String(repeating: "0", count: digits - f.count) + f
        }
        return text
    }
}
