import Foundation

/// Where a target stands (进度状态), evaluation rules §4.
public enum EvaluationStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// 已达标: the target is attained now (a ceiling also needs its projection within the cap).
    case achieved
    /// 达标但有风险: met now, but the trend is projected to miss the target by its deadline.
    case compliantAtRisk = "compliant_at_risk"
    /// 符合进度: pace ratio R ≥ 0.95.
    case onTrack = "on_track"
    /// 略滞后: 0.60 ≤ R < 0.95.
    case behind
    /// 明显滞后: 0 ≤ R < 0.60.
    case seriouslyBehind = "seriously_behind"
    /// 达标后回落: the base already met the target and the latest value has slipped below it.
    case slipped
    /// 逆向变化: R < 0.
    case movingAway = "moving_away"
    /// 无法评估: no base, no later observation, stale data or no direction.
    case notAssessable = "not_assessable"

    public var code: String { rawValue }

    /// Higher is better; used to pick the less favourable of two readings.
    public var favourability: Int {
        switch self {
        case .achieved: 7
        case .onTrack: 6
        case .compliantAtRisk: 5
        case .behind: 4
        case .seriouslyBehind: 3
        case .slipped: 2
        case .movingAway: 1
        case .notAssessable: 0
        }
    }

    /// The status a pace ratio R earns (the 0.95 / 0.60 / 0 thresholds, compared with a relative
    /// tolerance of 1e-9).
    public static func forPace(_ r: Double) -> EvaluationStatus {
        if Tolerant.greaterOrEqual(r, 0.95) { return .onTrack }
        if Tolerant.greaterOrEqual(r, 0.60) { return .behind }
        if Tolerant.greaterOrEqual(r, 0) { return .seriouslyBehind }
        return .movingAway
    }
}

/// How likely the target is to be met by its deadline (预计完成情况), evaluation rules §6.
public enum Likelihood: String, Sendable, Hashable, Codable, CaseIterable {
    /// 预计可完成: the projection misses at most 5% of the remaining gap.
    case likely
    /// 有风险: it misses more than 5% and at most 20%.
    case atRisk = "at_risk"
    /// 难以完成: it misses more than 20% while moving the right way.
    case unlikely
    /// 逆向: it misses more than 20% and the trend goes the wrong way.
    case movingAway = "moving_away"
    /// 已到期: the deadline has passed and its value is in; the status says how it ended.
    case ended
    /// Not computable: not assessable, or fewer than two points to project from.
    case unknown

    public var code: String { rawValue }

    /// Higher is better; used to pick the less favourable of two readings.
    public var favourability: Int {
        switch self {
        case .ended: 5
        case .likely: 4
        case .atRisk: 3
        case .unlikely: 2
        case .movingAway: 1
        case .unknown: 0
        }
    }
}

/// Notes attached to an evaluation: data quality, shifted bases and why a target is not assessable.
public enum EvaluationFlag: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// The latest value is carried forward from the year before the evaluation year.
    case lagged
    /// The latest value is an estimate or projection by its source.
    case estimate
    /// No value at the base year: the base moved to the nearest usable year.
    case baseShifted = "base_shifted"
    /// A multiplicative formula met a value ≤ 0 and fell back to the additive form.
    case formFallback = "form_fallback"
    /// OLS and Theil–Sen trends give different labels; the less favourable is shown.
    case trendDisagreement = "trend_disagreement"
    /// The base already met the target: judged by attainment only.
    case maintain
    /// Not assessable: no base value could be found.
    case noBase = "no_base"
    /// Not assessable: no observation after the base year.
    case noLaterObservation = "no_later_observation"
    /// Not assessable: the latest value is older than the year before the evaluation year.
    case stale
    /// Not assessable: an annual count has no flow in the evaluation year.
    case noFlowInYear = "no_flow_in_year"
    /// Not assessable: a cumulative total misses a year inside its window.
    case gapInFlows = "gap_in_flows"
    /// Not assessable: the desired direction cannot be determined.
    case noDirection = "no_direction"
    /// Not assessable: the evaluation year is before the target's window or after its base.
    case notStarted = "not_started"

    public var code: String { rawValue }

    /// Whether the flag says why a target is not assessable (rather than describing its data).
    public var isReasonNotAssessable: Bool {
        switch self {
        case .noBase, .noLaterObservation, .stale, .noFlowInYear, .gapInFlows, .noDirection, .notStarted: true
        default: false
        }
    }

    public static func < (a: EvaluationFlag, b: EvaluationFlag) -> Bool { a.rawValue < b.rawValue }
}

/// Comparisons with the relative tolerance of rule 18 (1e-9).
public enum Tolerant {
    public static let relative = 1e-9

    /// `a ≥ b`, allowing a relative error of 1e-9.
    public static func greaterOrEqual(_ a: Double, _ b: Double) -> Bool {
        guard a.isFinite, b.isFinite else { return a >= b }
        return a - b >= -relative * max(abs(a), abs(b))
    }

    /// `a ≤ b`, allowing a relative error of 1e-9.
    public static func lessOrEqual(_ a: Double, _ b: Double) -> Bool {
        greaterOrEqual(b, a)
    }

    /// `a == b`, allowing a relative error of 1e-9.
    public static func equal(_ a: Double, _ b: Double) -> Bool {
        guard a.isFinite, b.isFinite else { return a == b }
        return abs(a - b) <= relative * max(abs(a), abs(b))
    }
}

extension EvaluationStatus {
    /// The Chinese label the evaluation rules give (已达标, 符合进度 …).
    public var nameZh: String {
        switch self {
        case .achieved: "已达标"
        case .compliantAtRisk: "达标但有风险"
        case .onTrack: "符合进度"
        case .behind: "略滞后"
        case .seriouslyBehind: "明显滞后"
        case .slipped: "达标后回落"
        case .movingAway: "逆向变化"
        case .notAssessable: "无法评估"
        }
    }

    /// The English label.
    public var nameEn: String {
        switch self {
        case .achieved: "Achieved"
        case .compliantAtRisk: "Compliant, at risk"
        case .onTrack: "On track"
        case .behind: "Behind"
        case .seriouslyBehind: "Seriously behind"
        case .slipped: "Slipped below target"
        case .movingAway: "Moving away"
        case .notAssessable: "Not assessable"
        }
    }
}

extension Likelihood {
    /// The Chinese label the evaluation rules give (预计可完成, 有风险 …).
    public var nameZh: String {
        switch self {
        case .likely: "预计可完成"
        case .atRisk: "有风险"
        case .unlikely: "难以完成"
        case .movingAway: "逆向"
        case .ended: "已到期"
        case .unknown: "—"
        }
    }
}
