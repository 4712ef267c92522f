import Foundation

/// One row of figures as a unit sends them (a form field, an API item, a file row), still text.
public struct ReportRow: Sendable, Hashable {
    /// The file line or item position (1-based), for messages.
    public var line: Int
    public var indicatorKey: String
    public var period: String
    public var value: String
    /// The unit the value is written in; empty for the indicator's own.
    public var unit: String
    public var comment: String
    public var explanation: String

    public init(line: Int, indicatorKey: String, period: String, value: String, unit: String = "", comment: String = "", explanation: String = "") {
        self.line = line
        self.indicatorKey = indicatorKey
        self.period = period
        self.value = value
        self.unit = unit
        self.comment = comment
        self.explanation = explanation
    }
}

/// Why a row is refused.
public enum ReportRowError: Sendable, Hashable {
    case unknownIndicator(String)
    case badPeriod(String)
    case notScheduled(indicator: String, frequency: Frequency)
    case periodNotEnded(String)
    case beforeCalendar(period: String, firstYear: Int)
    case duplicate(firstLine: Int)
    case value(ValueIssue)
    case commentTooLong(Int)

    public var zh: String {
        switch self {
        case .unknownIndicator(let k): "未知指标代码“\(k)”"
        case .badPeriod(let p): "期别“\(p)”无效（应为 2025、2025Q3 或 2025-09）"
        case .notScheduled(let k, let f): "本单位不按\(f.nameZh)填报指标“\(k)”"
        case .periodNotEnded(let p): "期别 \(p) 尚未结束，不能填报"
        case .beforeCalendar(let p, let first): "期别 \(p) 早于本单位报送日历的起始年份 \(first)"
        case .duplicate(let line): "与第 \(line) 行重复（同一指标和期别）"
        case .value(let issue): issue.zh
        case .commentTooLong(let n): "备注或说明过长（\(n) 字，上限 \(ReportBatch.maxTextLength) 字）"
        }
    }

    public var en: String {
        switch self {
        case .unknownIndicator(let k): "unknown indicator key “\(k)”"
        case .badPeriod(let p): "invalid period “\(p)” (expected 2025, 2025Q3 or 2025-09)"
        case .notScheduled(let k, let f): "this unit does not report “\(k)” \(f.rawValue)"
        case .periodNotEnded(let p): "period \(p) has not ended yet"
        case .beforeCalendar(let p, let first): "period \(p) is before this unit's calendar starts (\(first))"
        case .duplicate(let line): "repeats line \(line) (same indicator and period)"
        case .value(let issue): issue.en
        case .commentTooLong(let n): "comment or explanation too long (\(n) characters, at most \(ReportBatch.maxTextLength))"
        }
    }
}

/// A row after checking: the value to save, or why not, and the flags that need an explanation.
public struct CheckedRow: Sendable, Hashable {
    public var row: ReportRow
    public var change: ValueChange?
    public var errors: [ReportRowError]
    public var flags: [ValueIssue]

    /// Flagged and not explained.
    public var needsExplanation: Bool { !flags.isEmpty && row.explanation.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
}

/// Checks a batch of rows for one unit against the indicators, the unit's calendar and its own
/// history.
public enum ReportBatch {
    /// The longest comment or explanation accepted.
    public static let maxTextLength = 2000

    /// Checks every row. `history(indicator, period)` gives the unit's earlier approved values of
    /// the indicator at the period's frequency (not including that period).
    public static func check(
        _ rows: [ReportRow], unit: String, indicators: [String: Indicator], schedule: [ScheduleEntry], today: Day,
        history: (String, Period) -> [Double]
    ) -> [CheckedRow] {
        var firstYears: [String: Int] = [:]
        for entry in schedule where entry.unitCode == unit {
            let slot = "\(entry.indicatorKey)|\(entry.frequency.rawValue)"
            firstYears[slot] = min(firstYears[slot] ?? entry.firstYear, entry.firstYear)
        }
        var seen: [String: Int] = [:]
        return rows.map { row in
            var errors: [ReportRowError] = []
            var flags: [ValueIssue] = []
            var change: ValueChange?
            let key = row.indicatorKey.trimmingCharacters(in: .whitespaces)
            let indicator = indicators[key]
            if indicator == nil { errors.append(.unknownIndicator(key)) }
            let period = Period(row.period.trimmingCharacters(in: .whitespaces))
            if period == nil { errors.append(.badPeriod(row.period)) }
            let longest = max(row.comment.count, row.explanation.count)
            if longest > maxTextLength { errors.append(.commentTooLong(longest)) }
            if let indicator, let period {
                let frequency = Frequency(of: period)
                if let first = firstYears["\(key)|\(frequency.rawValue)"] {
                    if period.year < first { errors.append(.beforeCalendar(period: period.description, firstYear: first)) }
                } else {
                    errors.append(.notScheduled(indicator: key, frequency: frequency))
                }
                if !(period.lastDay < today) { errors.append(.periodNotEnded(period.description)) }
                let slot = "\(key)|\(period)"
                if let first = seen[slot] { errors.append(.duplicate(firstLine: first)) } else { seen[slot] = row.line }
                let (value, issues) = ValueCheck.check(row.value, unit: row.unit, indicator: indicator, history: history(key, period))
                errors += issues.filter(\.isError).map(ReportRowError.value)
                flags = issues.filter { !$0.isError }
                if let value, errors.isEmpty {
                    change = ValueChange(
                        indicatorKey: key, period: period, value: value, comment: row.comment, explanation: row.explanation,
                        flags: flags.map(\.code))
                }
            }
            return CheckedRow(row: row, change: errors.isEmpty ? change : nil, errors: errors, flags: flags)
        }
    }
}

extension ValueIssue {
    /// A short code stored with a flagged value.
    public var code: String {
        switch self {
        case .notANumber: "not_a_number"
        case .wrongUnit: "wrong_unit"
        case .outOfRange: "out_of_range"
        case .outsideHistory: "outside_history"
        case .zScore: "z_score"
        }
    }
}
