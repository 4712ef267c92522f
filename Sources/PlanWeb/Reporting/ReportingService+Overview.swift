import Foundation
import PlanCore
import PlanStore

extension ReportingService {
    /// The figures submitted (not yet approved) in the units `identity` may approve, as
    /// observations, for the reviewers' preview.
    func submittedObservations(_ identity: Identity) async throws -> [Observation] {
        let tree = try await tree()
        var result: [Observation] = []
        for submission in try await reviewQueue(identity) {
            guard let unit = tree[submission.unitCode] else { continue }
            for v in try await store.reportValues(unit: submission.unitCode, period: submission.period) {
                result.append(
                    Observation(
                        indicatorKey: v.indicatorKey, regionCode: unit.regionCode, period: v.period, value: v.value,
                        provenance: Provenance(source: "\(unit.nameZh)填报（待审核）", link: "", quote: v.comment, qualifier: "preview")))
            }
        }
        return result
    }

    /// The overview's data-collection panel: the latest approvals and how many periods are
    /// approved; for a reviewer (`workflowOf`), also the drafts, submitted and returned periods of
    /// the units it may see (the public overview is cached per data version, which only approvals
    /// move on).
    func overviewPanel(language: Language, workflowOf reviewer: Identity?) async throws -> OverviewPage.ReportingPanel {
        let t = language.t
        let tree = try await tree()
        let workflow = reviewer != nil
        var submissions = try await store.submissions(units: nil)
        if let reviewer {
            let account = reviewer.account
            submissions = submissions.filter {
                $0.status == .approved || $0.status == .locked
                    || Access.allows(account.role, userUnit: account.unitCode, action: .viewStatus, unit: $0.unitCode, tree: tree)
            }
        }
        let counts = Dictionary(grouping: submissions, by: \.status).mapValues(\.count)
        let recent = submissions.filter { $0.status == .approved || $0.status == .locked }.sorted { $0.updatedAt > $1.updatedAt }.prefix(6)
        return OverviewPage.ReportingPanel(
            heading: t("数据报送", "Data collection"),
            note: t("各地各部门报送的数据经审核通过后才进入评估。", "Reported figures enter the evaluation only once approved."),
            counts: (workflow ? [SubmissionStatus.draft, .submitted, .returned, .approved] : [.approved]).map {
                OverviewPage.StatusCount(code: $0.rawValue, name: t($0.nameZh, $0.nameEn), count: (counts[$0] ?? 0) + ($0 == .approved ? counts[.locked] ?? 0 : 0))
            },
            recentHeading: t("最近审核通过", "Recently approved"),
            recent: recent.map { s in
                OverviewPage.RecentApproval(
                    unitCode: s.unitCode, unitName: tree[s.unitCode].map { t($0.nameZh, $0.nameEn) } ?? s.unitCode, period: s.period.description,
                    at: String(s.updatedAt.prefix(10)))
            },
            hasRecent: !recent.isEmpty)
    }
}
