import Foundation

/// Escaping text for XML and HTML, content and attribute values alike.
public enum MarkupText {
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}

/// Small helpers for writing SVG as text.
enum SVGText {
    /// Escapes text for XML content and attribute values.
    static func escape(_ s: String) -> String { MarkupText.escape(s) }

    /// A coordinate with at most two decimals.
    static func n(_ x: Double) -> String {
        // Coordinates far outside any drawing are clamped, so no value can trap the conversion.
        guard x.isFinite else { return "0" }
        let r = (min(max(x, -1e9), 1e9) * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}

/// "Nice" axis ticks (1, 2, 5 × 10ⁿ steps) covering a range.
enum AxisTicks {
    static func ticks(low: Double, high: Double, count: Int = 5) -> [Double] {
        guard low.isFinite, high.isFinite, high - low < .greatestFiniteMagnitude else { return [] }
        if low == high { return [low] }
        let raw = (high - low) / Double(max(count - 1, 1))
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        let start = (low / step).rounded(.down) * step
        var out: [Double] = []
        var t = start
        while t <= high + step * 0.5, out.count < 20 {
            out.append(abs(t) < step * 1e-9 ? 0 : t)
            t += step
        }
        return out
    }

    /// A tick label: whole numbers plain, others with the decimals the step needs.
    static func label(_ x: Double, step: Double) -> String {
        guard x.isFinite else { return "" }
        let decimals = step > 0 && step.isFinite ? max(0, min(6, Int((-log10(step)).rounded(.up)))) : 2
        return String(format: "%.\(decimals)f", x)
    }
}
