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

    /// Parses `2023`, `2023Q2` or `2023-06` (surrounding white space allowed); `nil` for anything else.
    public init?(_ text: String) {
        var text = text
        if let period = text.withUTF8({ Period(utf8: $0) }) {
            self = period
            return
        }
        // Spaces beyond ASCII (an ideographic or no-break space pasted from a document).
        var trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.utf8.count != text.utf8.count, let period = trimmed.withUTF8({ Period(utf8: $0) }) else { return nil }
        self = period
    }

    /// Parses the UTF-8 bytes of `2023`, `2023Q2` or `2023-06` (surrounding spaces allowed).
    public init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        var lo = 0
        var hi = bytes.count
        while lo < hi, isSpace(bytes[lo]) { lo += 1 }
        while hi > lo, isSpace(bytes[hi - 1]) { hi -= 1 }
        let count = hi - lo
        func digit(_ i: Int) -> Int? {
            guard i < count else { return nil }
            let b = bytes[lo + i]
            return b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") ? Int(b - UInt8(ascii: "0")) : nil
        }
        guard count >= 4, let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3) else { return nil }
        let year = y0 * 1000 + y1 * 100 + y2 * 10 + y3
        guard (1900...2100).contains(year) else { return nil }
        switch count {
        case 4:
            self.init(year: year)
        case 6 where bytes[lo + 4] == UInt8(ascii: "Q"):
            guard let q = digit(5), (1...4).contains(q) else { return nil }
            self.init(year: year, span: .quarter(q))
        case 7 where bytes[lo + 4] == UInt8(ascii: "-"):
            guard let m0 = digit(5), let m1 = digit(6), (1...12).contains(m0 * 10 + m1) else { return nil }
            self.init(year: year, span: .month(m0 * 10 + m1))
        default:
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
