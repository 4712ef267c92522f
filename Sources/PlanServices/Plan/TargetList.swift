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
            let reason = NotAssessableReason.of(e, hasData: !s.index[t.indicatorKey, e.regionCode].isEmpty)
            if let status = filter.status, e.status != status { continue }
            if let chapter = filter.chapter, s.plan.chapterNumber(of: t.source) != chapter { continue }
            if let binding = filter.binding, t.binding != binding { continue }
            if let assessable = filter.assessable, (e.status != .notAssessable) != assessable { continue }
            if let wanted = filter.reason, reason != wanted { continue }
            if let key = filter.indicator, t.indicatorKey != key { continue }
            out.append(TargetListing(target: t, evaluation: e, reason: reason))
        }
        switch filter.sort {
        case .plan: break
        case .status:
            // Stable: within a status, plan order.
            out = out.enumerated().sorted { a, b in
                let fa = a.element.evaluation.status.favourability
                let fb = b.element.evaluation.status.favourability
                // Not assessable last, then the least favourable first.
                let ka = fa == 0 ? Int.max : fa
                let kb = fb == 0 ? Int.max : fb
                return ka != kb ? ka < kb : a.offset < b.offset
            }.map(\.element)
        case .progress:
            out = out.enumerated().sorted { a, b in
                switch (a.element.evaluation.progress, b.element.evaluation.progress) {
                case (let x?, let y?) where x != y: return x < y
                case (nil, _?): return false
                case (_?, nil): return true
                default: return a.offset < b.offset
                }
            }.map(\.element)
        }
        return out
    }
}
