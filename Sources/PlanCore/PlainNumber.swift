import Foundation

/// Numbers as PlanTrack writes them in CSV and JSON (evaluation rules §10, rule 19): rounded to
/// six decimal places, trailing zeros dropped, no exponent, `-0` written as `0`.
public enum PlainNumber {
    /// `2.600000` → `2.6`, `1e-7` → `0`, `-0.0` → `0`, `1234567.0` → `1234567`.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        var text = String(format: "%.6f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// The formatted value, or an empty string for `nil`.
    public static func format(_ value: Double?) -> String {
        value.map { format($0) } ?? ""
    }
}
