import Foundation
import PlanCore
import PlanFiles
import PlanServices
import PlanStore
import Testing

/// Supervision orders through the services: who may issue, answer and close; what a bad form
/// says; what each person's ledger holds; the alerts of orders past their due day.
@Suite struct OrderServiceTests {
    static func form(_ unit: String, subject: String = "target:A003-1", due: String = "2026-12-10") -> SupervisionService.OrderForm {
        .init(unit: unit, subject: subject, matter: "细颗粒物浓度下降滞后", requirement: "十日内报送整改方案", level: "key", due: due, note: "月度调度会议定")
    }

    @Test func theOfficeIssuesAndABadFormSaysEverythingWrong() async throws {
        try await ServicesFixture.withServices { services in
            let s = services.supervision
            let office = try await ServicesFixture.user(services, "office", .office, "370000")
            let order = try await s.issueOrder(Self.form("济南市"), identity: office, actor: office.actor(ip: "t"))
            #expect(order.id == "2026-1" && order.unitCode == "370100" && order.state == .issued && order.level == .key)
            #expect(order.events.map(\.action) == [.issue] && order.events[0].text == "月度调度会议定")
            #expect(order.issuedOn == ServicesFixture.today && order.due == Day(year: 2026, month: 12, day: 10))
            // Deadlines are read as lists write them.
            #expect(
                try await s.issueOrder(Self.form("370200", due: "2026年12月底"), identity: office, actor: office.actor(ip: "t")).due.description
                    == "2026-12-31")
            let bad = SupervisionService.OrderForm(
                unit: "火星市", subject: "task:2030-9", matter: "", requirement: "r", level: "urgent", due: "2026-11-01")
            do {
                _ = try await s.issueOrder(bad, identity: office, actor: office.actor(ip: "t"))
                Issue.record("a bad form is refused")
            } catch let ServiceError.invalid(zh, en, _, _) {
                for part in ["火星市", "任务 2030-9", "督办事项", "一般、重点或挂牌", "2026-11-01 已过"] { #expect(zh.contains(part), "\(zh)") }
                #expect(en.contains("The matter is required") && en.contains("has passed"))
            }
            #expect(try await services.store.orders(units: nil).count == 2, "nothing of the bad form is kept")
        }
    }

    @Test func reviewersIssueBelowThemselvesAndReportersNever() async throws {
        try await ServicesFixture.withServices { services in
            let s = services.supervision
            let reviewer = try await ServicesFixture.user(services, "rev", .reviewer, "370100")
            let reporter = try await ServicesFixture.user(services, "rep", .reporter, "370100")
            let county = try await s.issueOrder(Self.form("370102"), identity: reviewer, actor: reviewer.actor(ip: "t"))
            #expect(county.unitCode == "370102" && county.issuerUnit == "370100")
            for (who, unit) in [(reviewer, "370100"), (reviewer, "370200"), (reporter, "370100")] {
                await #expect(throws: ServiceError.self) { _ = try await s.issueOrder(Self.form(unit), identity: who, actor: who.actor(ip: "t")) }
            }
            #expect(try await s.issuableUnits(reporter).isEmpty)
            let below = try await s.issuableUnits(reviewer).map(\.code)
            #expect(below.contains("370102") && !below.contains("370100") && below.allSatisfy { $0.hasPrefix("3701") })
        }
    }

    @Test func theUnitAnswersWithEvidenceAndTheOfficeClosesOrSendsBack() async throws {
        try await ServicesFixture.withServices { services in
            let s = services.supervision
            let office = try await ServicesFixture.user(services, "office", .office, "370000")
            let reporter = try await ServicesFixture.user(services, "rep", .reporter, "370100")
            let qingdao = try await ServicesFixture.user(services, "qd", .reporter, "370200")
            let order = try await s.issueOrder(Self.form("370100"), identity: office, actor: office.actor(ip: "t"))
            await #expect(throws: ServiceError.self) {
                _ = try await s.stepOrder(order.id, .sign, text: "", identity: qingdao, actor: qingdao.actor(ip: "t"))
            }
            await #expect(throws: ServiceError.self) { _ = try await s.order(order.id, identity: qingdao) }
            await #expect(throws: ServiceError.self) {
                _ = try await s.stepOrder(order.id, .close, text: "", identity: reporter, actor: reporter.actor(ip: "t"))
            }
            #expect(try await s.stepOrder(order.id, .sign, text: "", identity: reporter, actor: reporter.actor(ip: "t")).state == .signed)
            // A file whose content is not what its name says is refused, and nothing is kept.
            do {
                _ = try await s.stepOrder(
                    order.id, .answer, text: "已整改", files: [(name: "整改.pdf", data: Data("not a pdf".utf8))], identity: reporter,
                    actor: reporter.actor(ip: "t"))
                Issue.record("a fake PDF is refused")
            } catch let error as ServiceError {
                #expect(error.zh.contains("PDF") || error.zh.contains("pdf"), "\(error.zh)")
            }
            #expect(try await s.order(order.id, identity: office).state == .signed)
            let pdf = Data("%PDF-1.4 整改方案".utf8)
            let answered = try await s.stepOrder(
                order.id, .answer, text: "已制定整改方案并开展专项执法", files: [(name: "整改方案.pdf", data: pdf)], identity: reporter,
                actor: reporter.actor(ip: "t"))
            #expect(answered.state == .answered && answered.events.last?.evidence.count == 1)
            let fileID = try #require(answered.events.last?.evidence.first?.id)
            #expect(try await s.orderFile(fileID, identity: office).data == pdf)
            await #expect(throws: ServiceError.self) { _ = try await s.orderFile(fileID, identity: qingdao) }
            // Sending back needs a reason; the unit answers again; the office closes.
            await #expect(throws: ServiceError.self) {
                _ = try await s.stepOrder(order.id, .sendBack, text: " ", identity: office, actor: office.actor(ip: "t"))
            }
            #expect(try await s.stepOrder(order.id, .sendBack, text: "措施不具体", identity: office, actor: office.actor(ip: "t")).state == .returned)
            _ = try await s.stepOrder(order.id, .answer, text: "补充具体措施", identity: reporter, actor: reporter.actor(ip: "t"))
            let closed = try await s.stepOrder(order.id, .close, text: "同意销号", identity: office, actor: office.actor(ip: "t"))
            #expect(closed.state == .closed && closed.closedOn == ServicesFixture.today)
            #expect(closed.events.map(\.action) == [.issue, .sign, .answer, .sendBack, .answer, .close])
            await #expect(throws: ServiceError.self) {
                _ = try await s.stepOrder(order.id, .answer, text: "再答", identity: reporter, actor: reporter.actor(ip: "t"))
            }
            let audit = try await services.store.audit(AuditQuery(action: "order.")).entries.map(\.action)
            #expect(audit.sorted() == ["order.answer", "order.answer", "order.close", "order.issue", "order.return", "order.sign"])
        }
    }

    @Test func eachLedgerHoldsWhatItsReaderMaySeeAndOverdueOrdersAlert() async throws {
        try await ServicesFixture.withServices { services in
            let s = services.supervision
            let office = try await ServicesFixture.user(services, "office", .office, "370000")
            let reporter = try await ServicesFixture.user(services, "rep", .reporter, "370100")
            let reviewer = try await ServicesFixture.user(services, "rev", .reviewer, "370100")
            let actor = office.actor(ip: "t")
            func draft(_ unit: String, due: Day, issued: Day, level: OrderLevel = .general) -> SupervisionOrder {
                SupervisionOrder(
                    year: 2026, seq: 0, unitCode: unit, subject: OrderSubject(kind: .other, id: ""), matter: "事项 \(unit)", requirement: "答复",
                    level: level, due: due, issuedBy: "office", issuerUnit: "370000", issuedOn: issued)
            }
            // On 11-29: Jinan's is 10 days overdue, Lixia's due in 6 days, Qingdao's 2 days overdue.
            _ = try await services.store.issueOrders(
                [
                    draft("370100", due: Day(year: 2026, month: 11, day: 19), issued: Day(year: 2026, month: 11, day: 1)),
                    draft("370102", due: Day(year: 2026, month: 12, day: 5), issued: Day(year: 2026, month: 10, day: 1), level: .listed),
                    draft("370200", due: Day(year: 2026, month: 11, day: 27), issued: Day(year: 2026, month: 11, day: 20)),
                ], note: "", actor: actor)
            let all = try await s.ledger(.init(show: .open), identity: office)
            #expect(all.orders.map(\.id) == ["2026-1", "2026-3", "2026-2"], "overdue longest first, then due soonest")
            #expect(all.counts[.open] == 3 && all.counts[.overdue] == 2 && all.counts[.closed] == 0)
            #expect(try await s.ledger(.init(show: .open, sort: .age), identity: office).orders.map(\.id) == ["2026-2", "2026-1", "2026-3"])
            #expect(try await s.ledger(.init(show: .all, unit: "370100"), identity: office).orders.map(\.id) == ["2026-1", "2026-2"])
            #expect(try await s.ledger(.init(show: .all, level: .listed), identity: office).orders.map(\.id) == ["2026-2"])
            #expect(try await s.ledger(.init(show: .all), identity: reporter).orders.map(\.id) == ["2026-1"])
            #expect(try await s.ledger(.init(show: .all), identity: reviewer).orders.map(\.id) == ["2026-1", "2026-2"])
            await #expect(throws: ServiceError.self) { _ = try await s.ledger(.init(unit: "999999"), identity: office) }

            // The overdue order is red in the unit's inbox, the one due soon yellow; answering ends the alert.
            let alerts = try await s.inbox(reporter).flatMap(\.items).map(\.alert).filter { $0.kind == .orderOverdue || $0.kind == .orderDueSoon }
            #expect(alerts.map(\.id) == ["order_overdue|370100|2026-1"] && alerts[0].severity == .red)
            // Due within 14 days since 11-21, unacknowledged for 8 days: it has reached Jinan's reviewer.
            let county = try await s.inbox(reviewer, unit: "370102").flatMap(\.items)
            #expect(county.contains { $0.alert.id == "order_due|370102|2026-2" && $0.alert.severity == .yellow && $0.escalation == .reviewer })
            _ = try await s.stepOrder("2026-1", .answer, text: "已办结", identity: reporter, actor: reporter.actor(ip: "t"))
            #expect(try await s.allAlerts().contains { $0.id == "order_overdue|370100|2026-1" } == false)
            #expect(try await s.ledger(.init(show: .answered), identity: office).orders.map(\.id) == ["2026-1"])

            // The ledger as XLSX: a header and a row per order.
            let rows = try XLSXReader.read(try await s.ledgerXLSX(all.orders))
            #expect(rows.first?.cells.prefix(3) == ["编号", "承办单位", "督办对象"] && rows.count == 4)
            #expect(rows[1].cells[0] == "督办〔2026〕1号" && rows[1].cells[1] == "济南市" && rows[1].cells[9] == "10")
        }
    }
}
