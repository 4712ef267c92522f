import Foundation
import PlanCore

/// Which targets a list shows, and in what order.
public struct TargetFilter: Sendable, Hashable {
    public enum Sort: String, Sendable, CaseIterable {
        /// As the plan states them (chapter, article).
        case plan
        /// The least favourable status first.
        case status
        /// The least progress first.
        case progress
    }

    public var status: EvaluationStatus?
    public var chapter: Int?
    /// Every target evaluated in this region (`nil`: each target in its own region).
    public var region: String?
    public var binding: Bool?
    public var assessable: Bool?
    public var reason: NotAssessableReason?
    public var indicator: String?
    public var sort: Sort

    public init(
        status: EvaluationStatus? = nil, chapter: Int? = nil, region: String? = nil, binding: Bool? = nil, assessable: Bool? = nil,
        reason: NotAssessableReason? = nil, indicator: String? = nil, sort: Sort = .plan
    ) {
        self.status = status
        self.chapter = chapter
        self.region = region
        self.binding = binding
        self.assessable = assessable
        self.reason = reason
        self.indicator = indicator
        self.sort = sort
    }
}

/// One target in a list, with its evaluation and, when it cannot be assessed, why.
public struct TargetListing: Sendable {
    public var target: Target
    public var evaluation: TargetEvaluation
    public var reason: NotAssessableReason?
}

extension PlanService.Snapshot {
    /// Why `e` cannot be assessed, in this snapshot's data; `nil` when it can.
    public func reason(for e: TargetEvaluation) -> NotAssessableReason? {
        guard e.status == .notAssessable else { return nil }
        let indicator = targetsByID[e.targetID]?.indicatorKey ?? ""
        return NotAssessableReason.of(e, hasData: !index[indicator, e.regionCode].isEmpty)
    }
}

extension PlanService {
    /// The targets `filter` selects, evaluated as of `asOf` (the latest year by default), in the
    /// order it asks for. Unknown chapters, regions and indicators are refused.
    public func targetList(_ filter: TargetFilter, asOf: Int? = nil) async throws -> (Snapshot, [TargetListing]) {
        let s = try await current()
        if let chapter = filter.chapter, s.plan.chapter(chapter) == nil {
            throw ServiceError.badParameter(name: "chapter", message: "there is no chapter \(chapter)")
        }
        if let region = filter.region, s.plan.region(region) == nil {
            throw ServiceError.badParameter(name: "region", message: "there is no region \(region)")
        }
        if let key = filter.indicator, s.plan.indicator(key) == nil {
            throw ServiceError.badParameter(name: "indicator", message: "there is no indicator \(key)")
        }
        let (snapshot, evaluations) = try await self.evaluations(asOf: asOf, region: filter.region)
        let listings = Self.listings(evaluations, snapshot: snapshot, filter: filter)
        return (snapshot, listings)
    }

    /// Filters and sorts evaluations as `filter` asks (a pure function of the snapshot).
    static func listings(_ evaluations: [TargetEvaluation], snapshot s: Snapshot, filter: TargetFilter) -> [TargetListing] {
        var out: [TargetListing] = []
        for e in evaluations {
            guard let t = s.targetsByID[e.targetID] else { continue }
            let reason = s.reason(for: e)
            if let status = filter.status, e.status != status { continue }
            if let chapter = filter.chapter, s.plan.chapterNumber(of: t.source) != chapter { continue }
            if let binding = filter.binding, t.binding != binding { continue }
            if let assessable = filter.assessable, (e.status != .notAssessable) != assessable { continue }
            if let wanted = filter.reason, reason != wanted { continue }
            if let key = filter.indicator, t.indicatorKey != key { continue }
            out.append(TargetListing(target: t, evaluation: e, reason: reason))
        }
        // Swift's sort is stable: within a status or a progress, plan order stays.
        switch filter.sort {
        case .plan: break
        case .status:
            // The least favourable first; not assessable (favourability 0) last.
            func rank(_ l: TargetListing) -> Int { l.evaluation.status == .notAssessable ? Int.max : l.evaluation.status.favourability }
            out.sort { rank($0) < rank($1) }
        case .progress:
            // The least progress first; none last.
            out.sort { ($0.evaluation.progress ?? .infinity) < ($1.evaluation.progress ?? .infinity) }
        }
        return out
    }
}
