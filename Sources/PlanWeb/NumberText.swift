import Foundation
import PlanCore

/// Numbers as officials read them. Tables, forms and explanations show a value at its source's
/// precision in the indicator's own unit, with thousands separators (12,757.4 亿元), so that it can
/// be checked against the yearbook; only headline tiles round into 万 and 亿 (1.28万亿元).
public enum NumberText {
    /// `value` at source precision with its unit, in the page's language (English units translated).
    public static func format(_ value: Double?, unit: String = "", language: Language) -> String {
        guard let value, value.isFinite else { return "—" }
        let u = language == .zh ? unit : UnitText.english(unit)
        // Chinese writes the unit right after the number (12,757.4亿元).
        let spacer = language == .zh ? "" : UnitText.separator(before: u)
        return grouped(value) + spacer + u
    }

    /// A headline figure: in Chinese, large values in 万 and 亿 (11500 万千瓦 → 1.15亿千瓦,
    /// 36000 家 → 3.6万家); in English, as `format`.
    public static func headline(_ value: Double?, unit: String = "", language: Language) -> String {
        guard let value, value.isFinite else { return "—" }
        guard language == .zh else { return format(value, unit: unit, language: language) }
        let (v, u) = scaled(value, unit: unit)
        return rounded(v) + (u == "%" ? "%" : u)
    }

    /// Moves a large value into 万, 亿 or 万亿 of its unit: 36000 家 → 3.6万家, 11500 万千瓦 →
    /// 1.15亿千瓦, 98566 亿元 → 9.86万亿元. Shares and rates (%, …/…) stay as they are.
    static func scaled(_ value: Double, unit: String) -> (Double, String) {
        let magnitude = abs(value)
        if unit == "%" || unit.contains("/") || unit.hasPrefix("万亿") { return (value, unit) }
        if unit.hasPrefix("亿") {
            return magnitude >= 10_000 ? (value / 10_000, "万亿" + unit.dropFirst()) : (value, unit)
        }
        if unit.hasPrefix("万") {
            if magnitude >= 100_000_000 { return (value / 100_000_000, "万亿" + unit.dropFirst()) }
            return magnitude >= 10_000 ? (value / 10_000, "亿" + unit.dropFirst()) : (value, unit)
        }
        if magnitude >= 1_000_000_000_000 { return (value / 1_000_000_000_000, "万亿" + unit) }
        if magnitude >= 100_000_000 { return (value / 100_000_000, "亿" + unit) }
        if magnitude >= 10_000 { return (value / 10_000, "万" + unit) }
        return (value, unit)
    }

    /// The value as its source wrote it: up to two decimals from 1 up (four below 1), trailing
    /// zeros dropped — enough for every published figure, and for computed ones to be checked.
    static func plain(_ x: Double) -> String {
        let digits = abs(x) >= 1 ? 2 : 4
        return trimmed(String(format: "%.\(digits)f", x))
    }

    /// Rounded for a headline: one decimal from 100 up, two from 1, four below.
    static func rounded(_ x: Double) -> String {
        let digits = abs(x) >= 100 ? 1 : (abs(x) >= 1 ? 2 : 4)
        return trimmed(String(format: "%.\(digits)f", x))
    }

    private static func trimmed(_ formatted: String) -> String {
        var s = formatted
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    /// 1234567.5 → "1,234,567.5".
    static func grouped(_ x: Double) -> String {
        let s = plain(x)
        let negative = s.hasPrefix("-")
        let body = negative ? String(s.dropFirst()) : s
        let parts = body.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        var out = ""
        while integer.count > 3 {
            out = "," + integer.suffix(3) + out
            integer.removeLast(3)
        }
        out = integer + out
        if parts.count == 2 { out += "." + parts[1] }
        return (negative ? "-" : "") + out
    }

    /// A share such as progress: 0.356 → "35.6%".
    public static func percent(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "—" }
        return plain(x * 100) + "%"
    }
}
