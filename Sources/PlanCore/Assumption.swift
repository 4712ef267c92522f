import Foundation

/// Something a target's reading assumes that the plan's text does not say, shown wherever the
/// target is (its page, its evaluation's explanation, the API and every export) so that a reader
/// can weigh the result.
public enum Assumption: String, Sendable, Hashable, Codable, CaseIterable {
    /// The period over which a volume counts (2023–2025) is not stated.
    case windowAssumed = "window_assumed"
    /// The base year of a change or multiple is not stated.
    case baseAssumed = "base_assumed"
    /// The indicator measured stands in for what the text names (grain output for grain capacity).
    case proxyIndicator = "proxy_indicator"

    /// A reader's description.
    public var nameZh: String {
        switch self {
        case .windowAssumed: "时间窗口为推定（原文未写明起止年份）"
        case .baseAssumed: "基期为推定（原文未写明基期年份）"
        case .proxyIndicator: "以代理指标衡量（原文所指口径无直接统计）"
        }
    }

    public var nameEn: String {
        switch self {
        case .windowAssumed: "window assumed (the text gives no start and end years)"
        case .baseAssumed: "base year assumed (the text names none)"
        case .proxyIndicator: "measured by a proxy indicator (no direct statistic for what the text names)"
        }
    }
}

extension Assumption {
    /// The codes a reader may write, for messages: `window_assumed, base_assumed, proxy_indicator`.
    public static var allCodes: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The form of a CSV cell or a stored column: codes separated by `;`.
    public static func joined(_ list: [Assumption]) -> String {
        list.map(\.rawValue).joined(separator: ";")
    }

    /// Reads codes (surrounding spaces and empty ones ignored); those that are not assumptions come
    /// back in `unknown`.
    public static func read(codes: [String]) -> (assumptions: [Assumption], unknown: [String]) {
        var assumptions: [Assumption] = []
        var unknown: [String] = []
        for code in codes.map({ $0.trimmingCharacters(in: .whitespaces) }) where !code.isEmpty {
            if let a = Assumption(rawValue: code) { assumptions.append(a) } else { unknown.append(code) }
        }
        return (assumptions, unknown)
    }

    /// Reads the `;`-separated form.
    public static func read(joined text: String) -> (assumptions: [Assumption], unknown: [String]) {
        read(codes: text.split(separator: ";").map(String.init))
    }
}
