import Foundation
import PlanCatalog
import PlanCore
import PlanStore
import SQLKit
import Testing

/// The supervision-order part of the storage contract: numbering, steps with evidence and
/// history, all or nothing.
extension StoreContractTests {
    static func draft(_ unit: String, year: Int = 2026, matter: String = "推进不力") -> SupervisionOrder {
        SupervisionOrder(
            year: year, seq: 0, unitCode: unit, subject: OrderSubject(kind: .target, id: "A003-1"), matter: matter, requirement: "十日内报送整改方案",
            level: .key, due: Day(year: year, month: 12, day: 20), issuedBy: "office", issuerUnit: "370000",
            issuedOn: Day(year: year, month: 12, day: 1))
    }

    @Test(arguments: StoreKind.available)
    func ordersAreNumberedWithinTheirYearAndKeepTheirHistory(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await Self.seeded(store)
            let stamp = try await store.alertInputsStamp()
            let issued = try await store.issueOrders(
                [Self.draft("370100"), Self.draft("370200"), Self.draft("370100", year: 2027)], note: "调度会议定", actor: Self.office)
            #expect(issued.map(\.id) == ["2026-1", "2026-2", "2027-1"])
            #expect(try await store.alertInputsStamp() != stamp, "orders raise alerts: issuing moves the stamp")
            #expect(try await store.issueOrders([Self.draft("370300")], note: "", actor: Self.office).map(\.id) == ["2026-3"])
            #expect(try await store.orders(units: nil).map(\.id) == ["2027-1", "2026-3", "2026-2", "2026-1"])
            #expect(try await store.orders(units: ["370100"]).map(\.id) == ["2027-1", "2026-1"])
            #expect(try await store.orders(units: []).isEmpty)

            let pdf = Data("%PDF-1.4 整改报告".utf8)
            let evidence = NewEvidence(fileName: "整改报告.pdf", contentType: "application/pdf", data: pdf, sha256: "abc")
            let answered = try await store.stepOrder(
                id: "2026-1", action: .answer, text: "已制定整改方案", evidence: [evidence], on: Day(year: 2026, month: 12, day: 5), actor: Self.actor
            ) { _ in .answered }
            #expect(answered.state == .answered && answered.events.map(\.action) == [.issue, .answer])
            #expect(answered.events[0].text == "调度会议定" && answered.events[1].actor == "rep" && answered.events[1].actorUnit == "370100")
            let file = try #require(answered.events[1].evidence.first)
            let stored = try #require(try await store.orderFile(id: file.id))
            #expect(stored.data == pdf && stored.orderID == "2026-1" && stored.unitCode == "370100" && stored.info.fileName == "整改报告.pdf")
            #expect(answered.answeredBy == "rep")

            // A refused step changes nothing: no event, no file, no audit entry.
            let audit = try await store.audit(AuditQuery(limit: 1)).total
            await #expect(throws: SupervisionError.self) {
                _ = try await store.stepOrder(
                    id: "2026-1", action: .answer, text: "x", evidence: [evidence], on: Day(year: 2026, month: 12, day: 6), actor: Self.actor
                ) {
                    _ in throw SupervisionError(zh: "已答复", en: "Already answered")
                }
            }
            #expect(try await store.order(id: "2026-1")?.events.count == 2)
            #expect(try await store.audit(AuditQuery(limit: 1)).total == audit)
            #expect(try await Self.count(store, "SELECT COUNT(*) AS n FROM order_files") == 1)

            let closed = try await store.stepOrder(
                id: "2026-1", action: .close, text: "同意销号", evidence: [], on: Day(year: 2026, month: 12, day: 8), actor: Self.office
            ) { _ in .closed }
            #expect(closed.state == .closed && closed.closedOn == Day(year: 2026, month: 12, day: 8) && closed.events.last?.action == .close)
            let trail = try await store.audit(AuditQuery(action: "order.")).entries.map(\.action)
            #expect(trail.filter { $0 == "order.issue" }.count == 4 && trail.contains("order.answer") && trail.contains("order.close"))
            await #expect(throws: StoreError.self) {
                _ = try await store.stepOrder(
                    id: "2099-1", action: .sign, text: "", evidence: [], on: Day(year: 2026, month: 12, day: 8), actor: Self.actor
                ) {
                    _ in .signed
                }
            }
        }
    }

    /// Issuers at the same moment never share a number.
    @Test(arguments: StoreKind.available)
    func concurrentIssuersNumberInTurn(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await Self.seeded(store)
            let ids = try await withThrowingTaskGroup(of: [String].self) { group in
                for i in 0..<8 {
                    group.addTask { try await store.issueOrders([Self.draft("370100", matter: "并发 \(i)")], note: "", actor: Self.office).map(\.id) }
                }
                return try await group.reduce(into: [String]()) { $0 += $1 }
            }
            #expect(Set(ids) == Set((1...8).map { "2026-\($0)" }))
        }
    }
}

/// The policy list's part of the storage contract.
extension StoreContractTests {
    @Test(arguments: StoreKind.available)
    func policiesAreSavedAllOrNothingAndKeepTheirPlace(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await Self.seeded(store)
            func policy(_ number: String, _ position: Int, status: PolicyStatus = .drafting) -> Policy {
                Policy(
                    number: number, position: position, title: "政策 \(number)", issuers: ["dept-energy", "dept-drc"], articles: [49, 50],
                    planned: Day(year: 2026, month: 6, day: 30), plannedText: "2026年6月底", status: status)
            }
            #expect(try await store.savePolicies([policy("1", 1), policy("2", 2)], actor: Self.office, dryRun: true, summary: nil) == [.new, .new])
            #expect(try await store.policies().isEmpty)
            _ = try await store.savePolicies([policy("1", 1), policy("2", 2)], actor: Self.office, dryRun: false, summary: nil)
            let stored = try await store.policies()
            #expect(stored == [policy("1", 1), policy("2", 2)], "every field reads back")
            var issued = policy("2", 1, status: .issued)
            issued.documentNumber = "鲁示例〔2026〕2号"
            issued.issuedOn = Day(year: 2026, month: 6, day: 20)
            #expect(
                try await store.savePolicies([issued, policy("1", 2)], actor: Self.office, dryRun: false, summary: nil) == [.changed, .unchanged])
            #expect(try await store.policies().map(\.id) == ["2", "1"])
            #expect(try await store.policy(id: "2") == issued)
            try await store.deletePolicy(id: "1", actor: Self.office)
            #expect(try await store.policies().map(\.id) == ["2"])
            let trail = try await store.audit(AuditQuery(action: "policy.")).entries.map(\.action)
            #expect(trail.filter { $0 == "policy.create" }.count == 2 && trail.contains("policy.change") && trail.contains("policy.delete"))
        }
    }
}

/// The delivery part of the storage contract: the outbox with its marks, claims and attempts.
extension StoreContractTests {
    @Test(arguments: StoreKind.available)
    func theOutboxIsClaimedOnceAndKeepsItsAttempts(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await Self.seeded(store)
            let s = Subscription(
                id: "s1", owner: .unit("370100"), channel: .webhook, target: "http://127.0.0.1:9/hook", createdBy: "office",
                createdAt: "2026-11-29T00:00:00.000Z")
            try await store.addSubscription(s, actor: Self.office)
            #expect(try await store.subscriptions() == [s])
            let now = Date(timeIntervalSince1970: 1_796_000_000)
            let message = OutboxMessage(
                id: "m1", subscriptionID: "s1", unitCode: "370100", channel: .webhook, target: s.target, subject: "预警", body: Data("{}".utf8),
                state: .pending, attempts: 0, nextAttemptAt: Timestamp.string(now), lastError: "", createdAt: Timestamp.string(now), sentAt: nil)
            try await store.enqueue([message], delivered: ["s1": ["a|370100|x", "b|370100|y"]], forget: [:])
            #expect(try await store.deliveredKeys() == ["s1": ["a|370100|x", "b|370100|y"]])
            // The same marks again fail the whole transaction: no second message.
            await #expect(throws: (any Error).self) {
                var again = message
                again.id = "m2"
                try await store.enqueue([again], delivered: ["s1": ["a|370100|x"]], forget: [:])
            }
            #expect(try await store.outbox(subscriptionIDs: nil, limit: 10).map(\.id) == ["m1"])
            // Claimed once: a second claim at the same moment gets nothing.
            #expect(try await store.claimDueMessages(now: now, limit: 10, leaseSeconds: 120).map(\.id) == ["m1"])
            #expect(try await store.claimDueMessages(now: now, limit: 10, leaseSeconds: 120).isEmpty)
            try await store.recordAttempt(id: "m1", sent: false, error: "HTTP 500", at: now, retryAt: now.addingTimeInterval(60))
            var stored = try #require(try await store.outbox(subscriptionIDs: ["s1"], limit: 10).first)
            #expect(stored.state == .pending && stored.attempts == 1 && stored.lastError == "HTTP 500")
            #expect(try await store.claimDueMessages(now: now.addingTimeInterval(30), limit: 10, leaseSeconds: 120).isEmpty)
            #expect(try await store.claimDueMessages(now: now.addingTimeInterval(61), limit: 10, leaseSeconds: 120).count == 1)
            try await store.recordAttempt(id: "m1", sent: false, error: "refused", at: now, retryAt: nil)
            stored = try #require(try await store.outbox(subscriptionIDs: nil, limit: 10).first)
            #expect(stored.state == .failed && stored.attempts == 2)
            try await store.retryMessage(id: "m1", at: now, actor: Self.office)
            #expect(try await store.claimDueMessages(now: now, limit: 10, leaseSeconds: 120).count == 1)
            try await store.recordAttempt(id: "m1", sent: true, error: "", at: now, retryAt: nil)
            stored = try #require(try await store.outbox(subscriptionIDs: nil, limit: 10).first)
            #expect(stored.state == .sent && stored.sentAt != nil && stored.body == Data("{}".utf8))
            try await store.enqueue([], delivered: [:], forget: ["s1": ["a|370100|x"]])
            #expect(try await store.deliveredKeys() == ["s1": ["b|370100|y"]])
            try await store.deleteSubscription(id: "s1", actor: Self.office)
            #expect(try await store.subscriptions().isEmpty)
            #expect(try await store.deliveredKeys().isEmpty)
        }
    }
}
