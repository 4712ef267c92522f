import Foundation
import PlanCore
import PlanStore

extension ReportingService {
    /// The figures submitted (not yet approved) in the units `identity` may approve, as
    /// observations, for the reviewers' preview.
    public func submittedObservations(_ identity: Identity) async throws -> [Observation] {
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

    /// What the overview says of data collection.
    public struct CollectionSummary: Sendable {
        /// How many periods are in each state (approved includes locked).
        public var counts: [SubmissionStatus: Int]
        /// The latest approvals, newest first (at most six).
        public var recent: [Submission]
        /// Whether the counts include the drafts, submissions and returns a reviewer may see.
        public var includesWorkflow: Bool
    }

    /// The latest approvals and how many periods are approved; for a reviewer (`workflowOf`),
    /// also the drafts, submitted and returned periods of the units it may see (the public
    /// overview is cached per data version, which only approvals move on).
    public func collectionSummary(workflowOf reviewer: Identity?) async throws -> CollectionSummary {
        let tree = try await tree()
        var submissions = try await store.submissions(units: nil)
        if let reviewer {
            let account = reviewer.account
            submissions = submissions.filter {
                $0.status == .approved || $0.status == .locked
                    || Access.allows(account.role, userUnit: account.unitCode, action: .viewStatus, unit: $0.unitCode, tree: tree)
            }
        }
        var counts = Dictionary(grouping: submissions, by: \.status).mapValues(\.count)
        counts[.approved, default: 0] += counts[.locked] ?? 0
        let recent = submissions.filter { $0.status == .approved || $0.status == .locked }.sorted { $0.updatedAt > $1.updatedAt }.prefix(6)
        return CollectionSummary(counts: counts, recent: Array(recent), includesWorkflow: reviewer != nil)
    }
}
