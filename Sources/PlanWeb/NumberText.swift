import Foundation
import PlanCore

/// Numbers as officials read them: in Chinese, large values in 万 and 亿 (11500 万千瓦 → 1.15亿千瓦,
/// 36000 家 → 3.6万家); in English, thousands separators.
public enum NumberText {
    /// `value` with its unit, in the page's language.
    public static func format(_ value: Double?, unit: String = "", language: Language) -> String {
        guard let value, value.isFinite else { return "—" }
        let spacer = unit == "%" || unit.isEmpty ? "" : " "
        switch language {
        case .zh:
            let (v, u) = scaled(value, unit: unit)
            return plain(v) + (u == "%" ? "%" : u)
        case .en:
            return grouped(value) + spacer + unit
        }
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

    /// Up to four significant decimals, trailing zeros dropped.
    static func plain(_ x: Double) -> String {
        let digits = abs(x) >= 100 ? 1 : (abs(x) >= 1 ? 2 : 4)
        var s = String(format: "%.\(digits)f", x)
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
