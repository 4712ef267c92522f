import Foundation
import PlanCore
import PlanServices
import PlanStore
import Testing

/// Stocktakes through the services: who opens them, what the pack holds, what moved since the
/// last one, and decisions that become orders and tasks and are followed up next time.
@Suite struct StocktakeServiceTests {
    @Test func theOfficeOpensAStocktakeAndItsDecisionsBecomeOrdersAndTasks() async throws {
        try await ServicesFixture.withServices { services in
            let s = services.supervision
            let office = try await ServicesFixture.user(services, "office", .office, "370000")
            let reporter = try await ServicesFixture.user(services, "rep", .reporter, "370100")
            let qingdao = try await ServicesFixture.user(services, "qd", .viewer, "370200")
            await #expect(throws: ServiceError.self) {
                _ = try await s.createStocktake(date: ServicesFixture.today, scope: .province, identity: reporter, actor: reporter.actor(ip: "t"))
            }
            // The previous meeting saw every target of the province on track: whatever is off track now has moved.
            let (_, evaluations) = try await services.plans.evaluations()
            var calm: [String: EvaluationStatus] = [:]
            for e in evaluations { calm["\(e.targetID)|\(e.regionCode)"] = .onTrack }
            try await services.store.createStocktake(
                Stocktake(date: Day(year: 2026, month: 10, day: 30), scope: .province, statuses: calm, createdBy: "office", createdAt: "t"),
                actor: office.actor(ip: "t"))
            let previous = "2026-10-30-province"
            _ = try await s.decide(
                previous, .init(text: "济南市报送整改方案", kind: "order", unit: "济南市", due: "2026-12-31"), identity: office, actor: office.actor(ip: "t"))
            let stocktake = try await s.createStocktake(date: ServicesFixture.today, scope: .province, identity: office, actor: office.actor(ip: "t"))
            #expect(stocktake.id == "2026-11-29-province" && !stocktake.statuses.isEmpty)
            await #expect(throws: ServiceError.self) {
                _ = try await s.createStocktake(date: ServicesFixture.today, scope: .province, identity: office, actor: office.actor(ip: "t"))
            }

            let pack = try await s.pack(stocktake.id, identity: office)
            #expect(pack.previous?.id == previous)
            let off = evaluations.filter { AlertRules.severity(of: $0.status) != nil }
            #expect(pack.offTrackTotal == off.count && !off.isEmpty)
            #expect(pack.offTrack.first?.target.binding == true || pack.offTrack.allSatisfy { !$0.target.binding }, "binding targets first")
            #expect(Set(pack.movers.map(\.target.id)) == Set(off.map(\.targetID)) && pack.movers.allSatisfy { $0.direction == -1 })
            #expect(pack.previousDecisions.count == 1 && pack.previousDecisions[0].orderState == .issued)
            #expect(pack.openOrdersTotal == 1, "the previous decision's order is open")

            // A decision becomes an order, another a task, a third is a note; each in one step.
            let decided = try await s.decide(
                stocktake.id, .init(text: "一周内报送支柱产业政策清单出台计划", kind: "order", unit: "370100", due: "2026-12-06", level: "listed"),
                identity: office, actor: office.actor(ip: "t"))
            let orderID = try #require(decided.decisions.last?.ref)
            let order = try #require(try await services.store.order(id: orderID))
            #expect(order.unitCode == "370100" && order.level == .listed && order.source == "stocktake:\(stocktake.id)")
            #expect(order.matter.hasPrefix("调度会（2026-11-29）议定："))
            let withTask = try await s.decide(
                stocktake.id, .init(text: "制定海上风电推进方案", kind: "task", unit: "省能源局", due: "2026年12月底"), identity: office,
                actor: office.actor(ip: "t"))
            let taskID = try #require(withTask.decisions.last?.ref)
            let task = try await s.task(taskID)
            #expect(task.leadUnits == ["dept-energy"] && task.due == Day(year: 2026, month: 12, day: 31) && task.id == "2026-ST20261129-2")
            _ = try await s.decide(stocktake.id, .init(text: "下次会议听取工信厅汇报", kind: "note"), identity: office, actor: office.actor(ip: "t"))
            // Bad decisions change nothing.
            for bad in [
                SupervisionService.DecisionForm(text: "", kind: "note"), .init(text: "x", kind: "vote"),
                .init(text: "x", kind: "order", unit: "火星市", due: "2026-12-06"), .init(text: "x", kind: "task", unit: "370100", due: "明年"),
            ] {
                await #expect(throws: ServiceError.self) { _ = try await s.decide(stocktake.id, bad, identity: office, actor: office.actor(ip: "t")) }
            }
            await #expect(throws: ServiceError.self) {
                _ = try await s.decide(stocktake.id, .init(text: "x", kind: "note"), identity: reporter, actor: reporter.actor(ip: "t"))
            }
            let after = try await s.pack(stocktake.id, identity: office)
            #expect(after.decisions.map(\.decision.kind) == [.order, .task, .note])
            #expect(after.decisions[0].orderState == .issued && after.decisions[1].taskStatus == .notStarted)
            // The unit answers; the next stocktake shows it.
            _ = try await s.stepOrder(order.id, .answer, text: "已报送", identity: reporter, actor: reporter.actor(ip: "t"))
            _ = try await services.store.createStocktake(
                Stocktake(
                    date: Day(year: 2026, month: 12, day: 20), scope: .province, statuses: stocktake.statuses, createdBy: "office", createdAt: "t"),
                actor: office.actor(ip: "t"))
            let next = try await s.pack("2026-12-20-province", identity: office)
            #expect(next.previous?.id == stocktake.id && next.previousDecisions.map(\.orderState) == [.answered, nil, nil])
            #expect(next.movers.isEmpty, "nothing moved between the two")
            // Who reads them: the province's readers; a city's viewer sees none of the province's.
            #expect(try await s.stocktakes(qingdao).isEmpty)
            await #expect(throws: ServiceError.self) { _ = try await s.pack(stocktake.id, identity: qingdao) }
            let audit = try await services.store.audit(AuditQuery(action: "stocktake.")).entries.map(\.action)
            #expect(audit.filter { $0 == "stocktake.decide" }.count == 4 && audit.contains("stocktake.create"))
        }
    }

    @Test func aCityStocktakeCoversTheCityAndAChapterItsTargets() async throws {
        try await ServicesFixture.withServices { services in
            let s = services.supervision
            let office = try await ServicesFixture.user(services, "office", .office, "370000")
            let city = try await s.createStocktake(
                date: ServicesFixture.today, scope: .city("370100"), identity: office, actor: office.actor(ip: "t"))
            #expect(city.id == "2026-11-29-370100" && city.statuses.keys.allSatisfy { $0.hasSuffix("|370100") })
            let (snapshot, _) = try await services.plans.evaluations()
            let chapter = try await s.createStocktake(date: ServicesFixture.today, scope: .chapter(5), identity: office, actor: office.actor(ip: "t"))
            for key in chapter.statuses.keys {
                let target = try #require(snapshot.targetsByID[String(key.split(separator: "|")[0])])
                switch target.source {
                case .article(let a): #expect(snapshot.plan.articles.first { $0.number == a }?.chapter == 5)
                case .chapterIntroduction(let c): #expect(c == 5)
                }
            }
            await #expect(throws: ServiceError.self) {
                _ = try await s.createStocktake(date: ServicesFixture.today, scope: .chapter(99), identity: office, actor: office.actor(ip: "t"))
            }
            let viewer = try await ServicesFixture.user(services, "jn.viewer", .viewer, "370100")
            #expect(try await s.stocktakes(viewer).map(\.id) == ["2026-11-29-370100"])
        }
    }
}
