import Foundation

/// How a target's stated value becomes a level to judge against (evaluation rules §2).
public enum TargetKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// 以上, 不低于, 超过, 突破, 力争达到 X: at least X.
    case floor
    /// 以内, 不超过, 控制在 X: at most X, judged by compliance.
    case ceiling
    /// 达到 X with no qualifier: direction from the indicator's polarity.
    case reach
    /// X 左右, 约 X: a band of ± tolerance, or a floor at X − tolerance when the direction is clear.
    case about
    /// 比2020年下降16%: a signed percent change relative to a base year.
    case relativeChange = "relative_change"
    /// 翻番: a multiple of the base value.
    case multiple
    /// 提高/下降 N 个百分点: a signed change in percentage points.
    case ppChange = "pp_change"
    /// 年均增长 g%: an average annual growth rate.
    case annualGrowth = "annual_growth"
    /// 每年 X: a flow to reach in every year.
    case annualCount = "annual_count"
    /// 累计 X, 十四五期间 X: a running total of annual flows over a window.
    case cumulative
    /// 全覆盖, 100%, 清零, 基本消除: a full-coverage (100%) or elimination (0) goal.
    case coverage

    /// The snake_case name used in catalogs, CSV and JSON.
    public var code: String { rawValue }

    /// The form a target of this kind takes when the catalog leaves it open (rule 21).
    public var defaultForm: TargetForm {
        switch self {
        case .relativeChange, .multiple, .annualGrowth: .multiplicative
        default: .additive
        }
    }
}
