import Foundation

/// Units as the plan writes them (万千瓦, 亿元, 家, %), and the scale between two spellings of
/// the same quantity (1 亿千瓦 = 10 000 万千瓦).
///
/// A unit is read as a chain of Chinese scale words (万, 亿, 千, 百) in front of a base, so
/// `万亿元` is 10¹² 元 and `万千瓦` is 10⁷ 瓦. Two units convert when their bases are equal, or
/// when a conversion between the two bases is declared in `conversions` (grain is planned in 亿斤
/// and published in 万吨: 1 吨 = 2 000 斤, so 1 万吨 = 0.2 亿斤).
public enum MeasurementUnit {
    private static let scales: [(Character, Double)] = [("万", 1e4), ("亿", 1e8), ("千", 1e3), ("百", 1e2)]

    /// Declared conversions between bases that are not scale words of each other: one of the
    /// first is this many of the second.
    public static let conversions: [(from: String, to: String, factor: Double)] = [
        ("吨", "斤", 2_000),
        ("公斤", "斤", 2),
        ("吨", "公斤", 1_000),
    ]

    /// The multiplier that turns a value in `from` into a value in `to`, or `nil` when the two
    /// units measure different things. Surrounding white space and the full-width percent sign
    /// are normalised first.
    public static func factor(from: String, to: String) -> Double? {
        let a = split(normalized(from))
        let b = split(normalized(to))
        if a.base == b.base { return a.scale / b.scale }
        if let c = conversions.first(where: { $0.from == a.base && $0.to == b.base }) { return a.scale * c.factor / b.scale }
        if let c = conversions.first(where: { $0.from == b.base && $0.to == a.base }) { return a.scale / (c.factor * b.scale) }
        return nil
    }

    /// The unit with white space removed and `％` written as `%`.
    public static func normalized(_ unit: String) -> String {
        unit.replacingOccurrences(of: "％", with: "%").filter { !$0.isWhitespace }
    }

    /// Whether the unit is a percentage.
    public static func isPercent(_ unit: String) -> Bool { normalized(unit) == "%" }

    private static func split(_ unit: String) -> (scale: Double, base: Substring) {
        var scale = 1.0
        var rest = Substring(unit)
        // Only the numerator carries scale words; a bare scale word ("万") stays as it is.
        while rest.count > 1, let first = rest.first, let s = scales.first(where: { $0.0 == first }) {
            scale *= s.1
            rest = rest.dropFirst()
        }
        return (scale, rest)
    }
}
