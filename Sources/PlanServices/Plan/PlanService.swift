import Foundation
import Metrics
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
    /// The snapshot load in progress, shared by every caller that needs it.
    private var loading: Task<Snapshot, any Error>?
    /// Evaluations and rankings being computed, shared by concurrent callers for the same key.
    private var evaluating: [EvaluationKey: Task<[TargetEvaluation], Never>] = [:]
    private var rankingTasks: [RankingKey: Task<RankedCities, Never>] = [:]
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
        var comparable: Bool
    }

    private let clock: PlanClock

    public init(store: any PlanStore, recheck: TimeInterval = 1, clock: PlanClock = .system) {
        self.store = store
        self.recheck = recheck
        self.clock = clock
    }

    /// The current snapshot. When the store's data version has moved on, the next version is built
    /// in the background (one build at a time: a burst of publications makes one or two builds)
    /// while readers keep being served the previous snapshot; only the very first read, with no
    /// snapshot yet, waits for one. A publication is seen by readers once its build is done (about
    /// a second with the full workload) — never a mix of two versions, since a snapshot is one value.
    public func current() async throws -> Snapshot {
        if let snapshot, clock.now().timeIntervalSince(checked) < recheck { return snapshot }
        checked = clock.now()
        let version = try await store.dataVersion()
        if let snapshot, snapshot.dataVersion >= version { return snapshot }
        let task = loading ?? startLoading()
        if let snapshot { return snapshot }
        return try await task.value
    }

    /// Starts building the next snapshot, with the default evaluations, off the actor: the
    /// observations changed since the current snapshot applied to it, or (the first time) all of
    /// them.
    private func startLoading() -> Task<Snapshot, any Error> {
        let store = self.store
        let base = snapshot
        // Detached: the build, the evaluation included, must not run on this actor, where every
        // reader's `current()` would wait for it.
        let task = Task.detached(priority: .userInitiated) {
            do {
                let started = ContinuousClock.now
                let fresh: Snapshot
                // A snapshot of an empty store (version 0) is loaded afresh rather than advanced.
                if let base, base.dataVersion > 0 { fresh = try await Self.advance(base, store: store) } else { fresh = try await Self.load(store) }
                let evaluated = Self.evaluate(fresh, asOf: fresh.latestYear, region: nil)
                await self.install(fresh, evaluations: evaluated)
                Timer(label: "plantrack_snapshot_build_seconds").record(duration: ContinuousClock.now - started)
                Gauge(label: "plantrack_data_version").record(fresh.dataVersion)
                return fresh
            } catch {
                await self.loadFailed()
                throw error
            }
        }
        loading = task
        return task
    }

    private func install(_ fresh: Snapshot, evaluations evaluated: [TargetEvaluation]) {
        loading = nil
        // A publication may have come during the build: the next read checks the version again.
        checked = .distantPast
        if let current = snapshot, current.dataVersion >= fresh.dataVersion { return }
        snapshot = fresh
        evaluations = evaluations.filter { $0.key.version == fresh.dataVersion }
        evaluations[EvaluationKey(version: fresh.dataVersion, asOf: fresh.latestYear, region: nil)] = evaluated
        rankings = rankings.filter { $0.key.version == fresh.dataVersion }
    }

    private func loadFailed() {
        loading = nil
    }

    /// `base` with the observations changed since its version applied: a publication costs what
    /// it changed, not a reload of every observation.
    static func advance(_ base: Snapshot, store: any PlanStore) async throws -> Snapshot {
        let (version, changes) = try await store.observationChanges(since: base.dataVersion)
        let changed = changes.map(\.observation)
        var next = base
        for o in changed where !base.index[o.indicatorKey, o.regionCode].contains(where: { $0.period == o.period }) {
            next.observationCounts[o.indicatorKey, default: 0] += 1
        }
        // Computed values follow their inputs: computed afresh from the new reported values.
        next.index = ComputedIndicators(indicators: base.plan.indicators).apply(to: base.index.overlaid(with: changed))
        next.dataVersion = max(version, base.dataVersion)
        next.latestYear = max(base.latestYear, next.index.latestYear ?? base.latestYear)
        next.latestPeriod = ([base.latestPeriod].compactMap { $0 } + changed.map(\.period)).max()
        return next
    }

    /// Every target evaluated in its own region or in `region`.
    static func evaluate(_ s: Snapshot, asOf year: Int, region: String?) -> [TargetEvaluation] {
        PlanEvaluator(indicatorUnits: s.units).evaluate(s.plan.targets.map { ($0, region ?? $0.regionCode) }, observations: s.index, asOf: year)
    }

    /// A snapshot of the store as it is now, built off the actor.
    static func load(_ store: any PlanStore) async throws -> Snapshot {
        let version = try await store.dataVersion()
        let plan = try await store.loadPlan()
        let observations = try await store.observations().map(\.observation)
        let index = ComputedIndicators(indicators: plan.indicators).apply(to: ObservationIndex(observations))
        return Snapshot(
            plan: plan, index: index, dataVersion: version,
            latestYear: index.latestYear ?? 2025,
            targetsByID: Dictionary(plan.targets.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }),
            units: Dictionary(plan.indicators.map { ($0.key, $0.unit) }, uniquingKeysWith: { a, _ in a }),
            latestPeriod: observations.lazy.map(\.period).max(),
            observationCounts: observations.reduce(into: [:]) { $0[$1.indicatorKey, default: 0] += 1 })
    }

    /// Every target evaluated as of `asOf`, in its own region (`region == nil`) or in `region`.
    /// Computed once per data version and key, off the actor: other readers are not held up, and
    /// concurrent callers for the same key share one computation.
    public func evaluations(asOf: Int? = nil, region: String? = nil) async throws -> (Snapshot, [TargetEvaluation]) {
        let s = try await current()
        let year = asOf ?? s.latestYear
        let key = EvaluationKey(version: s.dataVersion, asOf: year, region: region)
        if let cached = evaluations[key] { return (s, cached) }
        if let running = evaluating[key] { return (s, await running.value) }
        let task = Task.detached(priority: .userInitiated) { Self.evaluate(s, asOf: year, region: region) }
        evaluating[key] = task
        let result = await task.value
        evaluating[key] = nil
        // A newer snapshot may have been installed meanwhile: results of an older one are not kept.
        guard key.version >= (snapshot?.dataVersion ?? 0) else { return (s, result) }
        if evaluations.count >= Self.cachedEvaluations { evaluations.removeAll(keepingCapacity: true) }
        evaluations[key] = result
        return (s, result)
    }

    /// The city ranking with its Monte Carlo check as of a year, computed like
    /// ``evaluations(asOf:region:)``. `comparable` ranks on that year's values of intensive
    /// indicators reported by at least `CityComparison.minimumCities` cities (the page's ranking);
    /// otherwise on the latest value of the year or the one before, as the `ranking` command does.
    public func ranking(asOf: Int? = nil, seed: UInt64 = 1, comparable: Bool = false) async throws -> (Snapshot, Ranking, CityIndex) {
        let s = try await current()
        let year = asOf ?? s.latestYear
        let key = RankingKey(version: s.dataVersion, asOf: year, seed: seed, comparable: comparable)
        if let cached = rankings[key] { return (s, cached.ranking, cached.index) }
        let task =
            rankingTasks[key]
            ?? Task.detached(priority: .userInitiated) {
                let cities = s.plan.regions.filter { $0.level == .city }.map(\.code)
                let index = CityIndex(
                    indicators: s.plan.indicators, cities: cities, observations: s.index, asOf: year, comparable: comparable,
                    minimumCities: comparable ? CityComparison.minimumCities : 2)
                return RankedCities(ranking: Ranking(index: index, draws: 1000, seed: seed), index: index)
            }
        rankingTasks[key] = task
        let result = await task.value
        rankingTasks[key] = nil
        guard key.version >= (snapshot?.dataVersion ?? 0) else { return (s, result.ranking, result.index) }
        if rankings.count >= Self.cachedRankings { rankings.removeAll(keepingCapacity: true) }
        rankings[key] = (result.ranking, result.index)
        return (s, result.ranking, result.index)
    }

    /// A ranking and the index it ranks, as one value that can cross tasks.
    struct RankedCities: Sendable {
        var ranking: Ranking
        var index: CityIndex
    }

    /// One page of stored observations with their revisions, straight from the store; for a
    /// computed indicator, its values as the current snapshot computes them (revision 0).
    public func observationPage(indicator: String?, region: String?, offset: Int, limit: Int) async throws -> (items: [StoredObservation], total: Int)
    {
        if let indicator {
            let s = try await current()
            if s.plan.indicator(indicator)?.isComputed == true {
                let regions = region.map { [$0] } ?? s.index.regions(for: indicator)
                let all = regions.flatMap { s.index[indicator, $0] }
                let page = all.dropFirst(offset).prefix(limit).map { StoredObservation(observation: $0, revision: 0) }
                return (Array(page), all.count)
            }
        }
        return try await store.observations(indicator: indicator, region: region, offset: offset, limit: limit)
    }

    /// Checks the data version at the next read (after a write through this server).
    public func refresh() {
        checked = .distantPast
    }

    /// Every target evaluated with `extra` observations laid over the stored ones (a reviewer's
    /// preview of submitted figures); not cached.
    public func previewEvaluations(extra: [Observation]) async throws -> (Snapshot, [TargetEvaluation]) {
        let s = try await current()
        let evaluated = await Task.detached(priority: .userInitiated) {
            var preview = s
            preview.index = ComputedIndicators(indicators: s.plan.indicators).apply(to: s.index.overlaid(with: extra))
            return Self.evaluate(preview, asOf: s.latestYear, region: nil)
        }.value
        return (s, evaluated)
    }

    /// Whether the store answers.
    public func ready() async -> Bool {
        (try? await store.dataVersion()) != nil
    }
}
