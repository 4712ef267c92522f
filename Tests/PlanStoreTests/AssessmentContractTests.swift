import Foundation
import PlanCore
import PlanStore
import Testing

/// The assessment part of the storage contract: scheme versions, rounds numbered within their
/// year, snapshots that copy the observations up to the round's year and are all kept.
extension StoreContractTests {
    @Test(arguments: StoreKind.available)
    func roundsFreezeSnapshotsOfTheObservationsUpToTheirYear(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await Self.seeded(store)
            let v1 = try await store.saveScheme(id: "city", name: "方案", body: "name: 方案", note: "", actor: Self.office)
            let v2 = try await store.saveScheme(id: "city", name: "方案二", body: "name: 方案二", note: "改名", actor: Self.office)
            #expect(v1.version == 1 && v2.version == 2)
            #expect(try await store.schemes(id: "city").map(\.version) == [2, 1])
            #expect(try await store.scheme(id: "city", version: 1)?.body == "name: 方案")
            let a = try await store.openRound(
                year: 2024, schemeID: "city", schemeVersion: 1, cutoff: Day(year: 2025, month: 3, day: 31), actor: Self.office)
            let b = try await store.openRound(
                year: 2024, schemeID: "city", schemeVersion: 2, cutoff: Day(year: 2025, month: 3, day: 31), actor: Self.office)
            #expect(a.id == "2024-1" && b.id == "2024-2" && a.state == .open)
            let expected = try await store.observations().filter { $0.observation.period.year <= 2024 }.count
            let frozen = try await store.freezeRound(id: a.id, reason: "", actor: Self.office) { _ in }
            #expect(frozen.state == .frozen && frozen.snapshots.map(\.observations) == [expected] && expected > 0)
            #expect(frozen.snapshots[0].dataVersion == (try await store.dataVersion()))
            let kept = try await store.snapshotObservations(round: a.id, seq: 1)
            #expect(kept.count == expected && kept.allSatisfy { $0.observation.period.year <= 2024 })
            #expect(try await store.observationsChanged(sinceVersion: frozen.snapshots[0].dataVersion) == 0)
            // A refusal changes nothing; a second freezing keeps the first.
            struct No: Error {}
            await #expect(throws: No.self) { _ = try await store.freezeRound(id: a.id, reason: "x", actor: Self.office) { _ in throw No() } }
            #expect(try await store.round(id: a.id)?.snapshots.count == 1)
            let again = try await store.freezeRound(id: a.id, reason: "修订", actor: Self.office) { _ in }
            #expect(again.snapshots.map(\.seq) == [1, 2] && again.snapshots[1].reason == "修订")
            #expect(try await store.snapshotObservations(round: a.id, seq: 1).count == expected)
            let published = try await store.publishRound(id: a.id, actor: Self.office) { _ in }
            #expect(published.state == .published && published.publishedBy == "office" && published.publishedAt != nil)
            #expect(try await store.rounds().map(\.id) == ["2024-2", "2024-1"])
            let audit = try await store.audit(AuditQuery(action: "round.")).entries.map(\.action)
            #expect(audit.sorted() == ["round.freeze", "round.freeze", "round.open", "round.open", "round.publish"])
        }
    }
}
