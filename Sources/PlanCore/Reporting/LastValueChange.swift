import Foundation

/// A reported value against the unit's last value of the same frequency (同比 for annual
/// figures): the relative change shown beside the input, and whether the jump is large enough
/// to be checked before submission — a value three times the last or a third of it, which
/// catches a figure typed in the wrong unit (万 for 亿, a tenfold slip).
public enum LastValueChange {
    /// The value is checked when it is at least this many times the last one, or at most its inverse.
    public static let jumpFactor = 3.0

    /// `(value − last) / |last|`, or `nil` when the last value is 0.
    public static func relative(from last: Double, to value: Double) -> Double? {
        guard last != 0, last.isFinite, value.isFinite else { return nil }
        return (value - last) / abs(last)
    }

    /// Whether `value` is a jump from `last` worth checking before it is submitted.
    public static func isLargeJump(from last: Double, to value: Double) -> Bool {
        guard last != 0, value != 0, last.isFinite, value.isFinite else { return false }
        if (last < 0) != (value < 0) { return true }
        let ratio = abs(value / last)
        return ratio >= jumpFactor || ratio <= 1 / jumpFactor
    }
}
