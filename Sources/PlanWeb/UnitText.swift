import Foundation

/// Units as English pages write them: a Chinese scale word becomes a number prefix and the base
/// word its English name (万家 → "10k enterprises", 亿千瓦 → "100 GW", 亿元 → "100 million yuan").
/// A counter the indicator's name already explains (个, 项, 所 …) reads as nothing on its own.
enum UnitText {
    /// Whole units that read better as one English word than composed.
    private static let whole: [String: String] = [
        "%": "%", "万千瓦": "10 MW", "亿千瓦": "100 GW", "千瓦": "kW", "亿千瓦时": "100 million kWh",
        "万亿元": "trillion yuan", "亿元": "100 million yuan", "万元": "10k yuan", "元": "yuan",
        "万吨": "10k tonnes", "亿吨": "100 million tonnes", "吨": "tonnes", "亿斤": "100 million jin",
        "万人": "10k people", "人": "people", "名": "people", "位": "people", "万家": "10k enterprises",
        "万亩": "10k mu", "亩": "mu", "公里": "km", "万公里": "10k km", "平方公里": "km²", "平方米": "m²",
        "亿立方米": "100 million m³", "立方米/万元": "m³ per 10k yuan", "微克/立方米": "µg/m³",
        "件/万人": "per 10k people", "万标箱": "10k TEU", "万场次": "10k sessions", "万场": "10k events",
        "万个": "10k", "天": "days", "岁": "years", "届": "editions", "轮": "rounds", "倍": "times",
        "个百分点": "pp", "比值": "ratio", "无量纲": "",
    ]
    /// Counters: the indicator's English name says what is counted.
    private static let counters: Set<String> = ["个", "家", "项", "所", "种", "处", "部", "条", "户", "件"]

    /// What goes between a number and `unit` as shown: nothing before % (or no unit), " × " before
    /// a scaled English unit ("9,000 × 10 MW": the unit multiplies), a space otherwise.
    static func separator(before unit: String) -> String {
        if unit.isEmpty || unit == "%" { return "" }
        return unit.first.map { $0.isASCII && $0.isNumber } == true ? " × " : " "
    }

    static func english(_ unit: String) -> String {
        let u = unit.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "％", with: "%")
        if let w = whole[u] { return w }
        if counters.contains(u) { return "" }
        if u.first == "万", let rest = whole[String(u.dropFirst())] ?? (counters.contains(String(u.dropFirst())) ? "" : nil) {
            return rest.isEmpty ? "10k" : "10k " + rest
        }
        if u.first == "亿", let rest = whole[String(u.dropFirst())] ?? (counters.contains(String(u.dropFirst())) ? "" : nil) {
            return rest.isEmpty ? "100 million" : "100 million " + rest
        }
        return u
    }
}
