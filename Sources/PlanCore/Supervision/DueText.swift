import Foundation

/// Reads a deadline as responsibility lists write it (完成时限): `2026-06-30`, `2026/6/30`,
/// `2026年6月30日`, `2026年6月底`, `2026年6月`, `2026年底`, `2026年`, an Excel date serial
/// (`46203`), or work without an end (`长期坚持`, `持续推进`). A month or a year means its last day.
public enum DueText {
    /// What a deadline cell says.
    public enum Reading: Sendable, Equatable {
        case day(Day)
        /// Ongoing work: no deadline.
        case ongoing
    }

    static let ongoingWords = ["长期坚持", "持续推进", "长期", "持续", "常态化", "ongoing"]

    public static func read(_ text: String) -> Reading? {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: " ", with: "")
        guard !t.isEmpty else { return nil }
        if ongoingWords.contains(where: { t.lowercased().hasPrefix($0) }) { return .ongoing }
        if let day = Day(t) { return .day(day) }
        // An Excel date serial: days since 1899-12-30.
        if let serial = Double(t), serial >= 36_526, serial < 73_051, serial == serial.rounded() {
            return .day(Day(year: 1899, month: 12, day: 30).adding(days: Int(serial)))
        }
        let numbers = t.split(whereSeparator: { !$0.isASCII || !$0.isNumber }).compactMap { Int($0) }
        guard let year = numbers.first, (2000...2100).contains(year) else { return nil }
        let rest = t.drop(while: { $0.isNumber })
        if rest.isEmpty || rest == "年" || rest == "年底" || rest == "年末" || rest == "年年底" {
            return numbers.count == 1 ? .day(Day(year: year, month: 12, day: 31)) : nil
        }
        if let first = rest.first, first == "年" || first == "-" || first == "/" || first == "." {
            guard numbers.count >= 2, (1...12).contains(numbers[1]) else { return nil }
            let month = numbers[1]
            if numbers.count == 2 { return .day(Day.lastOfMonth(year: year, month: month)) }
            guard numbers.count == 3 else { return nil }
            return Day("\(year)-\(String(format: "%02d", month))-\(String(format: "%02d", numbers[2]))").map { .day($0) }
        }
        return nil
    }
}
