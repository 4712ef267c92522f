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
            let frozen = try await store.freezeRound(id: a.id, reason: "", diligence: [:], actor: Self.office) { _ in }
            #expect(frozen.state == .frozen && frozen.snapshots.map(\.observations) == [expected] && expected > 0)
            #expect(frozen.snapshots[0].dataVersion == (try await store.dataVersion()))
            let kept = try await store.snapshotObservations(round: a.id, seq: 1)
            #expect(kept.count == expected && kept.allSatisfy { $0.observation.period.year <= 2024 })
            #expect(try await store.observationsChanged(sinceVersion: frozen.snapshots[0].dataVersion) == 0)
            // A refusal changes nothing; a second freezing keeps the first.
            struct No: Error {}
            await #expect(throws: No.self) {
                _ = try await store.freezeRound(id: a.id, reason: "x", diligence: [:], actor: Self.office) { _ in throw No() }
            }
            #expect(try await store.round(id: a.id)?.snapshots.count == 1)
            let again = try await store.freezeRound(id: a.id, reason: "修订", diligence: ["370100": 87.5], actor: Self.office) { _ in }
            #expect(again.snapshots.map(\.seq) == [1, 2] && again.snapshots[1].reason == "修订")
            #expect(try await store.snapshotDiligence(round: a.id, seq: 2) == ["370100": 87.5])
            #expect(try await store.snapshotDiligence(round: a.id, seq: 1).isEmpty)
            #expect(try await store.snapshotObservations(round: a.id, seq: 1).count == expected)
            let published = try await store.publishRound(id: a.id, actor: Self.office) { _, _ in }
            #expect(published.state == .published && published.publishedBy == "office" && published.publishedAt != nil)
            #expect(try await store.rounds().map(\.id) == ["2024-2", "2024-1"])
            let audit = try await store.audit(AuditQuery(action: "round.")).entries.map(\.action)
            #expect(audit.sorted() == ["round.freeze", "round.freeze", "round.open", "round.open", "round.publish"])
        }
    }

    @Test(arguments: StoreKind.available)
    func appealsAndPoolsAreNumberedDecidedAndKept(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await Self.seeded(store)
            _ = try await store.saveScheme(id: "city", name: "方案", body: "name: 方案", note: "", actor: Self.office)
            let round = try await store.openRound(
                year: 2024, schemeID: "city", schemeVersion: 1, cutoff: Day(year: 2025, month: 3, day: 31), actor: Self.office)
            _ = try await store.freezeRound(id: round.id, reason: "", diligence: [:], actor: Self.office) { _ in }
            let pdf = NewEvidence(fileName: "公报.pdf", contentType: "application/pdf", data: Data("%PDF-1.4".utf8), sha256: "ab")
            let first = try await store.fileAppeal(
                round: round.id, unit: "370100", targetID: "C02-2", reason: "数据有误", evidence: [pdf], actor: Self.office
            ) { r, appeals in
                #expect(r.state == .frozen && appeals.isEmpty)
                return 1
            }
            #expect(first.seq == 1 && first.state == .pending && first.files.map(\.fileName) == ["公报.pdf"])
            struct No: Error {}
            await #expect(throws: No.self) {
                _ = try await store.fileAppeal(round: round.id, unit: "370100", targetID: "X", reason: "", evidence: [pdf], actor: Self.office) {
                    _, _ in throw No()
                }
            }
            #expect(try await store.appeals(round: round.id, unit: nil).count == 1, "a refusal stores nothing")
            let second = try await store.fileAppeal(
                round: round.id, unit: "370200", targetID: "C02-2", reason: "另一市", evidence: [], actor: Self.office
            ) { _, appeals in
                #expect(appeals.map(\.seq) == [1])
                return 1
            }
            #expect(second.seq == 2)
            #expect(try await store.appeals(round: round.id, unit: "370200").map(\.seq) == [2])
            await #expect(throws: No.self, "publishing sees the pending appeals") {
                _ = try await store.publishRound(id: round.id, actor: Self.office) { _, pending in if pending == 2 { throw No() } }
            }
            let accepted = try await store.decideAppeal(round: round.id, seq: 1, accept: true, correctedValue: 41.5, reason: "采纳", actor: Self.office)
            {
                _, appeal in #expect(appeal.state == .pending)
            }
            #expect(accepted.state == .accepted && accepted.correctedValue == 41.5 && accepted.decision == "采纳" && accepted.decidedBy == "office")
            let rejected = try await store.decideAppeal(round: round.id, seq: 2, accept: false, correctedValue: 9, reason: "不采纳", actor: Self.office)
            {
                _, _ in
            }
            #expect(rejected.state == .rejected && rejected.correctedValue == nil)
            let file = try #require(try await store.appealFile(id: first.files[0].id))
            #expect(file.data == Data("%PDF-1.4".utf8) && file.unitCode == "370100" && file.appealSeq == 1)

            let pool = IncentivePool(
                roundID: round.id, id: "funds", name: "激励资金", resource: .funds, amount: 100,
                rule: .tiers(["优秀": 3, "良好": 2]), floor: 5, cap: nil, vetoed: .floorOnly, decimals: 1)
            let saved = try await store.savePool(pool, actor: Self.office) { _, pools in #expect(pools.isEmpty) }
            #expect(saved.rule == pool.rule && saved.cap == nil && saved.vetoed == .floorOnly && saved.decimals == 1 && saved.state == .draft)
            var changed = pool
            changed.amount = 200
            changed.cap = 80
            let replaced = try await store.savePool(changed, actor: Self.office) { _, pools in #expect(pools.map(\.id) == ["funds"]) }
            #expect(replaced.amount == 200 && replaced.cap == 80)
            #expect(try await store.pools(round: round.id).count == 1)
            let lines = [
                AllocationLine(
                    unit: "370100", total: 91, grade: "优秀", vetoed: false, weight: 3, floorPart: 5, exact: 80, amount: 80, capped: true,
                    noteZh: "达到封顶", noteEn: "Held at the cap"),
                AllocationLine(
                    unit: "370200", total: 50, grade: "不合格", vetoed: true, weight: 0, floorPart: 5, exact: 5, amount: 5, capped: false,
                    noteZh: "一票否决：只得保底", noteEn: "Vetoed: the floor only"),
            ]
            let confirmed = try await store.confirmPool(round: round.id, id: "funds", actor: Self.office) { _, p in
                #expect(p.amount == 200)
                return lines
            }
            #expect(confirmed.state == .confirmed && confirmed.confirmedBy == "office")
            #expect(try await store.allocation(round: round.id, pool: "funds") == lines)
            let audit = try await store.audit(AuditQuery(action: "appeal.")).entries.map(\.action).sorted()
            #expect(audit == ["appeal.accept", "appeal.file", "appeal.file", "appeal.reject"])
            #expect(try await store.audit(AuditQuery(action: "pool.")).entries.count == 3)

            let score = QualitativeScore(roundID: round.id, unit: "370100", item: "tasks", points: 4, reason: "按期完成")
            await #expect(throws: No.self) { _ = try await store.setQualitative(score, actor: Self.office) { _ in throw No() } }
            #expect(try await store.qualitativeScores(round: round.id).isEmpty)
            _ = try await store.setQualitative(score, actor: Self.office) { _ in }
            var changed2 = score
            changed2.points = 2.5
            let saved2 = try await store.setQualitative(changed2, actor: Self.office) { _ in }
            #expect(saved2.enteredBy == "office")
            #expect(try await store.qualitativeScores(round: round.id).map(\.points) == [2.5], "one score per unit and item")
        }
    }
}
