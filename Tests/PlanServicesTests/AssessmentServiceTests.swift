import Foundation
import PlanCore
import PlanServices
import PlanStore
import Testing

/// The assessment as a workflow through the services: versioned schemes, a round frozen at its
/// cut-off whose scores never move afterwards, recalculation that keeps the earlier result,
/// publication, and who sees which score sheet when.
@Suite struct AssessmentServiceTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples")

    static func exampleScheme() throws -> String {
        try String(contentsOf: examples.appendingPathComponent("assessment-scheme.yaml"), encoding: .utf8)
    }

    @Test func schemesAreVersionsAndBadOnesNameEveryProblem() async throws {
        try await ServicesFixture.withServices { services in
            let a = services.assessment
            let office = try await ServicesFixture.user(services, "office", .office, "370000")
            let reviewer = try await ServicesFixture.user(services, "rev", .reviewer, "370100")
            let body = try Self.exampleScheme()
            await #expect(throws: ServiceError.self) {
                _ = try await a.saveScheme(id: "city-2024", body: body, note: "", identity: reviewer, actor: reviewer.actor(ip: "t"))
            }
            await #expect(throws: ServiceError.self) {
                _ = try await a.saveScheme(id: "City 2024", body: body, note: "", identity: office, actor: office.actor(ip: "t"))
            }
            do {
                _ = try await a.saveScheme(
                    id: "bad", body: "name: x\ntargets:\n  - {target: NOPE-1, points: 60}\n  - {target: C02-2, points: 30}\n", note: "",
                    identity: office, actor: office.actor(ip: "t"))
                Issue.record("a bad scheme was saved")
            } catch ServiceError.invalid(_, _, let problems, _) {
                let text = problems.map(\.message).joined(separator: "\n")
                #expect(problems.count == 2 && text.contains("no target NOPE-1") && text.contains("add up to 90"), "\(text)")
            }
            #expect(try await services.store.schemes(id: nil).isEmpty, "nothing saved")
            let v1 = try await a.saveScheme(id: "city-2024", body: body, note: "首版", identity: office, actor: office.actor(ip: "t"))
            #expect(v1.version == 1 && v1.name == "绿色低碳高质量发展先行区建设年度考核（示例方案）")
            await #expect(throws: ServiceError.self, "an unchanged scheme is not a new version") {
                _ = try await a.saveScheme(id: "city-2024", body: body, note: "", identity: office, actor: office.actor(ip: "t"))
            }
            let v2 = try await a.saveScheme(
                id: "city-2024", body: body.replacingOccurrences(of: "veto: true", with: "veto: false"), note: "取消一票否决",
                identity: office, actor: office.actor(ip: "t"))
            #expect(v2.version == 2)
            #expect(try await a.scheme("city-2024", version: nil, identity: reviewer).version == 2)
            #expect(try await a.scheme("city-2024", version: 1, identity: reviewer).body == body)
            let audit = try await services.store.audit(AuditQuery(action: "scheme.")).entries
            #expect(audit.map(\.subject).sorted() == ["city-2024 v1", "city-2024 v2"])
        }
    }

    @Test func aFrozenRoundsScoresNeverMoveAndRecalculationKeepsTheEarlierResult() async throws {
        try await ServicesFixture.withServices { services in
            let a = services.assessment
            let office = try await ServicesFixture.user(services, "office", .office, "370000")
            let jinan = try await ServicesFixture.user(services, "jn.view", .viewer, "370100")
            let qingdao = try await ServicesFixture.user(services, "qd.view", .viewer, "370200")
            let jinanRep = try await ServicesFixture.user(services, "jn.rep", .reporter, "370100")
            let jinanRev = try await ServicesFixture.user(services, "jn.rev", .reviewer, "370100")
            _ = try await a.saveScheme(id: "city-2024", body: try Self.exampleScheme(), note: "", identity: office, actor: office.actor(ip: "t"))
            await #expect(throws: ServiceError.self, "the cut-off comes after the year") {
                _ = try await a.openRound(
                    year: 2024, schemeID: "city-2024", version: 1, cutoff: Day(year: 2024, month: 12, day: 1), identity: office,
                    actor: office.actor(ip: "t"))
            }
            await #expect(throws: ServiceError.self) {
                _ = try await a.openRound(
                    year: 2024, schemeID: "city-2024", version: 9, cutoff: Day(year: 2025, month: 3, day: 31), identity: office,
                    actor: office.actor(ip: "t"))
            }
            let round = try await a.openRound(
                year: 2024, schemeID: "city-2024", version: 1, cutoff: Day(year: 2025, month: 3, day: 31), identity: office,
                actor: office.actor(ip: "t"))
            #expect(round.id == "2024-1" && round.state == .open)
            await #expect(throws: ServiceError.self, "nothing to score before freezing") { _ = try await a.results(round.id, identity: office) }
            await #expect(throws: ServiceError.self, "only the office freezes") {
                _ = try await a.freeze(round.id, reason: "", identity: jinanRev, actor: jinanRev.actor(ip: "t"))
            }
            await #expect(throws: ServiceError.self, "nothing to publish before freezing") {
                _ = try await a.publish(round.id, identity: office, actor: office.actor(ip: "t"))
            }
            let frozen = try await a.freeze(round.id, reason: "", identity: office, actor: office.actor(ip: "t"))
            #expect(frozen.state == .frozen && frozen.snapshots.count == 1 && frozen.snapshots[0].observations > 0)
            let first = try await a.results(round.id, identity: office)
            #expect(first.complete && first.results.count == 16 && first.ranking.count == 16)
            #expect(first.results.map(\.unit) == first.ranking.map(\.unit), "best first")
            #expect(first.ranking.allSatisfy { Double($0.rank) >= $0.rankP5 - 1e-9 || $0.rankP5 <= $0.rankP95 })
            #expect(first.results.allSatisfy { $0.vetoReasons.isEmpty || $0.grade == AssessmentScheme.standardGrades.last! })

            // Before publication a city sees its own sheet only; the public nothing.
            let own = try await a.results(round.id, identity: jinan)
            #expect(!own.complete && own.results.map(\.unit) == ["370100"] && own.ranking.isEmpty)
            let sheet = try await a.sheet(round.id, unit: "370100", identity: jinan)
            #expect(sheet.lines.count == 14 && abs(sheet.lines.reduce(0) { $0 + $1.line.earned } - sheet.result.quantitative) < 1e-9)
            await #expect(throws: ServiceError.self) { _ = try await a.sheet(round.id, unit: "370100", identity: qingdao) }
            await #expect(throws: ServiceError.notAuthenticated) { _ = try await a.results(round.id, identity: nil) }

            // New approved figures for Jinan move today's evaluations, never the frozen round.
            let scored = sheet.lines.compactMap(\.target).first { $0.indicatorKey == "pm25" }
            #expect(scored != nil, "the scheme scores PM2.5")
            // Jinan's PM2.5 had no base (2022) when frozen: the line is not assessable.
            #expect(sheet.lines.first { $0.line.targetID == scored?.id }?.line.earned == 0)
            // The office opens Jinan's calendar back to 2020 (and unlocked) so that both years can be reported.
            _ = try await services.reporting.replaceCalendar(
                unit: "370100", lines: [.init(indicatorKey: "pm25", frequency: "annual", firstYear: 2020, dueDays: 150, lockDays: 3650)],
                identity: office, actor: office.actor(ip: "t"))
            for (year, value) in [(2022, "45"), (2024, "30")] {
                let period = Period(year: year)
                let row = ReportRow(line: 1, indicatorKey: "pm25", period: "\(year)", value: value, explanation: "核实")
                let saved = try await services.reporting.save(
                    [row], unit: "370100", actor: jinanRep.actor(ip: "t"), identity: jinanRep, reason: "", dryRun: false)
                #expect(saved.outcomes != nil, "\(saved)")
                _ = try await services.reporting.step(
                    .submit, unit: "370100", period: period, reason: nil, actor: jinanRep.actor(ip: "t"), identity: jinanRep)
                _ = try await services.reporting.step(
                    .approve, unit: "370100", period: period, reason: nil, actor: jinanRev.actor(ip: "t"), identity: jinanRev)
            }
            let after = try await a.results(round.id, identity: office)
            #expect(after.results.map(\.total) == first.results.map(\.total) && after.changedSince > 0)
            #expect(try await a.sheet(round.id, unit: "370100", identity: office).result == sheet.result)

            // Recalculating on newer data is explicit, needs a reason, and keeps the first result.
            await #expect(throws: ServiceError.self) { _ = try await a.freeze(round.id, reason: " ", identity: office, actor: office.actor(ip: "t")) }
            let again = try await a.freeze(round.id, reason: "采用修订后的空气质量数据", identity: office, actor: office.actor(ip: "t"))
            #expect(again.snapshots.map(\.seq) == [1, 2] && again.snapshots[1].reason == "采用修订后的空气质量数据")
            let second = try await a.results(round.id, identity: office)
            #expect(second.snapshot.seq == 2 && second.changedSince == 0)
            let newJinan = try await a.sheet(round.id, unit: "370100", identity: office)
            let pm = newJinan.lines.first { $0.line.targetID == scored?.id }
            #expect(pm?.evaluation?.latestValue == 30 && pm?.latest?.period == Period(year: 2024) && (pm?.line.earned ?? 0) > 0)
            #expect(newJinan.result.total > sheet.result.total, "the newer snapshot scores the new figures")
            #expect(try await a.results(round.id, seq: 1, identity: office).results.map(\.total) == first.results.map(\.total))

            // A what-if never changes the round: without the veto no vetoed city stays at the lowest grade for it.
            await #expect(throws: ServiceError.self, "before publication a what-if is the office's") {
                _ = try await a.whatIf(round.id, changes: WhatIf(veto: false), identity: jinan)
            }
            let noVeto = try await a.whatIf(round.id, changes: WhatIf(veto: false), identity: office)
            #expect(noVeto.changed.map(\.total) == second.results.map(\.total) && noVeto.changed.allSatisfy { $0.vetoReasons.isEmpty })
            #expect(zip(second.results, noVeto.changed).allSatisfy { $0.scoreGrade == $1.grade })
            let heavier = try await a.whatIf(round.id, changes: WhatIf(points: ["A070-1": 30]), identity: office)
            let jinanHeavier = try #require(heavier.changed.first { $0.unit == "370100" })
            #expect(jinanHeavier.lines.first { $0.targetID == "A070-1" }?.points == 30)
            await #expect(throws: ServiceError.self) { _ = try await a.whatIf(round.id, changes: WhatIf(points: ["NOPE": 1]), identity: office) }
            #expect(try await a.results(round.id, identity: office).results.map(\.total) == second.results.map(\.total), "nothing saved")

            // Publication makes every sheet public, once.
            let published = try await a.publish(round.id, identity: office, actor: office.actor(ip: "t"))
            #expect(published.state == .published && published.publishedBy == "office")
            let open = try await a.results(round.id, identity: nil)
            #expect(open.complete && open.results.count == 16)
            #expect(try await a.sheet(round.id, unit: "370200", identity: nil).result.unit == "370200")
            await #expect(throws: ServiceError.self) { _ = try await a.publish(round.id, identity: office, actor: office.actor(ip: "t")) }
            await #expect(throws: ServiceError.self) { _ = try await a.freeze(round.id, reason: "x", identity: office, actor: office.actor(ip: "t")) }
            #expect(try await a.rounds(identity: nil).map(\.id) == ["2024-1"])
            let audit = try await services.store.audit(AuditQuery(action: "round.")).entries.map(\.action)
            #expect(audit.sorted() == ["round.freeze", "round.freeze", "round.open", "round.publish"])
        }
    }
}
