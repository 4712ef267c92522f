import Foundation
import PlanCatalog
import PlanCore
import PlanStore
import Testing

/// The storage contract, on SQLite always and on PostgreSQL when `POSTGRES_URL` is set.
@Suite(.serialized) struct StoreContractTests {
    @Test(arguments: StoreKind.available)
    func migrationsAreIdempotent(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await store.migrate()
            try await store.migrate()
            #expect(try await store.isSeeded() == false)
            #expect(try await store.dataVersion() == 0)
        }
    }

    /// A reader holding version v takes exactly what changed after it, with the version that
    /// brings it up to date; writing unchanged values moves nothing.
    @Test(arguments: StoreKind.available)
    func changesSinceAVersionAreExactlyTheChangedObservations(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await store.seed(plan: Bundled.plan, observations: Bundled.observations)
            let v1 = try await store.dataVersion()
            #expect(try await store.observationChanges(since: v1).changed.isEmpty)
            let first = Bundled.observations[0]
            var changed = first
            changed.value += 1
            let added = Observation(
                indicatorKey: first.indicatorKey, regionCode: first.regionCode, period: Period(year: 2099), value: 7,
                provenance: Provenance(source: "t"))
            let v2 = try await store.upsert([changed, added])
            #expect(v2 == v1 + 1)
            let (to, rows) = try await store.observationChanges(since: v1)
            #expect(to == v2 && Set(rows.map(\.observation)) == [changed, added])
            #expect(try await store.upsert([changed, added]) == v2, "nothing changed: the version stays")
            #expect(try await store.observationChanges(since: v2).changed.isEmpty)
            let v3 = try await store.upsert([first])
            let (to3, rows3) = try await store.observationChanges(since: v2)
            #expect(to3 == v3 && rows3.map(\.observation) == [first] && rows3.first?.revision == 3)
            #expect(try await store.observationChanges(since: 0).changed.count == 2, "the seeded rows carry no version")
        }
    }

    @Test(arguments: StoreKind.available)
    func theBundledPlanRoundTripsExactly(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await store.seed(plan: Bundled.plan, observations: Bundled.observations)
            #expect(try await store.isSeeded())
            let plan = try await store.loadPlan()
            #expect(plan.title == Bundled.plan.title)
            #expect(plan.chapters == Bundled.plan.chapters)
            #expect(plan.articles == Bundled.plan.articles)
            #expect(plan.indicators == Bundled.plan.indicators)
            #expect(plan.regions == Bundled.plan.regions)
            #expect(plan.regionGroups == Bundled.plan.regionGroups)
            #expect(plan.targets == Bundled.plan.targets)
            #expect(plan == Bundled.plan)
            let stored = try await store.observations()
            #expect(stored.count == Bundled.observations.count)
            #expect(Set(stored.map(\.observation)) == Set(Bundled.observations))
            #expect(stored.allSatisfy { $0.revision == 1 })
            #expect(try await store.dataVersion() == 1)
        }
    }

    @Test(arguments: StoreKind.available)
    func seedingTwiceIsRefusedAndChangesNothing(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await store.seed(plan: Bundled.plan, observations: Bundled.observations)
            await #expect(throws: (any Error).self) { try await store.seed(plan: Bundled.plan, observations: []) }
            #expect(try await store.observations().count == Bundled.observations.count)
        }
    }

    @Test(arguments: StoreKind.available)
    func upsertRevisesChangedValuesAndMovesTheDataVersion(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await store.seed(plan: Bundled.plan, observations: Bundled.observations)
            let first = Bundled.observations[0]
            // The same values: nothing changes.
            #expect(try await store.upsert([first]) == 1)
            var changed = first
            changed.value += 1
            let added = Observation(
                indicatorKey: "rd_intensity", regionCode: "370100", period: Period(year: 2024), value: 3.1,
                provenance: Provenance(source: "济南市统计公报", qualifier: "exact"))
            #expect(try await store.upsert([changed, added]) == 2)
            let stored = try await store.observations()
            let revised = try #require(
                stored.first {
                    $0.observation.indicatorKey == first.indicatorKey && $0.observation.regionCode == first.regionCode
                        && $0.observation.period == first.period
                })
            #expect(revised.revision == 2 && revised.observation.value == changed.value)
            #expect(stored.contains { $0.observation == added && $0.revision == 1 })
            #expect(stored.count == Bundled.observations.count + 1)
        }
    }

    @Test(arguments: StoreKind.available)
    func aFailingBatchWritesNothing(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await store.seed(plan: Bundled.plan, observations: Bundled.observations)
            var changed = Bundled.observations[0]
            changed.value += 5
            let unknown = Observation(indicatorKey: "no_such_indicator", regionCode: "370000", period: Period(year: 2024), value: 1)
            await #expect(throws: (any Error).self) { try await store.upsert([changed, unknown]) }
            let stored = try await store.observations()
            #expect(Set(stored.map(\.observation)) == Set(Bundled.observations))
            #expect(try await store.dataVersion() == 1)
        }
    }

    @Test func aDatabaseFileSurvivesReopening() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("plantrack-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = SQLPlanStore(provider: try await SQLiteProvider(path: path))
        try await store.migrate()
        try await store.seed(plan: Bundled.plan, observations: Bundled.observations)
        try await store.shutdown()
        let reopened = SQLPlanStore(provider: try await SQLiteProvider(path: path))
        try await reopened.migrate()
        #expect(try await reopened.loadPlan() == Bundled.plan)
        try await reopened.shutdown()
    }

    @Test(arguments: StoreKind.available)
    func observationPagesAreOrderedFilteredAndCounted(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await store.seed(plan: Bundled.plan, observations: Bundled.observations)
            let all = try await store.observations()
            let first = try await store.observations(indicator: nil, region: nil, offset: 0, limit: 10)
            #expect(first.total == Bundled.observations.count)
            #expect(first.items == Array(all.prefix(10)))
            let last = try await store.observations(indicator: nil, region: nil, offset: 110, limit: 10)
            #expect(last.items == Array(all.dropFirst(110)))
            let gdp = try await store.observations(indicator: "gdp", region: "370100", offset: 0, limit: 100)
            #expect(gdp.total == gdp.items.count && gdp.total > 0)
            #expect(gdp.items.allSatisfy { $0.observation.indicatorKey == "gdp" && $0.observation.regionCode == "370100" })
        }
    }
}
