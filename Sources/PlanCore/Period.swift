import Foundation

/// The period an observation refers to: a year, a quarter or a month.
public struct Period: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The calendar year.
    public var year: Int
    /// Whether the value covers the year, a quarter or a month.
    public var span: Span

    /// The part of a year an observation covers.
    public enum Span: Sendable, Hashable {
        case year
        case quarter(Int)
        case month(Int)
    }

    public init(year: Int, span: Span = .year) {
        self.year = year
        self.span = span
    }

    /// Parses `2023`, `2023Q2` or `2023-06`; `nil` for anything else.
    public init?(_ text: String) {
        let s = text.first?.isWhitespace == true || text.last?.isWhitespace == true ? text.trimmingCharacters(in: .whitespaces) : text
        let digits = s.prefix(4)
        guard digits.count == 4, digits.allSatisfy(\.isASCII), let year = Int(digits),
            (1900...2100).contains(year)
        else { return nil }
        let rest = s.dropFirst(4)
        if rest.isEmpty {
            self.init(year: year)
        } else if rest.count == 2, rest.first == "Q", let q = Int(rest.dropFirst()), (1...4).contains(q) {
            self.init(year: year, span: .quarter(q))
        } else if rest.count == 3, rest.first == "-", let m = Int(rest.dropFirst()), (1...12).contains(m) {
            self.init(year: year, span: .month(m))
        } else {
            return nil
        }
    }

    /// The canonical spelling: `2023`, `2023Q2`, `2023-06`.
    public var description: String {
        switch span {
        case .year: String(year)
        case .quarter(let q): "\(year)Q\(q)"
        case .month(let m): "\(year)-" + (m < 10 ? "0\(m)" : "\(m)")
        }
    }

    /// The last month the period covers (12 for a year).
    public var endMonth: Int {
        switch span {
        case .year: 12
        case .quarter(let q): q * 3
        case .month(let m): m
        }
    }

    /// Whether the period is a whole year.
    public var isAnnual: Bool { span == .year }

    public static func < (a: Period, b: Period) -> Bool {
        if a.year != b.year { return a.year < b.year }
        if a.endMonth != b.endMonth { return a.endMonth < b.endMonth }
        // Periods ending in the same month: the shorter first (2023-12, 2023Q4, then 2023).
        return a.spanRank < b.spanRank
    }

    private var spanRank: Int {
        switch span {
        case .month: 0
        case .quarter: 1
        case .year: 2
        }
    }
}
