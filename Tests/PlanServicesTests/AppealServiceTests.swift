import Foundation
import PlanCatalog
import PlanCore
import PlanServices
import PlanStore
import Testing

/// Appeals and incentive pools through the services: a city appeals a line within the window,
/// the office accepts it and exactly that line moves; pending appeals hold publication back; a
/// pool is allocated from the published results, adds up exactly, and is kept once confirmed.
@Suite struct AppealServiceTests {
    /// The synthetic workload's series (`bench-data --scale full --seed 7`) of the example scheme's
    /// indicators for the 16 cities: with the published data alone no city line is assessable.
    static func seedCityScores(_ store: any PlanStore) async throws {
        let plan = try await store.loadPlan()
        let scheme = try AssessmentSchemeFile.read(try AssessmentServiceTests.exampleScheme(), file: "scheme", plan: plan)
        let keys = Set(scheme.items.compactMap { item in plan.targets.first { $0.id == item.targetID }?.indicatorKey })
        let cities = Set(plan.regions.filter { $0.level == .city }.map(\.code))
        let series = SyntheticWorkload.generate(plan: plan, scale: .full, seed: 7).observations
        _ = try await store.upsert(series.filter { keys.contains($0.indicatorKey) && cities.contains($0.regionCode) })
    }

    /// A frozen round of the example scheme on the cities' synthetic series, the store's clock on
    /// the fixture's day.
    static func frozenRound(_ body: (Services, Identity) async throws -> Void) async throws {
        let instant = TestInstant("2026-11-29T02:00:00.000Z")
        try await ServicesFixture.withServices(now: instant.now) { services in
            try await Self.seedCityScores(services.store)
            let office = try await ServicesFixture.user(services, "office", .office, "370000")
            let a = services.assessment
            // Without the veto: on the synthetic series every city misses a binding target.
            _ = try await a.saveScheme(
                id: "city-2024", body: try AssessmentServiceTests.exampleScheme().replacingOccurrences(of: "veto: true", with: "veto: false"),
                note: "", identity: office, actor: office.actor(ip: "t"))
            _ = try await a.openRound(
                year: 2024, schemeID: "city-2024", version: 1, cutoff: Day(year: 2025, month: 3, day: 31), identity: office,
                actor: office.actor(ip: "t"))
            _ = try await a.freeze("2024-1", reason: "", identity: office, actor: office.actor(ip: "t"))
            try await body(services, office)
        }
    }

    @Test func anAcceptedAppealChangesExactlyItsLine() async throws {
        try await Self.frozenRound { services, office in
            let a = services.assessment
            let jinan = try await ServicesFixture.user(services, "jn.rep", .reporter, "370100")
            let qingdao = try await ServicesFixture.user(services, "qd.rev", .reviewer, "370200")
            let before = try await a.results("2024-1", identity: office)
            let sheet = try await a.sheet("2024-1", unit: "370100", identity: jinan)
            #expect(sheet.canAppeal && sheet.appealUntil == Day(year: 2026, month: 12, day: 14))
            // The line to appeal: one that earned less than its points.
            let line = try #require(sheet.lines.first { $0.line.earned < $0.line.points && $0.line.milestone != nil && $0.target != nil })
            let target = try #require(line.target)

            await #expect(throws: ServiceError.self, "another city cannot appeal Jinan's sheet") {
                _ = try await a.fileAppeal(
                    "2024-1", unit: "370100", targetID: target.id, reason: "x", files: [], identity: qingdao, actor: qingdao.actor(ip: "t"))
            }
            await #expect(throws: ServiceError.self, "the office does not appeal") {
                _ = try await a.fileAppeal(
                    "2024-1", unit: "370100", targetID: target.id, reason: "x", files: [], identity: office, actor: office.actor(ip: "t"))
            }
            await #expect(throws: ServiceError.self, "evidence must be what it says") {
                _ = try await a.fileAppeal(
                    "2024-1", unit: "370100", targetID: target.id, reason: "x", files: [("a.pdf", Data("not a pdf".utf8))], identity: jinan,
                    actor: jinan.actor(ip: "t"))
            }
            #expect(try await services.store.appeals(round: "2024-1", unit: nil).isEmpty, "nothing stored by a refused appeal")
            let pdf = Data("%PDF-1.4 统计公报".utf8)
            let filed = try await a.fileAppeal(
                "2024-1", unit: "370100", targetID: target.id, reason: "统计公报已修订", files: [("公报.pdf", pdf)], identity: jinan,
                actor: jinan.actor(ip: "t"))
            #expect(filed.id == "2024-1-1" && filed.state == .pending && filed.snapshotSeq == 1 && filed.files.count == 1)
            #expect(try await a.appealFile(filed.files[0].id, identity: jinan).data == pdf)
            await #expect(throws: ServiceError.self) { _ = try await a.appealFile(filed.files[0].id, identity: qingdao) }
            #expect(try await a.appeals("2024-1", identity: qingdao).isEmpty)
            #expect(try await a.appeals("2024-1", identity: office).count == 1)
            await #expect(throws: ServiceError.self, "pending appeals hold publication back") {
                _ = try await a.publish("2024-1", identity: office, actor: office.actor(ip: "t"))
            }
            #expect(try await a.results("2024-1", identity: office).results.map(\.total) == before.results.map(\.total), "pending moves nothing")

            // Accepted: the latest value corrected to one that meets the year's milestone.
            let corrected = try #require(line.line.milestone)
            await #expect(throws: ServiceError.self, "a unit cannot decide") {
                _ = try await a.decideAppeal(
                    "2024-1", seq: 1, accept: true, correctedValue: corrected, reason: "x", identity: jinan, actor: jinan.actor(ip: "t"))
            }
            let accepted = try await a.decideAppeal(
                "2024-1", seq: 1, accept: true, correctedValue: corrected, reason: "经核实采纳", identity: office, actor: office.actor(ip: "t"))
            #expect(accepted.state == .accepted && accepted.correctedValue == corrected && accepted.decidedBy == "office")
            let after = try await a.results("2024-1", identity: office)
            let (old, new) = (
                try #require(before.results.first { $0.unit == "370100" }), try #require(after.results.first { $0.unit == "370100" })
            )
            let changed = zip(old.lines, new.lines).filter { $0 != $1 }
            #expect(changed.count == 1 && changed.first?.0.targetID == target.id, "exactly the appealed line changed")
            #expect(abs((new.total - old.total) - (changed[0].1.earned - changed[0].0.earned)) < 1e-9)
            #expect(new.total > old.total)
            for unit in after.results.map(\.unit) where unit != "370100" {
                #expect(after.results.first { $0.unit == unit } == before.results.first { $0.unit == unit }, "no other unit moved")
            }
            let newSheet = try await a.sheet("2024-1", unit: "370100", identity: jinan)
            let newLine = try #require(newSheet.lines.first { $0.line.targetID == target.id })
            #expect(newLine.correction?.seq == 1 && newLine.frozen == line.line && newLine.evaluation?.latestValue == corrected)
            #expect(newLine.latest?.provenance.source.contains("2024-1-1") == true)
            await #expect(throws: ServiceError.self, "decided once") {
                _ = try await a.decideAppeal(
                    "2024-1", seq: 1, accept: false, correctedValue: nil, reason: "x", identity: office, actor: office.actor(ip: "t"))
            }
            // A second appeal, rejected: nothing moves.
            _ = try await a.fileAppeal(
                "2024-1", unit: "370100", targetID: target.id, reason: "再次申诉", files: [], identity: jinan, actor: jinan.actor(ip: "t"))
            _ = try await a.decideAppeal(
                "2024-1", seq: 2, accept: false, correctedValue: nil, reason: "理由不成立", identity: office, actor: office.actor(ip: "t"))
            #expect(try await a.results("2024-1", identity: office).results.map(\.total) == after.results.map(\.total))
            _ = try await a.publish("2024-1", identity: office, actor: office.actor(ip: "t"))
            await #expect(throws: ServiceError.self, "appeals close with publication") {
                _ = try await a.fileAppeal(
                    "2024-1", unit: "370100", targetID: target.id, reason: "x", files: [], identity: jinan, actor: jinan.actor(ip: "t"))
            }
            let audit = try await services.store.audit(AuditQuery(action: "appeal.")).entries.map(\.action).sorted()
            #expect(audit == ["appeal.accept", "appeal.file", "appeal.file", "appeal.reject"])
        }
    }

    @Test func aPoolIsAllocatedFromThePublishedResultsAndKeptOnceConfirmed() async throws {
        try await Self.frozenRound { services, office in
            let a = services.assessment
            let jinan = try await ServicesFixture.user(services, "jn.rev", .reviewer, "370100")
            let input = PoolInput(
                id: "funds", name: "激励资金", resource: "funds", amount: "10000", rule: "above-mark", mark: "0", floor: "100", cap: "3000")
            await #expect(throws: ServiceError.self, "only the office") {
                _ = try await a.savePool(try input.pool(roundID: "2024-1"), identity: jinan, actor: jinan.actor(ip: "t"))
            }
            do {
                var bad = input
                (bad.amount, bad.cap) = ("-5", "1")
                _ = try await a.savePool(try bad.pool(roundID: "2024-1"), identity: office, actor: office.actor(ip: "t"))
                Issue.record("a bad pool was saved")
            } catch ServiceError.invalid(_, _, let problems, _) {
                #expect(problems.count == 2, "\(problems)")
            }
            let saved = try await a.savePool(try input.pool(roundID: "2024-1"), identity: office, actor: office.actor(ip: "t"))
            #expect(saved.state == .draft)
            let draft = try await a.allocation("2024-1", pool: "funds", identity: office)
            #expect(draft.problem == nil && draft.lines.count == 16)
            #expect(draft.lines.reduce(0) { $0 + Int($1.amount.rounded()) } == 10000 && draft.lines.allSatisfy { $0.amount <= 3000 })
            #expect(try await a.pools("2024-1", identity: jinan).isEmpty, "drafts are the office's")
            await #expect(throws: ServiceError.self, "confirmed once published") {
                _ = try await a.confirmPool("2024-1", pool: "funds", identity: office, actor: office.actor(ip: "t"))
            }
            _ = try await a.publish("2024-1", identity: office, actor: office.actor(ip: "t"))
            let confirmed = try await a.confirmPool("2024-1", pool: "funds", identity: office, actor: office.actor(ip: "t"))
            #expect(confirmed.state == .confirmed && confirmed.confirmedBy == "office")
            let kept = try await a.allocation("2024-1", pool: "funds", identity: nil)
            #expect(kept.lines == draft.lines, "the public sees the allocation as kept")
            await #expect(throws: ServiceError.self, "a confirmed pool never changes") {
                _ = try await a.savePool(try input.pool(roundID: "2024-1"), identity: office, actor: office.actor(ip: "t"))
            }
            await #expect(throws: ServiceError.self) {
                _ = try await a.confirmPool("2024-1", pool: "funds", identity: office, actor: office.actor(ip: "t"))
            }
            #expect(try await a.pools("2024-1", identity: nil).map(\.id) == ["funds"])
            let audit = try await services.store.audit(AuditQuery(action: "pool.")).entries.map(\.action).sorted()
            #expect(audit == ["pool.confirm", "pool.save"])
        }
    }

    @Test func qualitativePointsAreGivenWithAReasonAndAddToTheTotal() async throws {
        try await Self.frozenRound { services, office in
            let a = services.assessment
            let jinan = try await ServicesFixture.user(services, "jn.rev", .reviewer, "370100")
            let before = try await a.results("2024-1", identity: office)
            let sheet = try await a.sheet("2024-1", unit: "370100", identity: office)
            #expect(sheet.qualitative.map(\.item.id) == ["tasks", "orders"] && sheet.qualitative.allSatisfy { $0.score == nil })
            #expect(sheet.canScoreQualitative)
            #expect(try await !a.sheet("2024-1", unit: "370100", identity: jinan).canScoreQualitative)
            await #expect(throws: ServiceError.self, "the office gives them") {
                _ = try await a.setQualitative(
                    "2024-1", unit: "370100", item: "tasks", points: 4, reason: "x", identity: jinan, actor: jinan.actor(ip: "t"))
            }
            for (points, reason) in [(6.0, "超出上限"), (4, "")] {
                await #expect(throws: ServiceError.self) {
                    _ = try await a.setQualitative(
                        "2024-1", unit: "370100", item: "tasks", points: points, reason: reason, identity: office, actor: office.actor(ip: "t"))
                }
            }
            _ = try await a.setQualitative(
                "2024-1", unit: "370100", item: "tasks", points: 3, reason: "重点任务按期推进", identity: office, actor: office.actor(ip: "t"))
            let given = try await a.setQualitative(
                "2024-1", unit: "370100", item: "tasks", points: 4.5, reason: "补充材料后上调", identity: office, actor: office.actor(ip: "t"))
            #expect(given.points == 4.5 && given.enteredBy == "office")
            let after = try await a.results("2024-1", identity: office)
            let (old, new) = (
                try #require(before.results.first { $0.unit == "370100" }), try #require(after.results.first { $0.unit == "370100" })
            )
            #expect(abs(new.total - old.total - 4.5) < 1e-9 && new.qualitative == old.qualitative + 4.5 && new.lines == old.lines)
            let lines = try await a.sheet("2024-1", unit: "370100", identity: jinan).qualitative
            #expect(lines.first?.score?.reason == "补充材料后上调" && lines.last?.score == nil)
            _ = try await a.publish("2024-1", identity: office, actor: office.actor(ip: "t"))
            await #expect(throws: ServiceError.self, "fixed once published") {
                _ = try await a.setQualitative(
                    "2024-1", unit: "370100", item: "tasks", points: 1, reason: "x", identity: office, actor: office.actor(ip: "t"))
            }
            let audit = try await services.store.audit(AuditQuery(action: "qualitative.")).entries
            #expect(audit.map(\.after).sorted() == ["3", "4.5"] && audit.contains { $0.before == "3" })
        }
    }

    @Test func theDiligenceComponentIsTakenAtTheFreeze() async throws {
        // Calendars from 2024 on: the cities owed figures through the assessed year.
        let instant = TestInstant("2026-11-29T02:00:00.000Z")
        try await ServicesFixture.withServices(now: instant.now, since: Day(year: 2024, month: 1, day: 1)) { services in
            let a = services.assessment
            let office = try await ServicesFixture.user(services, "office", .office, "370000")
            let body = try AssessmentServiceTests.exampleScheme() + "\ndiligence: {points: 5}\n"
            _ = try await a.saveScheme(id: "city-2024", body: body, note: "", identity: office, actor: office.actor(ip: "t"))
            _ = try await a.openRound(
                year: 2024, schemeID: "city-2024", version: 1, cutoff: Day(year: 2025, month: 3, day: 31), identity: office,
                actor: office.actor(ip: "t"))
            _ = try await a.freeze("2024-1", reason: "", identity: office, actor: office.actor(ip: "t"))
            let kept = try await services.store.snapshotDiligence(round: "2024-1", seq: 1)
            #expect(kept.count == 16 && kept.values.allSatisfy { (0...100).contains($0) }, "\(kept)")
            let sheet = try await a.sheet("2024-1", unit: "370100", identity: office)
            let d = try #require(sheet.diligence)
            let score = try #require(d.score)
            #expect(d.points == 5 && score == kept["370100"] && abs(d.earned - 5 * score / 100) < 1e-9)
            #expect(abs(sheet.result.qualitative - d.earned) < 1e-9, "the component is part of the qualitative points")
            // A snapshot scores the diligence it kept: 80 of 100 earns 4 of the 5 points.
            _ = try await services.store.freezeRound(id: "2024-1", reason: "复核", diligence: ["370100": 80], actor: office.actor(ip: "t")) { _ in }
            let second = try await a.sheet("2024-1", unit: "370100", identity: office)
            #expect(second.results.snapshot.seq == 2 && second.diligence?.score == 80 && second.diligence?.earned == 4)
            #expect(abs(second.result.total - sheet.result.total - (4 - d.earned)) < 1e-9)
            #expect(try await a.sheet("2024-1", unit: "370200", identity: office).diligence?.score == nil, "nothing kept: no points")
        }
    }

    @Test func levelsAreScoredAgainstTheCitysOwnValueOrNotAtAll() async throws {
        let instant = TestInstant("2026-11-29T02:00:00.000Z")
        try await ServicesFixture.withServices(now: instant.now) { services in
            try await Self.seedCityScores(services.store)
            let a = services.assessment
            let office = try await ServicesFixture.user(services, "office", .office, "370000")
            // 高新技术企业 (A008-1) is a count: Jinan gets its own value, the other cities none.
            let example = try AssessmentServiceTests.exampleScheme()
            let body = example.replacingOccurrences(of: "{target: A008-1, points: 8}", with: "{target: A008-1, points: 8, units: {\"370100\": 3.2}}")
            #expect(body != example)
            let gaps = try await a.gaps(try await a.check(body))
            let firms = try #require(gaps.first { $0.targetID == "A008-1" })
            #expect(firms.units.count == 15 && !firms.units.contains("370100"))
            #expect(!gaps.contains { $0.targetID == "C02-2" }, "a rate applies to every city")
            _ = try await a.saveScheme(id: "city-2024", body: body, note: "", identity: office, actor: office.actor(ip: "t"))
            _ = try await a.openRound(
                year: 2024, schemeID: "city-2024", version: 1, cutoff: Day(year: 2025, month: 3, day: 31), identity: office,
                actor: office.actor(ip: "t"))
            _ = try await a.freeze("2024-1", reason: "", identity: office, actor: office.actor(ip: "t"))
            let jinan = try #require(try await a.sheet("2024-1", unit: "370100", identity: office).lines.first { $0.line.targetID == "A008-1" })
            #expect(jinan.line.completion != nil && jinan.line.milestone != nil, "\(jinan.line.reason)")
            let qingdao = try #require(try await a.sheet("2024-1", unit: "370200", identity: office).lines.first { $0.line.targetID == "A008-1" })
            #expect(qingdao.line.earned == 0 && qingdao.line.reason.hasPrefix("no target for this unit") && !qingdao.line.vetoes)
        }
    }

    @Test func aWhatIfTriesAUnitsValueAndMovesOnlyThatUnit() async throws {
        try await Self.frozenRound { services, office in
            let a = services.assessment
            let frozen = try await a.results("2024-1", identity: office)
            let sheet = try await a.sheet("2024-1", unit: "370100", identity: office)
            let line = try #require(sheet.lines.first { $0.line.earned < $0.line.points && $0.line.milestone != nil })
            let value = try #require(line.line.milestone)
            let tried = try await a.whatIf("2024-1", changes: WhatIf(values: ["370100|\(line.line.targetID)": value]), identity: office)
            let jinan = try #require(tried.changed.first { $0.unit == "370100" })
            let was = try #require(frozen.results.first { $0.unit == "370100" })
            #expect(abs(jinan.total - was.total - (line.line.points - line.line.earned)) < 1e-6, "the line earns its full points at the milestone")
            #expect(zip(frozen.results, tried.changed).filter { $0.0.unit != "370100" }.allSatisfy { $0.total == $1.total })
            #expect(try await a.results("2024-1", identity: office).results.map(\.total) == frozen.results.map(\.total), "nothing saved")
            await #expect(throws: ServiceError.self) {
                _ = try await a.whatIf("2024-1", changes: WhatIf(values: ["379999|C02-2": 1]), identity: office)
            }
            await #expect(throws: ServiceError.self) {
                _ = try await a.whatIf("2024-1", changes: WhatIf(values: ["370100|NOPE": 1]), identity: office)
            }
        }
    }

    @Test func departmentsAndEnterprisesAreScoredOnTheirOwnTargetSetsAndRankAmongTheirKind() async throws {
        let instant = TestInstant("2026-11-29T02:00:00.000Z")
        try await ServicesFixture.withServices(now: instant.now) { services in
            try await Self.seedCityScores(services.store)
            let a = services.assessment
            let office = try await ServicesFixture.user(services, "office", .office, "370000")
            let science = try await ServicesFixture.user(services, "sci.rev", .reviewer, "dept-science")
            let example = try AssessmentServiceTests.exampleScheme().replacingOccurrences(of: "veto: true", with: "veto: false")
            let body = example + "\nassessed: [cities, dept-science]\nunit_targets: {dept-science: [C02-2, A003-1]}\n"
            await #expect(throws: ServiceError.self, "an unknown unit") {
                _ = try await a.check(example + "\nassessed: [cities, dept-nowhere]\n")
            }
            _ = try await a.saveScheme(id: "all-2024", body: body, note: "", identity: office, actor: office.actor(ip: "t"))
            _ = try await a.openRound(
                year: 2024, schemeID: "all-2024", version: 1, cutoff: Day(year: 2025, month: 3, day: 31), identity: office,
                actor: office.actor(ip: "t"))
            _ = try await a.freeze("2024-1", reason: "", identity: office, actor: office.actor(ip: "t"))
            let results = try await a.results("2024-1", identity: office)
            #expect(results.results.count == 17 && results.ranking.count == 17)
            // The department: its two targets, their points scaled to 100, scored on the province's data.
            let sheet = try await a.sheet("2024-1", unit: "dept-science", identity: science)
            #expect(sheet.lines.map(\.line.targetID) == ["C02-2", "A003-1"])
            #expect(abs(sheet.lines.reduce(0) { $0 + $1.line.points } - 100) < 1e-9 && sheet.unitName.zh.contains("科学技术厅"))
            #expect(sheet.lines.contains { $0.evaluation?.latestValue != nil }, "the province's series")
            // It ranks alone; the cities rank 1… among themselves.
            #expect(results.ranking.first { $0.unit == "dept-science" }?.rank == 1)
            #expect(Set(results.ranking.filter { $0.unit != "dept-science" }.map(\.rank)).contains(1))
            #expect(try await a.results("2024-1", identity: science).results.map(\.unit) == ["dept-science"], "its own sheet before publication")
        }
    }

    /// Over random changes to the data after the freeze — new values, revisions, whole new series —
    /// a frozen round's scores never move; and each accepted appeal, on line after line, changes
    /// exactly its own line.
    @Test func frozenScoresNeverMoveAndEachAcceptedAppealMovesOnlyItsLine() async throws {
        try await Self.frozenRound { services, office in
            let a = services.assessment
            let plan = try await services.store.loadPlan()
            let frozen = try await a.results("2024-1", identity: office).results
            var g = SeededGenerator(seed: 2024)
            let keys = try await a.sheet("2024-1", unit: "370100", identity: office).lines.compactMap(\.target?.indicatorKey)
            let cities = plan.regions.filter { $0.level == .city }.map(\.code)
            for _ in 0..<20 {
                let changes = (0..<Int.random(in: 1...40, using: &g)).map { _ in
                    Observation(
                        indicatorKey: keys.randomElement(using: &g)!, regionCode: cities.randomElement(using: &g)!,
                        period: Period(year: Int.random(in: 2018...2024, using: &g)), value: Double(Int.random(in: 0...100_000, using: &g)) / 100)
                }
                _ = try await services.store.upsert(changes)
                #expect(try await a.results("2024-1", identity: office).results == frozen, "the data moved, the round did not")
            }
            let jinan = try await ServicesFixture.user(services, "jn.rep", .reporter, "370100")
            var before = try #require(frozen.first { $0.unit == "370100" })
            var seq = 0
            for line in before.lines.prefix(6) {
                seq += 1
                _ = try await a.fileAppeal(
                    "2024-1", unit: "370100", targetID: line.targetID, reason: "核实", files: [], identity: jinan, actor: jinan.actor(ip: "t"))
                _ = try await a.decideAppeal(
                    "2024-1", seq: seq, accept: true, correctedValue: Double(Int.random(in: 0...100_000, using: &g)) / 100, reason: "更正",
                    identity: office, actor: office.actor(ip: "t"))
                let after = try #require(try await a.results("2024-1", identity: office).results.first { $0.unit == "370100" })
                let moved = zip(before.lines, after.lines).filter { $0 != $1 }.map(\.0.targetID)
                #expect(moved.isEmpty || moved == [line.targetID], "appeal on \(line.targetID) moved \(moved)")
                before = after
            }
        }
    }
}
