import Foundation
import PlanCatalog
import PlanCore
import PlanStore

/// What-ifs on a frozen round: changed scheme parameters or a unit's value, never saved.
extension AssessmentService {
    /// A what-if: the round's frozen results beside those the changed scheme would give.
    public struct WhatIfResult: Sendable {
        public var results: RoundResults
        /// The scheme as frozen, and as changed.
        public var scheme, changedScheme: AssessmentScheme
        /// In the order of `results.results`.
        public var changed: [AssessmentResult]
        /// Competition ranks, frozen and changed, by unit.
        public var frozenRanks, changedRanks: [String: Int]
        /// What was tried.
        public var changes: WhatIf
    }

    /// Scores the round's frozen snapshot with changed scheme parameters: never saved. The office
    /// may try it at any time; anyone once the round is published.
    public func whatIf(_ id: String, changes: WhatIf, identity: Identity?) async throws -> WhatIfResult {
        let results = try await results(id, identity: identity)
        guard results.complete else {
            throw ServiceError.forbidden(zh: "考核结果发布前，只有领导小组办公室可以试算", en: "Before publication only the office may try changes")
        }
        let scored = try await scored(results.round, snapshot: results.snapshot)
        let units = Set(scored.results.map(\.unit))
        let problems =
            changes.problems(for: scored.parsed)
            + changes.values.keys.sorted().compactMap { key in
                let unit = String(key.split(separator: "|").first ?? "")
                return units.contains(unit) ? nil : ("本轮没有考核单位 \(unit)", "the round assesses no unit \(unit)")
            }
        guard problems.isEmpty else {
            throw ServiceError.invalid(
                zh: "试算参数有误：" + problems.map(\.zh).joined(separator: "；"),
                en: "The changes cannot apply: " + problems.map(\.en).joined(separator: "; "),
                problems: [], total: 0)
        }
        let scheme = changes.applied(to: scored.parsed)
        let evaluator = PlanEvaluator(
            indicatorUnits: Dictionary(scored.plan.indicators.map { ($0.key, $0.unit) }, uniquingKeysWith: { a, _ in a }))
        let changed = results.results.map { r in
            let region = scored.regionOf[r.unit] ?? r.unit
            let targets = scored.unitTargets[r.unit] ?? [:]
            var evaluations = scored.evaluations[r.unit] ?? [:]
            // A unit's value tried: its target evaluated again over the unit's frozen series with the value for the year.
            let mine = changes.values.filter { $0.key.hasPrefix(r.unit + "|") }
            if !mine.isEmpty {
                let series = ObservationIndex(scored.observations.values.filter { $0.regionCode == region })
                for (key, value) in mine {
                    guard let target = targets[String(key.dropFirst(r.unit.count + 1))] else { continue }
                    let o = Observation(indicatorKey: target.indicatorKey, regionCode: region, period: Period(year: r.year), value: value)
                    if let e = evaluator.evaluate([(target, region)], observations: series.overlaid(with: [o]), asOf: r.year).first {
                        evaluations[target.id] = e
                    }
                }
            }
            return Self.score(scheme.forUnit(r.unit), targets: targets, evaluations: evaluations, unit: r.unit, year: r.year)
        }
        func ranks(_ list: [AssessmentResult]) -> [String: Int] {
            var out: [String: Int] = [:]
            for group in Self.groups(list, scored.groupOf) {
                for (unit, rank) in zip(group.map(\.unit), AssessmentRanking.competitionRanks(group.map(\.total))) { out[unit] = rank }
            }
            return out
        }
        return WhatIfResult(
            results: results, scheme: scored.parsed, changedScheme: scheme, changed: changed, frozenRanks: ranks(results.results),
            changedRanks: ranks(changed), changes: changes)
    }
}
