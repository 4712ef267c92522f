import Foundation
import PlanCore

/// Each status with one plain sentence saying what it means. Its mark (a colour from a
/// colour-blind-safe palette and a distinct glyph, so that it reads without colour and in print)
/// is drawn by the stylesheet from the status code.
struct StatusLegend {
    struct Entry {
        var code, name, meaning: String
        var count: Int
        var href: String
    }

    static func meaning(_ s: EvaluationStatus, language: Language) -> String {
        let t = language.t
        return switch s {
        case .achieved: t("最新数据已达到目标。", "The latest value meets the target.")
        case .compliantAtRisk:
            t("目前已达标，但按趋势到期时会未达标（上限目标则会突破）。", "Met now, but the trend says it will be missed (or a ceiling breached) by the deadline.")
        case .onTrack: t("进展不慢于按时完成所需的速度（进度比 ≥ 0.95）。", "Progress keeps pace with the time elapsed (pace ratio ≥ 0.95).")
        case .behind: t("进展慢于所需速度，但已完成所需的六成以上（0.60–0.95）。", "Slower than needed, but above 60% of the required pace (0.60–0.95).")
        case .seriouslyBehind: t("进展不到所需速度的六成（0–0.60）。", "Less than 60% of the required pace (0–0.60).")
        case .slipped: t("基期时已达到目标，但最新数据已回落到目标以下。", "The target was met at the base, but the latest value has slipped below it.")
        case .movingAway: t("数值朝目标的反方向变化。", "The value is moving away from the target.")
        case .notAssessable: t("缺少评估所需的数据；目标页说明缺什么。", "Data needed to assess it are missing; the target's page says which.")
        }
    }

    /// Every status, in order of favourability, with counts from `evaluations` and links to the
    /// target list filtered by status (keeping `asOf` when one was chosen).
    static func entries(_ evaluations: [TargetEvaluation], language: Language, asOf: Int?) -> [Entry] {
        let counts = Dictionary(grouping: evaluations, by: \.status).mapValues(\.count)
        let suffix = asOf.map { "&as_of=\($0)" } ?? ""
        return EvaluationStatus.allCases.map { s in
            Entry(
                code: s.code, name: language.status(s), meaning: meaning(s, language: language), count: counts[s] ?? 0,
                href: "/targets?status=\(s.code)" + suffix)
        }
    }
}
