import Foundation

/// An article number as lists write it: `12`, `第12条`, `第十二条`, `（一百二十）`.
public enum ArticleNumber {
    public static func read(_ text: String) -> Int? {
        var t = text.trimmingCharacters(in: .whitespaces)
        for affix in ["第", "条", "（", "）", "(", ")"] { t = t.replacingOccurrences(of: affix, with: "") }
        if let n = Int(t) { return n }
        return chinese(t)
    }

    /// 一 … 九百九十九.
    static func chinese(_ text: String) -> Int? {
        let digits: [Character: Int] = ["零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
        guard !text.isEmpty else { return nil }
        var total = 0
        var current = 0
        for ch in text {
            if let d = digits[ch] {
                current = d
            } else if ch == "十" || ch == "百" {
                let unit = ch == "十" ? 10 : 100
                total += (current == 0 && unit == 10 && total == 0 ? 1 : current) * unit
                current = 0
            } else {
                return nil
            }
        }
        return total + current
    }
}
