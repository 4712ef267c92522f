import Foundation
import PlanCore
import PlanServices
import PlanStore
import Testing

/// Reporting diligence through the services: what a unit did and when (the store's clock is
/// moved by hand), counted by the month each obligation fell due, seen only within one's scope,
/// and listed on the stocktake when poor.
@Suite struct DiligenceServiceTests {
    static let pdf = Data("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)

    static func month(_ text: String) -> Period { Period(text)! }

    @Test func aUnitsObligationsAreCountedByTheMonthTheyFellDue() async throws {
        let clock = TestInstant("2026-01-02T02:00:00.000Z")
        try await ServicesFixture.withServices(now: clock.now, since: Day(year: 2026, month: 1, day: 1)) { services in
            let office = try await ServicesFixture.user(services, "office", .office, "370000")
            let rep = try await ServicesFixture.user(services, "jn.rep", .reporter, "370100")
            let rev = try await ServicesFixture.user(services, "jn.rev", .reviewer, "370100")
            let qingdao = try await ServicesFixture.user(services, "qd.rep", .reporter, "370200")
            let r = services.reporting
            // Jinan reports one figure a month, due on the 10th of the next.
            _ = try await r.replaceCalendar(
                unit: "370100", lines: [.init(indicatorKey: "gdp", frequency: "monthly", firstYear: 2026, dueDays: 10, lockDays: 90)],
                identity: office, actor: office.actor(ip: "t"))
            func save(_ period: String, _ value: String) async throws {
                let row = ReportRow(line: 1, indicatorKey: "gdp", period: period, value: value, explanation: "月度核算数")
                let saved = try await r.save([row], unit: "370100", actor: rep.actor(ip: "t"), identity: rep, reason: "", dryRun: false)
                #expect(saved.outcomes != nil, "\(saved)")
            }
            // September: submitted on time, returned, changed after the deadline and submitted again.
            clock.set("2026-10-08T02:00:00.000Z")
            try await save("2026-09", "1000")
            clock.set("2026-10-10T15:59:00.000Z")  // 23:59 on the due day in China
            _ = try await r.step(.submit, unit: "370100", period: Self.month("2026-09"), reason: nil, actor: rep.actor(ip: "t"), identity: rep)
            clock.set("2026-10-15T02:00:00.000Z")
            _ = try await r.step(
                .returnSubmission, unit: "370100", period: Self.month("2026-09"), reason: "请核实", actor: rev.actor(ip: "t"), identity: rev)
            clock.set("2026-10-16T02:00:00.000Z")
            try await save("2026-09", "1100")
            _ = try await r.step(.submit, unit: "370100", period: Self.month("2026-09"), reason: nil, actor: rep.actor(ip: "t"), identity: rep)
            let september = try await services.store.submission(unit: "370100", period: Self.month("2026-09"))
            #expect(september.firstSubmittedAt == "2026-10-10T15:59:00.000Z", "the first submission is kept")
            // October: two days late.
            clock.set("2026-11-12T02:00:00.000Z")
            try await save("2026-10", "1200")
            _ = try await r.step(.submit, unit: "370100", period: Self.month("2026-10"), reason: nil, actor: rep.actor(ip: "t"), identity: rep)

            // A task listed on 20 August: reports for August (on time, with evidence), September
            // (late, none) and October (missing) fall due on the 5th of the next month.
            clock.set("2026-08-20T02:00:00.000Z")
            let task = WorkTask(
                year: 2026, number: "1", position: 1, title: "编制绿色低碳转型实施方案", article: 1, leadUnits: ["370100"],
                due: Day(year: 2026, month: 12, day: 31),
                dueText: "2026年12月底")
            _ = try await services.store.saveTasks([task], actor: office.actor(ip: "t"), dryRun: false, summary: nil)
            let s = services.supervision
            clock.set("2026-09-03T02:00:00.000Z")
            _ = try await s.reportProgress(
                task: task.id, unit: "370100", period: Self.month("2026-08"),
                form: .init(status: .onSchedule, confidence: .high, narrative: "", files: [(name: "纪要.pdf", data: Self.pdf)], submit: true),
                identity: rep, actor: rep.actor(ip: "t"))
            clock.set("2026-10-07T02:00:00.000Z")
            _ = try await s.reportProgress(
                task: task.id, unit: "370100", period: Self.month("2026-09"),
                form: .init(status: .onSchedule, confidence: .high, narrative: "", submit: true), identity: rep, actor: rep.actor(ip: "t"))

            let flagged = try await services.store.reportValues(unit: "370100", period: nil).filter { !$0.flags.isEmpty }.map(\.period)
            let months = try await s.unitDiligence("370100", identity: rep)
            #expect(months.map(\.month.description) == (1...12).map { SupervisionService.month(Self.month("2026-11"), plus: 1 - $0).description })
            let by = Dictionary(uniqueKeysWithValues: months.map { ($0.month.description, $0.counts) })
            var november = DiligenceCounts()
            (november.due, november.onTime, november.expected, november.present, november.values) = (2, 0, 2, 1, 1)
            november.flagged = flagged.contains(Self.month("2026-10")) ? 1 : 0
            #expect(by["2026-11"] == november)
            var october = DiligenceCounts()
            (october.due, october.onTime, october.expected, october.present, october.values, october.revisedLate) = (2, 1, 2, 2, 1, 1)
            (october.reports, october.withEvidence) = (1, 0)
            october.flagged = flagged.contains(Self.month("2026-09")) ? 1 : 0
            #expect(by["2026-10"] == october)
            var septemberCounts = DiligenceCounts()
            (septemberCounts.due, septemberCounts.onTime, septemberCounts.expected, septemberCounts.present) = (2, 1, 2, 1)
            (septemberCounts.reports, septemberCounts.withEvidence) = (1, 1)
            #expect(by["2026-09"] == septemberCounts)
            for m in ["2026-02", "2026-03", "2026-08"] {
                #expect(by[m]?.due == 1 && by[m]?.onTime == 0 && by[m]?.present == 0, "\(m): a figure never sent")
            }
            #expect(by["2026-01"]?.isEmpty == true && by["2025-12"]?.isEmpty == true)
            // On time ½, complete 1, changed late 1 of 1, evidence 0 of 1.
            let expected = (0.5 * 30 + 1 * 30 + 0 * 15 + (1 - Double(october.flagged)) * 10 + 0 * 15)
            #expect(abs((by["2026-10"]?.score() ?? 0) - expected) < 1e-9)

            // Anyone in the unit's scope sees it; another city does not.
            await #expect(throws: ServiceError.self) { _ = try await s.unitDiligence("370100", identity: qingdao) }
            await #expect(throws: ServiceError.notAuthenticated) { _ = try await s.unitDiligence("370100", identity: nil) }
            let table = try await s.diligence(from: Self.month("2026-10"), through: Self.month("2026-10"), identity: office)
            #expect(table.first { $0.unit.code == "370100" }?.counts == october)
            let scores = table.map { $0.score ?? 101 }
            #expect(scores == scores.sorted(), "the lowest score first")
            let theirs = try await s.diligence(from: Self.month("2026-10"), through: Self.month("2026-10"), identity: qingdao)
            #expect(!theirs.contains { $0.unit.code == "370100" } && theirs.allSatisfy { $0.unit.code.hasPrefix("3702") })
            let pooled = try await s.diligence(from: Self.month("2026-09"), through: Self.month("2026-11"), identity: office)
            #expect(pooled.first { $0.unit.code == "370100" }?.counts == november + october + septemberCounts)
            // Every unit's counts are kept, and counted again once anything they come from changes.
            let before = try await s.diligence(from: Self.month("2026-11"), through: Self.month("2026-11"), identity: office)
            #expect(before.first { $0.unit.code == "370100" }?.counts == november)
            clock.set("2026-11-20T02:00:00.000Z")
            _ = try await s.reportProgress(
                task: task.id, unit: "370100", period: Self.month("2026-10"),
                form: .init(status: .onSchedule, confidence: .high, narrative: "", submit: true), identity: rep, actor: rep.actor(ip: "t"))
            var novemberNow = november
            (novemberNow.present, novemberNow.reports) = (2, 1)
            let after = try await s.diligence(from: Self.month("2026-11"), through: Self.month("2026-11"), identity: office)
            #expect(after.first { $0.unit.code == "370100" }?.counts == novemberNow, "October's late report is there now")
            #expect(throws: ServiceError.self) { _ = try s.diligenceSpan(month: "2026-13", year: nil) }
            #expect(try s.diligenceSpan(month: nil, year: nil) == Self.month("2026-10")...Self.month("2026-10"))
            #expect(try s.diligenceSpan(month: nil, year: 2026) == Self.month("2026-01")...Self.month("2026-11"))

            // The stocktake of 29 November lists Jinan's poor October (its report for October came in November).
            let stocktake = try await s.createStocktake(date: ServicesFixture.today, scope: .province, identity: office, actor: office.actor(ip: "t"))
            let pack = try await s.pack(stocktake.id, identity: office)
            #expect(pack.diligenceMonth == Self.month("2026-10"))
            #expect(pack.poorDiligence.first { $0.unit.code == "370100" }?.counts == october)
            #expect(pack.poorDiligence.allSatisfy { ($0.score ?? 100) < DiligenceWeights.poorBelow })
        }
    }
}
