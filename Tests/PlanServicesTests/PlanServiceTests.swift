import Foundation
import PlanCore
import PlanStore
import Testing

@testable import PlanServices

/// Publications are built into the next snapshot in the background: readers keep the previous
/// one meanwhile, see the new one within two seconds, and never a mix of the two.
@Suite struct PlanServiceTests {
    @Test func aPublicationIsBuiltInTheBackgroundAndSeenWithinTwoSeconds() async throws {
        try await ServicesFixture.withServices { services in
            let plans = services.plans
            let before = try await plans.current()
            let version = try await services.store.upsert([
                Observation(
                    indicatorKey: "rd_intensity", regionCode: "370000", period: Period(year: 2024), value: 2.6, provenance: Provenance(source: "test")
                )
            ])
            #expect(version == before.dataVersion + 1)
            await plans.refresh()
            // The first read after the publication starts the build and is answered at once from
            // the previous snapshot.
            let during = try await plans.current()
            #expect(during.dataVersion == before.dataVersion)
            let deadline = Date().addingTimeInterval(2)
            var after = during
            while after.dataVersion < version, Date() < deadline {
                try await Task.sleep(for: .milliseconds(20))
                after = try await plans.current()
            }
            #expect(after.dataVersion == version, "seen within 2 s")
            // One snapshot is one version: its observations and its evaluations agree.
            #expect(after.index["rd_intensity", "370000"].contains { $0.period == Period(year: 2024) && $0.value == 2.6 })
            let (s, evaluations) = try await plans.evaluations()
            #expect(s.dataVersion == version && evaluations.first { $0.targetID == "C02-2" }?.status.code == "achieved")
        }
    }

    /// Applying what changed to a snapshot gives the snapshot a full reload would.
    @Test func advancingASnapshotEqualsReloadingIt() async throws {
        try await ServicesFixture.withServices { services in
            let store = services.store
            let base = try await PlanService.load(store)
            let existing = try #require(base.index["gdp", "370100"].last)
            var revised = existing
            revised.value += 10
            let added = [
                Observation(indicatorKey: "gdp", regionCode: "370100", period: Period(year: 2030), value: 1, provenance: Provenance(source: "t")),
                Observation(
                    indicatorKey: "pm25", regionCode: "370102", period: Period(year: 2025, span: .month(12)), value: 30,
                    provenance: Provenance(source: "t")),
            ]
            _ = try await store.upsert([revised])
            _ = try await store.upsert(added)
            let advanced = try await PlanService.advance(base, store: store)
            let reloaded = try await PlanService.load(store)
            #expect(advanced.dataVersion == reloaded.dataVersion && advanced.dataVersion == base.dataVersion + 2)
            #expect(advanced.observationCounts == reloaded.observationCounts)
            #expect(advanced.latestYear == reloaded.latestYear && advanced.latestPeriod == reloaded.latestPeriod)
            for (key, region) in [("gdp", "370100"), ("pm25", "370102"), ("gdp", "370000")] {
                #expect(advanced.index[key, region] == reloaded.index[key, region], "\(key) \(region)")
            }
            #expect(advanced.index.regions(for: "pm25") == reloaded.index.regions(for: "pm25"))
            let evaluatedAdvanced = PlanService.evaluate(advanced, asOf: advanced.latestYear, region: nil)
            let evaluatedReloaded = PlanService.evaluate(reloaded, asOf: reloaded.latestYear, region: nil)
            #expect(evaluatedAdvanced.map(\.status.code) == evaluatedReloaded.map(\.status.code))
        }
    }
}
