import Foundation
import PlanCatalog
import PlanCore
import PlanStore

/// Scoring a round's snapshot: each assessed unit's targets resolved for it, evaluated on the
/// frozen observations with the decided appeals laid over them, scored and ranked within its group;
/// kept per snapshot and its decisions.
extension AssessmentService {
    /// Everything scored from a snapshot, kept: a snapshot never changes.
    struct Scored: Sendable {
        var plan: Plan
        var scheme: StoredScheme
        var parsed: AssessmentScheme
        var results: [AssessmentResult]
        var ranking: [AssessmentRanking.Entry]
        var evaluations: [String: [String: TargetEvaluation]]
        /// The frozen observations by `indicator|region|period` (an appeal's correction in place
        /// of the value it corrected).
        var observations: [String: Observation]
        /// The accepted appeals laid over the snapshot, and the lines as frozen before them, by
        /// `unit|target`.
        var corrections: [String: Appeal]
        var frozenLines: [String: (line: AssessmentResult.Line, latest: Double?)]
        /// The qualitative points given, by unit, and the diligence scores the snapshot kept.
        var qualitative: [String: [QualitativeScore]]
        var diligence: [String: Double]
        /// Each unit's targets as resolved for it (see `SchemeTargets`), by target id.
        var unitTargets: [String: [String: Target]]
        /// The region each unit is scored on, and the group it ranks in.
        var regionOf: [String: String]
        var groupOf: [String: String]
    }

    func scored(_ round: AssessmentRound, snapshot: RoundSnapshot) async throws -> Scored {
        let corrections = AppealRules.corrections(try await store.appeals(round: round.id, unit: nil), snapshot: snapshot.seq)
        let qualitative = try await store.qualitativeScores(round: round.id)
        let key =
            "\(round.id)#\(snapshot.seq)#" + corrections.map { "\($0.seq)" }.joined(separator: ",") + "#"
            + qualitative.map { "\($0.unit)/\($0.item)/\($0.points)/\($0.enteredAt)/\($0.reason)" }.joined(separator: ",")
        if let kept = await cache.scored(key) { return kept }
        // Kept with the snapshot: it never changes, so it is not part of the key.
        let diligence = try await store.snapshotDiligence(round: round.id, seq: snapshot.seq)
        guard let stored = try await store.scheme(id: round.schemeID, version: round.schemeVersion) else {
            throw ServiceError.notFound(what: "scheme \(round.schemeID) v\(round.schemeVersion)")
        }
        // The plan alone (not the current data, which a round never reads).
        let plan = try await store.loadPlan()
        let scheme: AssessmentScheme
        do {
            // The points assessors gave on the qualitative items count with those the scheme sets.
            scheme = QualitativeRules.applied(
                qualitative, diligence: diligence, to: try AssessmentSchemeFile.read(stored.body, file: "scheme", plan: plan))
        } catch {
            throw ServiceError.conflict(
                zh: "方案 \(stored.id) 第 \(stored.version) 版与当前目标目录不符：\(error)",
                en: "Scheme \(stored.id) v\(stored.version) no longer fits the catalog: \(error)")
        }
        let frozen = try await store.snapshotObservations(round: round.id, seq: snapshot.seq).map(\.observation)
        let index = ComputedIndicators(indicators: plan.indicators).apply(to: ObservationIndex(frozen))
        let targets = Dictionary(plan.targets.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let items = scheme.items.compactMap { targets[$0.targetID] }
        let evaluator = PlanEvaluator(indicatorUnits: Dictionary(plan.indicators.map { ($0.key, $0.unit) }, uniquingKeysWith: { a, _ in a }))
        var evaluations: [String: [String: TargetEvaluation]] = [:]
        var corrected: [String: Appeal] = [:]
        var frozenLines: [String: (line: AssessmentResult.Line, latest: Double?)] = [:]
        var correctedObservations: [Observation] = []
        var targetsByUnit: [String: [String: Target]] = [:]
        let fixes = Dictionary(grouping: corrections, by: \.unit)
        let schemeIndex = SchemeTargets.Index(plan: plan)
        let assessed = try await assessedUnits(scheme, plan: plan)
        var groupOf: [String: String] = [:]
        let results = assessed.map { unit in
            let (code, region) = (unit.code, unit.region)
            let unitScheme = scheme.forUnit(code)
            // Units rank among their own kind scored on the same targets.
            groupOf[code] = unit.group + "|" + unitScheme.items.map(\.targetID).joined(separator: ",")
            // Each item's target for this unit: its own where it has one (see SchemeTargets).
            let own = unitScheme.items.compactMap { item in SchemeTargets.resolve(item, unit: region, in: schemeIndex) }
            let unitTargets = Dictionary(own.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            targetsByUnit[code] = unitTargets
            var byTarget = Dictionary(
                evaluator.evaluate(own.map { ($0, region) }, observations: index, asOf: round.year).map { ($0.targetID, $0) },
                uniquingKeysWith: { a, _ in a })
            var result = Self.score(unitScheme, targets: unitTargets, evaluations: byTarget, unit: code, year: round.year)
            // An accepted appeal: the line's target evaluated again with the corrected value for
            // the year laid over the snapshot; no other line is evaluated again.
            if let fixes = fixes[code] {
                for fix in fixes {
                    guard let target = unitTargets[fix.targetID], let value = fix.correctedValue,
                        let line = result.lines.first(where: { $0.targetID == fix.targetID })
                    else { continue }
                    let o = Observation(
                        indicatorKey: target.indicatorKey, regionCode: region, period: Period(year: round.year), value: value,
                        provenance: Provenance(source: "申诉 \(fix.id) 更正（\(fix.decidedBy ?? "")）", quote: fix.decision))
                    guard let e = evaluator.evaluate([(target, region)], observations: index.overlaid(with: [o]), asOf: round.year).first else {
                        continue
                    }
                    frozenLines["\(code)|\(fix.targetID)"] = (line, byTarget[fix.targetID]?.latestValue)
                    corrected["\(code)|\(fix.targetID)"] = fix
                    byTarget[fix.targetID] = e
                    correctedObservations.append(o)
                }
                result = Self.score(unitScheme, targets: unitTargets, evaluations: byTarget, unit: code, year: round.year)
            }
            evaluations[code] = byTarget
            return result
        }
        var ranking: [AssessmentRanking.Entry] = []
        for group in Self.groups(results, groupOf) { ranking += AssessmentRanking.rank(group) }
        let order = Dictionary(uniqueKeysWithValues: ranking.enumerated().map { ($1.unit, $0) })
        // Only what a score sheet cites: the scored indicators of the assessed units.
        let cited = Set(items.map(\.indicatorKey))
        let units = Set(assessed.map(\.region))
        var observations: [String: Observation] = [:]
        // From the index, so that computed indicators' values are there too.
        for key in cited {
            for unit in units {
                for o in index[key, unit] { observations["\(key)|\(unit)|\(o.period)"] = o }
            }
        }
        for o in correctedObservations { observations["\(o.indicatorKey)|\(o.regionCode)|\(o.period)"] = o }
        let done = Scored(
            plan: plan, scheme: stored, parsed: scheme, results: results.sorted { (order[$0.unit] ?? 0) < (order[$1.unit] ?? 0) }, ranking: ranking,
            evaluations: evaluations, observations: observations, corrections: corrected, frozenLines: frozenLines,
            qualitative: Dictionary(grouping: qualitative, by: \.unit), diligence: diligence, unitTargets: targetsByUnit,
            regionOf: Dictionary(assessed.map { ($0.code, $0.region) }, uniquingKeysWith: { a, _ in a }), groupOf: groupOf)
        await cache.keep(done, for: key)
        return done
    }

    /// A unit's result, the lines whose target the scheme leaves without the unit's value saying so.
    static func score(
        _ scheme: AssessmentScheme, targets: [String: Target], evaluations: [String: TargetEvaluation], unit: String, year: Int
    ) -> AssessmentResult {
        var result = Assessor.score(scheme: scheme, targets: targets, evaluations: evaluations, unit: unit, year: year)
        for i in result.lines.indices where targets[result.lines[i].targetID] == nil {
            result.lines[i].reason = "no target for this unit: the scheme sets none (0 points, no veto)"
        }
        return result
    }

    /// The scheme check: the items whose target is a level the scheme sets no value of for some
    /// assessed units (they score nothing for those units).
    public func gaps(_ scheme: AssessmentScheme) async throws -> [(targetID: String, units: [String])] {
        let plan = try await store.loadPlan()
        return SchemeTargets.missing(scheme, units: Self.assessedUnits(plan), in: SchemeTargets.Index(plan: plan))
    }

    /// The 16 cities, the units a scheme assesses unless it says otherwise.
    static func assessedUnits(_ plan: Plan) -> [String] {
        plan.regions.filter { $0.level == .city }.map(\.code)
    }

    /// A unit a round assesses: its code, the region whose targets and data it is scored on (a
    /// department's or an enterprise's is the province), and the kind it ranks among.
    struct AssessedUnit: Sendable {
        var code, region, group: String
    }

    /// The units `scheme` assesses, in its order (`cities` for the 16 cities).
    func assessedUnits(_ scheme: AssessmentScheme, plan: Plan) async throws -> [AssessedUnit] {
        let units = Dictionary(try await store.units().map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [AssessedUnit] = []
        for code in scheme.assessed {
            if code == "cities" {
                out += Self.assessedUnits(plan).map { AssessedUnit(code: $0, region: $0, group: "city") }
            } else if let region = plan.region(code) {
                out.append(AssessedUnit(code: code, region: code, group: region.level.rawValue))
            } else if let unit = units[code] {
                out.append(AssessedUnit(code: code, region: unit.regionCode, group: unit.kind.rawValue))
            }
        }
        var seen: Set<String> = []
        return out.filter { seen.insert($0.code).inserted }
    }

    /// Results in groups that rank among themselves, in the order their first member comes.
    static func groups(_ results: [AssessmentResult], _ groupOf: [String: String]) -> [[AssessmentResult]] {
        var order: [String] = []
        var members: [String: [AssessmentResult]] = [:]
        for r in results {
            let key = groupOf[r.unit] ?? ""
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(r)
        }
        return order.map { members[$0]! }
    }

    /// A unit's name: a region's or a reporting unit's.
    func unitName(_ code: String, plan: Plan) async throws -> (zh: String, en: String) {
        if let r = plan.region(code) { return (r.nameZh, r.nameEn) }
        if let u = try await store.units().first(where: { $0.code == code }) { return (u.nameZh, u.nameEn) }
        return (code, code)
    }
}

/// Scored snapshots, by round and snapshot: they never change, so they are kept (the last few).
actor RoundCache {
    private var kept: [(key: String, scored: AssessmentService.Scored)] = []

    func scored(_ key: String) -> AssessmentService.Scored? { kept.first { $0.key == key }?.scored }

    func keep(_ scored: AssessmentService.Scored, for key: String) {
        kept.removeAll { $0.key == key }
        kept.insert((key, scored), at: 0)
        if kept.count > 8 { kept.removeLast() }
    }
}
