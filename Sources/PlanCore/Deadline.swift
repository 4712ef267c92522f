import Foundation

/// When a target is due.
public enum Deadline: Sendable, Hashable {
    /// A level due by the end of a year (到2025年).
    case year(Int)
    /// A total over a window of years, both ends included (十四五期间 = 2021…2025).
    case window(from: Int, to: Int)
    /// A flow due in every year of the plan period (每年).
    case annual

    /// The catalog and CSV spelling: `2025`, `2021-2025`, `annual`.
    public var code: String {
        switch self {
        case .year(let y): String(y)
        case .window(let a, let b): "\(a)-\(b)"
        case .annual: "annual"
        }
    }

    /// Parses `code`; `nil` for anything else (years must be 1900…2100, windows ordered).
    public init?(code: String) {
        let s = code.first?.isWhitespace == true || code.last?.isWhitespace == true ? code.trimmingCharacters(in: .whitespaces) : code
        if s == "annual" {
            self = .annual
            return
        }
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        let years = parts.compactMap { Int($0) }.filter { (1900...2100).contains($0) }
        guard years.count == parts.count else { return nil }
        switch years.count {
        case 1: self = .year(years[0])
        case 2 where years[0] < years[1]: self = .window(from: years[0], to: years[1])
        default: return nil
        }
    }

    /// The last year of the deadline; for `annual`, the last year of the plan period given.
    public func finalYear(planEnd: Int) -> Int {
        switch self {
        case .year(let y): y
        case .window(_, let b): b
        case .annual: planEnd
        }
    }
}
