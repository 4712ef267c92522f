import Foundation
import PlanCore
import Testing

/// Supervision orders: the workflow's steps, who may issue and answer, and the alerts of orders
/// waiting for their unit.
@Suite struct OrderRulesTests {
    static func order(state: OrderState = .issued, due: Day = Day(year: 2026, month: 12, day: 10), level: OrderLevel = .key) -> SupervisionOrder {
        SupervisionOrder(
            year: 2026, seq: 7, unitCode: "370100", subject: OrderSubject(kind: .target, id: "A003-1"), matter: "PM2.5 浓度下降滞后",
            requirement: "报送整改措施", level: level, due: due, state: state, issuedBy: "office", issuerUnit: "370000",
            issuedOn: Day(year: 2026, month: 11, day: 20))
    }

    @Test func anOrderIsSignedAnsweredAndClosedOrSentBack() throws {
        #expect(try OrderWorkflow.step(.sign, from: .issued, text: "", answeredBy: nil, by: "jinan") == .signed)
        #expect(throws: SupervisionError.self) { try OrderWorkflow.step(.sign, from: .signed, text: "", answeredBy: nil, by: "jinan") }
        // An answer may come without signing first, and again after being sent back; never blank.
        for state in [OrderState.issued, .signed, .returned] {
            #expect(try OrderWorkflow.step(.answer, from: state, text: "已完成整改", answeredBy: nil, by: "jinan") == .answered)
        }
        #expect(throws: SupervisionError.self) { try OrderWorkflow.step(.answer, from: .signed, text: "  \n", answeredBy: nil, by: "jinan") }
        #expect(throws: SupervisionError.self) { try OrderWorkflow.step(.answer, from: .answered, text: "再答", answeredBy: nil, by: "jinan") }
        #expect(throws: SupervisionError.self) { try OrderWorkflow.step(.answer, from: .closed, text: "再答", answeredBy: nil, by: "jinan") }
        // Only an answered order is closed or sent back; closing is by someone other than the answerer.
        #expect(try OrderWorkflow.step(.close, from: .answered, text: "", answeredBy: "jinan", by: "office") == .closed)
        #expect(throws: SupervisionError.self) { try OrderWorkflow.step(.close, from: .answered, text: "", answeredBy: "admin", by: "admin") }
        #expect(throws: SupervisionError.self) { try OrderWorkflow.step(.close, from: .signed, text: "", answeredBy: nil, by: "office") }
        #expect(try OrderWorkflow.step(.sendBack, from: .answered, text: "措施不具体", answeredBy: "jinan", by: "office") == .returned)
        #expect(throws: SupervisionError.self) { try OrderWorkflow.step(.sendBack, from: .answered, text: "", answeredBy: "jinan", by: "office") }
        #expect(throws: SupervisionError.self) { try OrderWorkflow.step(.issue, from: .issued, text: "", answeredBy: nil, by: "office") }
    }

    @Test func overdueAndAgeCountFromTheDays() {
        let today = Day(year: 2026, month: 12, day: 15)
        #expect(Self.order().overdueDays(today: today) == 5)
        #expect(Self.order().overdueDays(today: Day(year: 2026, month: 12, day: 10)) == nil, "due today is not overdue")
        #expect(Self.order(state: .answered).overdueDays(today: today) == nil, "an answered order waits for the issuer, not the unit")
        #expect(Self.order(state: .returned).overdueDays(today: today) == 5)
        var closed = Self.order(state: .closed)
        closed.closedOn = Day(year: 2026, month: 11, day: 30)
        #expect(Self.order().age(today: today) == 25 && closed.age(today: today) == 10, "age stops at closing")
        #expect(Self.order().numberZh == "督办〔2026〕7号" && Self.order().id == "2026-7")
    }

    @Test func subjectsReadAndWriteAsText() {
        #expect(OrderSubject("target:A003-1") == OrderSubject(kind: .target, id: "A003-1"))
        #expect(OrderSubject("task: 2026-5")?.link == "/tasks/2026-5")
        #expect(OrderSubject("other")?.text == "other" && OrderSubject("other")?.link == nil)
        #expect(OrderSubject("target:") == nil && OrderSubject("plan:P1") == nil && OrderSubject("") == nil)
        #expect(OrderSubject("project:2026-370102-44-01-000001")?.link == "/projects/2026-370102-44-01-000001")
    }

    @Test func ordersWaitingForTheirUnitRaiseAlerts() {
        let settings = AlertSettings(dueSoonDays: 14, reviewerAfterDays: 7, officeAfterDays: 14)
        let orders = [
            Self.order(), Self.order(state: .answered), Self.order(state: .closed),
            SupervisionOrder(
                year: 2026, seq: 8, unitCode: "370200", subject: OrderSubject(kind: .other, id: ""), matter: "m", requirement: "r", level: .listed,
                due: Day(year: 2027, month: 3, day: 1), issuedBy: "office", issuerUnit: "370000", issuedOn: Day(year: 2026, month: 11, day: 20)),
        ]
        let soon = AlertRules.orders(orders, today: Day(year: 2026, month: 12, day: 1), settings: settings)
        #expect(soon.map(\.id) == ["order_due|370100|2026-7"] && soon[0].severity == .yellow && soon[0].link == "/orders/2026-7")
        let late = AlertRules.orders(orders, today: Day(year: 2026, month: 12, day: 20), settings: settings)
        #expect(late.map(\.id) == ["order_overdue|370100|2026-7"] && late[0].severity == .red && late[0].since == Day(year: 2026, month: 12, day: 11))
        #expect(late[0].textZh.contains("重点督办 督办〔2026〕7号") && late[0].textZh.contains("已逾期 10 天"))
        #expect(settings.escalation(of: late[0], today: Day(year: 2026, month: 12, day: 20), acknowledged: false) == .reviewer)
    }

    @Test func theOfficeAndReviewersAboveIssueAndTheUnitAnswers() {
        let tree = UnitTree([
            ReportingUnit(code: "370000", nameZh: "山东省", nameEn: "Shandong", kind: .region, parentCode: nil, regionCode: "370000"),
            ReportingUnit(code: "370100", nameZh: "济南市", nameEn: "Jinan", kind: .region, parentCode: "370000", regionCode: "370100"),
            ReportingUnit(code: "370102", nameZh: "历下区", nameEn: "Lixia", kind: .region, parentCode: "370100", regionCode: "370102"),
        ])
        func allows(_ role: Role, _ userUnit: String, _ action: ReportingAction, _ unit: String) -> Bool {
            Access.allows(role, userUnit: userUnit, action: action, unit: unit, tree: tree)
        }
        #expect(allows(.office, "370000", .issueOrders, "370100") && allows(.office, "370000", .issueOrders, "370000"))
        #expect(!allows(.office, "370000", .answerOrders, "370100"), "the office issues; it does not answer")
        #expect(allows(.reviewer, "370100", .issueOrders, "370102") && !allows(.reviewer, "370100", .issueOrders, "370100"))
        #expect(!allows(.reviewer, "370100", .issueOrders, "370000"))
        #expect(allows(.reviewer, "370100", .answerOrders, "370100") && !allows(.reviewer, "370100", .answerOrders, "370102"))
        #expect(allows(.reporter, "370100", .answerOrders, "370100") && !allows(.reporter, "370100", .answerOrders, "370102"))
        #expect(!allows(.reporter, "370100", .issueOrders, "370100") && !allows(.viewer, "370000", .issueOrders, "370100"))
    }
}
