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
}
