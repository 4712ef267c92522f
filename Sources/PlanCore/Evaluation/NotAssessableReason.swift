import Foundation

/// Why a target cannot be assessed, in the words a reader needs: what is missing, and what would
/// unlock an assessment.
public enum NotAssessableReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// No value at all for the indicator in the region.
    case noData = "no_data"
    /// No value at or near the base year.
    case noBase = "no_base"
    /// Nothing after the base year.
    case noLaterValue = "no_later_value"
    /// The latest value is too old for the evaluation year.
    case stale
    /// A year of a flow is missing (flows are never imputed).
    case missingYears = "missing_years"
    /// The target equals its base: no direction to measure progress in.
    case noDirection = "no_direction"
    /// The target's window or base lies after the evaluation year.
    case notStarted = "not_started"

    /// The reason of a not-assessable evaluation; `hasData` says whether the indicator has any
    /// value in the region. `nil` for an assessable one.
    public static func of(_ e: TargetEvaluation, hasData: Bool) -> NotAssessableReason? {
        guard e.status == .notAssessable else { return nil }
        if e.flags.contains(.notStarted) { return .notStarted }
        if e.flags.contains(.noDirection) { return .noDirection }
        if !hasData { return .noData }
        if e.flags.contains(.noBase) { return .noBase }
        if e.flags.contains(.noLaterObservation) { return .noLaterValue }
        if e.flags.contains(.stale) { return .stale }
        if e.flags.contains(.noFlowInYear) || e.flags.contains(.gapInFlows) { return .missingYears }
        return .noData
    }

    /// What is missing, in a few words.
    public var nameZh: String {
        switch self {
        case .noData: "无数据"
        case .noBase: "无基期数据"
        case .noLaterValue: "基期后无数据"
        case .stale: "数据过旧"
        case .missingYears: "年度数据不全"
        case .noDirection: "目标等于基期"
        case .notStarted: "尚未开始"
        }
    }

    public var nameEn: String {
        switch self {
        case .noData: "no data"
        case .noBase: "no base value"
        case .noLaterValue: "nothing after the base"
        case .stale: "data too old"
        case .missingYears: "years missing"
        case .noDirection: "target equals base"
        case .notStarted: "not started"
        }
    }

    /// What would unlock an assessment, in one sentence.
    public func unlockZh(baseYear: Int?, asOf: Int) -> String {
        switch self {
        case .noData: "需要该指标在本地区的数据：基期年份前后一年和其后至少一年的数值。"
        case .noBase: "需要基期\(baseYear.map { "（\($0)年）" } ?? "")或其前后一年的数值。"
        case .noLaterValue: "需要基期之后、\(asOf)年以前至少一个年度的数值。"
        case .stale: "需要\(asOf - 1)年或更新的数值。"
        case .missingYears: "需要计算期内每一年的数值（流量数据不插补）。"
        case .noDirection: "目标值与基期值相同，无法衡量进展；应核对目标的读法。"
        case .notStarted: "目标的计算期尚未开始，到期后评估。"
        }
    }

    public func unlockEn(baseYear: Int?, asOf: Int) -> String {
        switch self {
        case .noData: "Needs values of the indicator for the region: around the base year and at least one year after it."
        case .noBase: "Needs a value for the base year\(baseYear.map { " (\($0))" } ?? "") or a year either side."
        case .noLaterValue: "Needs a value for a year after the base, up to \(asOf)."
        case .stale: "Needs a value for \(asOf - 1) or later."
        case .missingYears: "Needs a value for every year of the window (flows are never imputed)."
        case .noDirection: "The target equals the base value, so progress cannot be measured; the reading should be checked."
        case .notStarted: "The target's window has not started; it is assessed once it has."
        }
    }
}
