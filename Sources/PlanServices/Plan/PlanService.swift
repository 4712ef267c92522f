import Foundation
import PlanCatalog
import PlanCore
import PlanStore

/// What the pages, the API and the command line read: the stored plan and observations as of one data version, with
/// evaluations, indices and rankings computed by PlanCore and cached per data version (never
/// stale: a new data version starts a new cache).
public actor PlanService {
    /// One consistent view of the store.
    public struct Snapshot: Sendable {
        public var plan: Plan
        /// The observations by indicator and region (the only copy the server keeps).
        public var index: ObservationIndex
        public var dataVersion: Int
        /// The latest year with an annual or year-end value.
        public var latestYear: Int
        public var targetsByID: [String: Target]
        public var units: [String: String]
        /// The most recent period of any observation.
        public var latestPeriod: Period?
        /// How many observations each indicator has.
        public var observationCounts: [String: Int]
    }

    private let store: any PlanStore
    private var snapshot: Snapshot?
    private var checked = Date.distantPast
    private var evaluations: [EvaluationKey: [TargetEvaluation]] = [:]
    private var rankings: [RankingKey: (ranking: Ranking, index: CityIndex)] = [:]
    /// Bounds on the caches: any region × year × seed can be asked for, so the caches start over
    /// when full rather than grow with the requests.
    static let cachedEvaluations = 64
    static let cachedRankings = 16
    /// How long a snapshot is served before the data version is checked again.
    private let recheck: TimeInterval

    struct EvaluationKey: Hashable {
        var version: Int
        var asOf: Int
        var region: String?
    }

    struct RankingKey: Hashable {
        var version: Int
        var asOf: Int
        var seed: UInt64
    }

    private let clock: PlanClock

    public init(store: any PlanStore, recheck: TimeInterval = 1, clock: PlanClock = .system) {
        self.store = store
        self.recheck = recheck
        self.clock = clock
    }

    /// The current snapshot, reloaded when the store's data version has moved on.
    public func current() async throws -> Snapshot {
        if let snapshot, clock.now().timeIntervalSince(checked) < recheck { return snapshot }
        let version = try await store.dataVersion()
        checked = clock.now()
        if let snapshot, snapshot.dataVersion >= version { return snapshot }
        let plan = try await store.loadPlan()
        let observations = try await store.observations().map(\.observation)
        let index = ObservationIndex(observations)
        let fresh = Snapshot(
            plan: plan, index: index, dataVersion: version,
            latestYear: index.latestYear ?? 2025,
            targetsByID: Dictionary(plan.targets.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }),
            units: Dictionary(plan.indicators.map { ($0.key, $0.unit) }, uniquingKeysWith: { a, _ in a }),
            latestPeriod: observations.lazy.map(\.period).max(),
            observationCounts: observations.reduce(into: [:]) { $0[$1.indicatorKey, default: 0] += 1 })
        // Another caller may have installed a newer snapshot while this one loaded: keep the newer.
        if let current = snapshot, current.dataVersion > fresh.dataVersion { return current }
        snapshot = fresh
        evaluations = evaluations.filter { $0.key.version == version }
        rankings = rankings.filter { $0.key.version == version }
        return fresh
    }

    /// Every target evaluated as of `asOf`, in its own region (`region == nil`) or in `region`.
    public func evaluations(asOf: Int? = nil, region: String? = nil) async throws -> (Snapshot, [TargetEvaluation]) {
        let s = try await current()
        let year = asOf ?? s.latestYear
        let key = EvaluationKey(version: s.dataVersion, asOf: year, region: region)
        if let cached = evaluations[key] { return (s, cached) }
        let rows = s.plan.targets.map { ($0, region ?? $0.regionCode) }
        let result = PlanEvaluator(indicatorUnits: s.units).evaluate(rows, observations: s.index, asOf: year)
        if evaluations.count >= Self.cachedEvaluations { evaluations.removeAll(keepingCapacity: true) }
        evaluations[key] = result
        return (s, result)
    }

    /// The city ranking with its Monte Carlo check.
    public func ranking(asOf: Int? = nil, seed: UInt64 = 1) async throws -> (Snapshot, Ranking, CityIndex) {
        let s = try await current()
        let year = asOf ?? s.latestYear
        let key = RankingKey(version: s.dataVersion, asOf: year, seed: seed)
        if let cached = rankings[key] { return (s, cached.ranking, cached.index) }
        let cities = s.plan.regions.filter { $0.level == .city }.map(\.code)
        let index = CityIndex(indicators: s.plan.indicators, cities: cities, observations: s.index, asOf: year)
        let ranking = Ranking(index: index, draws: 1000, seed: seed)
        if rankings.count >= Self.cachedRankings { rankings.removeAll(keepingCapacity: true) }
        rankings[key] = (ranking, index)
        return (s, ranking, index)
    }

    /// One page of stored observations with their revisions, straight from the store.
    public func observationPage(indicator: String?, region: String?, offset: Int, limit: Int) async throws -> (items: [StoredObservation], total: Int)
    {
        try await store.observations(indicator: indicator, region: region, offset: offset, limit: limit)
    }

    /// Checks the data version at the next read (after a write through this server).
    public func refresh() {
        checked = .distantPast
    }

    /// Every target evaluated with `extra` observations laid over the stored ones (a reviewer's
    /// preview of submitted figures); not cached.
    public func previewEvaluations(extra: [Observation]) async throws -> (Snapshot, [TargetEvaluation]) {
        let s = try await current()
        let index = s.index.overlaid(with: extra)
        let rows = s.plan.targets.map { ($0, $0.regionCode) }
        return (s, PlanEvaluator(indicatorUnits: s.units).evaluate(rows, observations: index, asOf: s.latestYear))
    }

    /// Whether the store answers.
    public func ready() async -> Bool {
        (try? await store.dataVersion()) != nil
    }
}
