import Foundation
import PlanCore
import PlanServices
import PlanStore
import Testing

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
}
