import Foundation
import PlanCatalog
import PlanCore
import PlanStore

/// The annual assessment as a workflow: schemes stored as versioned YAML, rounds that freeze the
/// data at a cut-off, score sheets computed only from a round's snapshot, and publication. It
/// knows nothing of HTTP; permissions go through `Access` (`manageAssessment`, asked of the
/// province).
public struct AssessmentService: Sendable {
    public let store: any PlanStore
    public let reporting: ReportingService
    public let plans: PlanService
    public let clock: PlanClock
    /// Where the reporting-diligence component comes from (none: the component scores nothing).
    public let supervision: SupervisionService?
    let cache = RoundCache()

    public init(store: any PlanStore, reporting: ReportingService, plans: PlanService, clock: PlanClock, supervision: SupervisionService? = nil) {
        self.supervision = supervision
        self.store = store
        self.reporting = reporting
        self.plans = plans
        self.clock = clock
    }

    /// Whether `identity` runs the assessment (the office and administrators).
    public func manages(_ identity: Identity?) async throws -> Bool {
        try await reporting.allows(identity, .manageAssessment, unit: try await reporting.tree().root)
    }

    @discardableResult
    func authorizeManage(_ identity: Identity?) async throws -> Identity {
        try await reporting.authorize(identity, .manageAssessment, unit: try await reporting.tree().root).0
    }

    // MARK: Schemes

    /// Every version of every scheme, newest first within each (any logged-in user: the criteria
    /// are known to those assessed).
    public func schemes(identity: Identity?) async throws -> [StoredScheme] {
        guard identity != nil else { throw ServiceError.notAuthenticated }
        return try await store.schemes(id: nil)
    }

    public func scheme(_ id: String, version: Int?, identity: Identity?) async throws -> StoredScheme {
        guard identity != nil else { throw ServiceError.notAuthenticated }
        let versions = try await store.schemes(id: id)
        guard let found = version.map({ v in versions.first { $0.version == v } }) ?? versions.first else {
            throw ServiceError.notFound(what: "scheme \(id)\(version.map { " v\($0)" } ?? "")")
        }
        return found
    }

    /// Whether a scheme id can be part of a URL: 1 to 40 lower-case ASCII letters, digits and `-`.
    public static func validID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 40 && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// Checks a scheme's YAML against the plan: the scheme, or every problem (422).
    public func check(_ body: String) async throws -> AssessmentScheme {
        guard body.utf8.count <= 512 * 1024 else { throw ServiceError.tooLarge(limit: 512 * 1024) }
        do {
            let plan = try await store.loadPlan()
            let scheme = try AssessmentSchemeFile.read(body, file: "scheme", plan: plan)
            // The units assessed must be cities, regions or reporting units (departments, enterprises).
            let units = Set(try await store.units().map(\.code))
            let unknown = (scheme.assessed + scheme.unitItems.keys.sorted()).filter {
                $0 != "cities" && plan.region($0) == nil && !units.contains($0)
            }
            guard unknown.isEmpty else {
                let problems = unknown.map { RowProblem(line: 0, indicatorKey: nil, message: "no unit \($0)", messageZh: "没有单位 \($0)") }
                throw ServiceError.invalid(
                    zh: "考核方案有 \(problems.count) 处问题，未保存", en: "The scheme has \(problems.count) problems; nothing was saved",
                    problems: problems, total: problems.count)
            }
            return scheme
        } catch let error as CatalogError {
            let problems = error.problems.map { p in
                let place = [p.entry, p.field].compactMap { $0 }.joined(separator: " ")
                let text = (place.isEmpty ? "" : "\(place): ") + p.message
                return RowProblem(line: p.line ?? 0, indicatorKey: nil, message: text, messageZh: text)
            }
            throw ServiceError.invalid(
                zh: "考核方案有 \(problems.count) 处问题，未保存", en: "The scheme has \(problems.count) problems; nothing was saved",
                problems: problems, total: problems.count)
        }
    }

    /// Saves a new version of scheme `id` (the first when new) after checking it; every edit is a
    /// new version, and rounds name the version they use.
    public func saveScheme(id: String, body: String, note: String, identity: Identity?, actor: Actor) async throws -> StoredScheme {
        try await authorizeManage(identity)
        guard Self.validID(id) else {
            throw ServiceError.badParameter(name: "id", message: "1 to 40 lower-case letters, digits and hyphens, such as city-2024")
        }
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        try TextInput.check(["note": note], multiline: [])
        let scheme = try await check(body)
        if let last = try await store.schemes(id: id).first, last.body == body {
            throw ServiceError.conflict(zh: "方案内容没有变化（仍为第 \(last.version) 版）", en: "Nothing changed (still version \(last.version))")
        }
        return try await store.saveScheme(id: id, name: scheme.name, body: body, note: note, actor: actor)
    }

    /// Saves a new version from a workbook (see `SchemeWorkbook`): read into the scheme's YAML,
    /// then checked and saved like any version.
    public func saveScheme(id: String, workbook: Data, note: String, identity: Identity?, actor: Actor) async throws -> StoredScheme {
        try await authorizeManage(identity)
        guard workbook.count <= 5 << 20 else { throw ServiceError.tooLarge(limit: 5 << 20) }
        let body = try SchemeWorkbook.yaml(workbook, plan: try await store.loadPlan())
        return try await saveScheme(id: id, body: body, note: note, identity: identity, actor: actor)
    }

    /// A scheme version as a workbook to edit and import again (any logged-in user).
    public func schemeWorkbook(_ id: String, version: Int?, identity: Identity?) async throws -> Data {
        let stored = try await scheme(id, version: version, identity: identity)
        let plan = try await store.loadPlan()
        guard let parsed = try? AssessmentSchemeFile.read(stored.body, file: "scheme", plan: plan) else {
            throw ServiceError.conflict(
                zh: "方案 \(stored.id) 第 \(stored.version) 版与当前目标目录不符", en: "Scheme \(stored.id) v\(stored.version) no longer fits the catalog")
        }
        return try SchemeWorkbook.xlsx(parsed, plan: plan)
    }

    // MARK: Rounds

    /// The rounds `identity` may see: every round for a logged-in user, published ones for anyone.
    public func rounds(identity: Identity?) async throws -> [AssessmentRound] {
        let all = try await store.rounds()
        return identity == nil ? all.filter { $0.state == .published } : all
    }

    public func round(_ id: String, identity: Identity?) async throws -> AssessmentRound {
        guard let round = try await store.round(id: id), identity != nil || round.state == .published else {
            if identity == nil, try await store.round(id: id) != nil { throw ServiceError.notAuthenticated }
            throw ServiceError.notFound(what: "round \(id)")
        }
        return round
    }

    /// Opens a round for a year with a scheme version and a cut-off day.
    public func openRound(year: Int, schemeID: String, version: Int, cutoff: Day, identity: Identity?, actor: Actor) async throws
        -> AssessmentRound
    {
        try await authorizeManage(identity)
        guard (2000...2100).contains(year) else { throw ServiceError.badParameter(name: "year", message: "a year such as 2024") }
        guard cutoff > Day(year: year, month: 12, day: 31) else {
            throw ServiceError.badParameter(name: "cutoff", message: "a day after the assessed year ends, such as \(year + 1)-03-31")
        }
        guard try await store.scheme(id: schemeID, version: version) != nil else {
            throw ServiceError.notFound(what: "scheme \(schemeID) v\(version)")
        }
        return try await store.openRound(year: year, schemeID: schemeID, schemeVersion: version, cutoff: cutoff, actor: actor)
    }

    /// Freezes the round's data as they stand: the first time, or again with a reason (the
    /// earlier snapshot and its results are kept). Not before the cut-off day.
    public func freeze(_ id: String, reason: String, identity: Identity?, actor: Actor) async throws -> AssessmentRound {
        try await authorizeManage(identity)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        try TextInput.check(["reason": reason], multiline: ["reason"])
        let round = try await round(id, identity: identity)
        guard clock.today() >= round.cutoff else {
            throw ServiceError.conflict(zh: "数据截止日（\(round.cutoff)）之后才能冻结", en: "The data can be frozen from the cut-off day (\(round.cutoff)) on")
        }
        let diligence = try await yearDiligence(round)
        do {
            return try await store.freezeRound(id: id, reason: reason, diligence: diligence, actor: actor) {
                try RoundWorkflow.freeze($0, reason: reason)
            }
        } catch let error as RoundError {
            throw ServiceError.conflict(zh: error.zh, en: error.en)
        }
    }

    /// Each assessed unit's reporting-diligence score over the round's year, when its scheme has
    /// the component (units with nothing due are left out).
    func yearDiligence(_ round: AssessmentRound) async throws -> [String: Double] {
        guard let supervision, let stored = try await store.scheme(id: round.schemeID, version: round.schemeVersion) else { return [:] }
        let plan = try await store.loadPlan()
        guard let parsed = try? AssessmentSchemeFile.read(stored.body, file: "scheme", plan: plan), parsed.diligencePoints != nil else { return [:] }
        let counts = try await supervision.diligenceCounts(
            unit: nil, from: Period(year: round.year, span: .month(1)), through: Period(year: round.year, span: .month(12)))
        var out: [String: Double] = [:]
        for unit in try await assessedUnits(parsed, plan: plan) {
            if let score = counts[unit.code]?.values.reduce(DiligenceCounts(), +).score() { out[unit.code] = score }
        }
        return out
    }

    /// Publishes a frozen round with every appeal decided: its results become public.
    public func publish(_ id: String, identity: Identity?, actor: Actor) async throws -> AssessmentRound {
        try await authorizeManage(identity)
        _ = try await round(id, identity: identity)
        do {
            return try await store.publishRound(id: id, actor: actor) { round, pending in
                try RoundWorkflow.publish(round, pendingAppeals: pending)
            }
        } catch let error as RoundError {
            throw ServiceError.conflict(zh: error.zh, en: error.en)
        }
    }

    // MARK: Results

    /// A round's scores from one snapshot.
    public struct RoundResults: Sendable {
        public var round: AssessmentRound
        public var scheme: StoredScheme
        public var snapshot: RoundSnapshot
        /// Every assessed unit's result, best first (only the reader's own before publication,
        /// unless the reader runs the assessment).
        public var results: [AssessmentResult]
        public var ranking: [AssessmentRanking.Entry]
        /// Whether the reader sees every unit.
        public var complete: Bool
        /// Observations changed since the snapshot (they do not move these scores).
        public var changedSince: Int
    }

    /// One unit's score sheet with where every number came from.
    public struct ScoreSheet: Sendable {
        public struct Line: Sendable {
            public var line: AssessmentResult.Line
            public var target: Target?
            public var evaluation: TargetEvaluation?
            /// The observations the latest value and the base came from, as frozen (the latest as
            /// corrected, when an appeal was accepted).
            public var latest: Observation?
            public var base: Observation?
            /// The accepted appeal that corrected this line, and the line as frozen before it.
            public var correction: Appeal?
            public var frozen: AssessmentResult.Line?
            public var frozenLatest: Double?
            /// The appeals against this line the reader may see (the unit itself and the office).
            public var appeals: [Appeal]
        }

        public var results: RoundResults
        public var result: AssessmentResult
        /// The unit's name, in Chinese and English.
        public var unitName: (zh: String, en: String)
        public var lines: [Line]
        public var rank: AssessmentRanking.Entry?
        /// Whether the reader may appeal a line now, and until when appeals are taken.
        public var canAppeal: Bool
        public var appealUntil: Day?
        /// The scheme's qualitative items with the points given on each (if any), and whether
        /// the reader may give them now.
        public var qualitative: [(item: AssessmentScheme.QualitativeItem, score: QualitativeScore?)]
        public var canScoreQualitative: Bool
        /// The diligence component: its points, the unit's score over the year (nil: nothing was
        /// due) and what it earned; `nil` when the scheme has none.
        public var diligence: (points: Double, score: Double?, earned: Double)?
    }

    /// The round's results from snapshot `seq` (the latest by default).
    public func results(_ id: String, seq: Int? = nil, identity: Identity?) async throws -> RoundResults {
        let round = try await round(id, identity: identity)
        guard let snapshot = seq.map({ s in round.snapshots.first { $0.seq == s } }) ?? round.current else {
            throw seq == nil
                ? ServiceError.conflict(zh: "本轮考核尚未冻结数据", en: "The round's data are not frozen yet")
                : ServiceError.notFound(what: "snapshot \(seq ?? 0) of round \(id)")
        }
        let scored = try await scored(round, snapshot: snapshot)
        let manages = try await manages(identity)
        let visible = round.state == .published || manages ? scored.results : scored.results.filter { $0.unit == identity?.account.unitCode }
        return RoundResults(
            round: round, scheme: scored.scheme, snapshot: snapshot, results: visible,
            ranking: round.state == .published || manages ? scored.ranking : [], complete: round.state == .published || manages,
            changedSince: try await store.observationsChanged(sinceVersion: snapshot.dataVersion))
    }

    /// A unit's score sheet: the office's at any time, the unit's own before publication, anyone's after.
    public func sheet(_ id: String, unit: String, seq: Int? = nil, identity: Identity?) async throws -> ScoreSheet {
        let results = try await results(id, seq: seq, identity: identity)
        let scored = try await scored(results.round, snapshot: results.snapshot)
        guard scored.results.contains(where: { $0.unit == unit }) else { throw ServiceError.notFound(what: "unit \(unit) in round \(id)") }
        guard let result = results.results.first(where: { $0.unit == unit }) else {
            if identity == nil { throw ServiceError.notAuthenticated }
            throw ServiceError.forbidden(
                zh: "考核结果发布前，只有本单位和领导小组办公室可以查看评分表", en: "Before publication only the unit itself and the office see its score sheet")
        }
        let plan = scored.plan
        let evaluations = scored.evaluations[unit] ?? [:]
        let manages = try await manages(identity)
        let own = identity?.account.unitCode == unit
        let appeals = manages || own ? try await store.appeals(round: id, unit: unit) : []
        let window = AppealRules.window(results.round)
        let mayAppeal = try await reporting.allows(identity, .appealAssessment, unit: unit)
        let canAppeal = mayAppeal && results.round.state == .frozen && window.map { clock.today() <= $0.upperBound } == true
        let lines = result.lines.map { line -> ScoreSheet.Line in
            let e = evaluations[line.targetID]
            let target = plan.targets.first { $0.id == line.targetID }
            func observation(_ period: Period?) -> Observation? {
                guard let period, let target else { return nil }
                return scored.observations["\(target.indicatorKey)|\(scored.regionOf[unit] ?? unit)|\(period)"]
            }
            let key = "\(unit)|\(line.targetID)"
            return ScoreSheet.Line(
                line: line, target: target, evaluation: e, latest: observation(e?.latestPeriod),
                base: observation(e?.baseYear.map { Period(year: $0) }), correction: scored.corrections[key],
                frozen: scored.frozenLines[key]?.line, frozenLatest: scored.frozenLines[key]?.latest,
                appeals: appeals.filter { $0.targetID == line.targetID })
        }
        return ScoreSheet(
            results: results, result: result, unitName: try await unitName(unit, plan: plan), lines: lines,
            rank: scored.ranking.first { $0.unit == unit },
            canAppeal: canAppeal, appealUntil: window?.upperBound,
            qualitative: scored.parsed.qualitativeItems.map { item in (item, scored.qualitative[unit]?.first { $0.item == item.id }) },
            canScoreQualitative: manages && results.round.state == .frozen && !scored.parsed.qualitativeItems.isEmpty,
            diligence: scored.parsed.diligencePoints.map { points in
                let score = scored.diligence[unit]
                return (points, score, score.map { QualitativeRules.diligencePoints(points, score: $0) } ?? 0)
            })
    }

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
        let diligence = try await store.snapshotDiligence(round: round.id, seq: snapshot.seq)
        let key =
            "\(round.id)#\(snapshot.seq)#" + corrections.map { "\($0.seq)" }.joined(separator: ",") + "#"
            + qualitative.map { "\($0.unit)/\($0.item)/\($0.points)/\($0.enteredAt)/\($0.reason)" }.joined(separator: ",")
        if let kept = await cache.scored(key) { return kept }
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
