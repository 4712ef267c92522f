import Foundation
import PlanCore

/// The one sentence a target page opens with, in plain words: where the value stands against the
/// target and what that means (「基期已达标，目前低于目标0.3个百分点」). The formulas stay in the
/// collapsed 计算方法 section below it.
enum TargetLead {
    static func sentence(_ t: Target, _ e: TargetEvaluation, unit: String, language: Language, reason: NotAssessableReason?) -> String {
        let tr = language.t
        let fmt = { (x: Double?) in NumberText.format(x, unit: unit, language: language) }
        let period = e.latestPeriod?.description ?? ""
        let deadline = t.deadline.finalYear(planEnd: 2025)
        /// The distance to the target, in percentage points for a percentage.
        func gap(_ a: Double, _ b: Double) -> String {
            let d = abs(a - b)
            if MeasurementUnit.isPercent(unit) { return tr("\(NumberText.plain(d))个百分点", "\(NumberText.plain(d)) percentage points") }
            return fmt(d)
        }
        let level = e.band.map { "\(fmt($0.lowerBound))–\(fmt($0.upperBound))" } ?? fmt(e.targetLevel)
        switch e.status {
        case .notAssessable:
            let what = reason.map { tr($0.nameZh, $0.nameEn) } ?? tr("数据", "data")
            return tr("暂时无法评估：缺少\(what)。没有数据时不作推测。", "Not assessable yet: \(what) missing. Nothing is guessed where data are missing.")
        case .slipped:
            guard let y = e.latestValue, let level = e.targetLevel else { break }
            let side = (e.direction == .lower) ? tr("高于", "above") : tr("低于", "below")
            return tr(
                "基期已达标，目前（\(period)）\(side)目标\(gap(y, level))：最新值 \(fmt(y))，目标 \(fmt(level))。",
                "Met at the base, now \(gap(y, level)) \(side) the target: latest \(fmt(y)) (\(period)) against \(fmt(level)).")
        case .achieved:
            guard let y = e.latestValue else { break }
            let ended = e.likelihood == .ended ? tr("已到期，", "") : ""
            return tr(
                "\(ended)已达标：最新值 \(fmt(y))（\(period)），目标 \(level)。",
                "Met: latest \(fmt(y)) (\(period)) against a target of \(level)" + (e.likelihood == .ended ? "; the deadline has passed." : "."))
        case .compliantAtRisk:
            guard let y = e.latestValue else { break }
            return tr(
                "目前已达标（\(fmt(y))，\(period)），但按趋势到\(deadline)年约为 \(fmt(e.projection))，可能达不到目标 \(level)。",
                "Met now (\(fmt(y)), \(period)), but the trend reaches about \(fmt(e.projection)) by \(deadline) and may miss the target of \(level)."
            )
        case .movingAway:
            guard let y = e.latestValue, let b = e.baseValue else { break }
            return tr(
                "最新值 \(fmt(y))（\(period)）比基期 \(fmt(b)) 离目标 \(level) 更远。",
                "The latest value \(fmt(y)) (\(period)) is further from the target of \(level) than the base \(fmt(b)).")
        case .onTrack, .behind, .seriouslyBehind:
            guard let y = e.latestValue, let p = e.progress, let tau = e.timeElapsed else { break }
            let verdict = language.status(e.status)
            return tr(
                "完成了计划变化的 \(NumberText.percent(p))，时间已过 \(NumberText.percent(tau))：\(verdict)。最新值 \(fmt(y))（\(period)），目标 \(level)。",
                "\(NumberText.percent(p)) of the planned change is done with \(NumberText.percent(tau)) of the time gone: \(verdict.lowercased()). Latest \(fmt(y)) (\(period)), target \(level)."
            )
        }
        return language.status(e.status) + tr("。", ".")
    }
}
