import Foundation
import PlanCore
import PlanStore

/// The one rule for what a caller may see of a unit's figures before they are approved: those
/// who may read the unit's drafts (`Access`, `.readDrafts`) see the latest reported values with
/// their comments, explanations, flags, reasons and revisions; everybody else sees approved values
/// only, and nothing that was said about them while in draft. The entry page, the reporting API,
/// the import template and reconciliation all read through it.
public enum DraftVisibility {
    /// Whether `identity` may read the drafts of `unit`.
    public static func readsDrafts(_ identity: Identity, unit: String, tree: UnitTree) -> Bool {
        Access.allows(identity.account.role, userUnit: identity.account.unitCode, action: .readDrafts, unit: unit, tree: tree)
    }

    /// A stored value as seen without the right to read drafts: its approved value, or nothing.
    public static func published(_ value: ReportValue) -> ReportValue? {
        guard let approved = value.approvedValue else { return nil }
        return ReportValue(
            unitCode: value.unitCode, indicatorKey: value.indicatorKey, period: value.period, value: approved, approvedValue: approved, revision: 0)
    }

    /// `data` as seen with or without the right to read drafts.
    static func apply(_ data: ReportingService.PeriodData, drafts: Bool) -> ReportingService.PeriodData {
        guard !drafts else { return data }
        var data = data
        data.values = data.values.compactMap(published)
        data.revisions = []
        data.submission.reason = nil
        data.drafts = false
        return data
    }
}
