import Foundation

/// Whether the owner's judgement and the numbers disagree: the unit's last two counting reports
/// both say on schedule (or done) with confidence, while a target the task serves is behind,
/// seriously behind, slipped, moving away or met but at risk.
public enum Divergence {
    public static func diverges(reports: [ProgressReport], targetStatuses: [EvaluationStatus]) -> Bool {
        let counting = reports.filter(\.counts).sorted { $0.period > $1.period }.prefix(2)
        guard counting.count == 2,
            counting.allSatisfy({ ($0.status == .onSchedule || $0.status == .done) && $0.confidence.confident })
        else { return false }
        return targetStatuses.contains { AlertRules.severity(of: $0) != nil }
    }
}
