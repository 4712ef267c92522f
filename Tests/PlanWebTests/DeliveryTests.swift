import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCore
import PlanServices
import PlanStore
import PlanWeb
import Testing

/// Alerts sent beyond the inbox, against sinks the test starts: a JSON webhook and a robot
/// endpoint (a local HTTP server) and an SMTP relay (a local SMTP server). One digest per unit
/// with only what is new; failures retried on schedule, then shown as failed and sent again.
@Suite(.serialized) struct DeliveryTests {
    /// What the HTTP sink received, and how many requests it should refuse first.
    actor Hooks {
        var received: [(kind: String, body: Data)] = []
        var refuse = 0

        func take(_ kind: String, _ body: Data) -> Bool {
            if refuse > 0 {
                refuse -= 1
                return false
            }
            received.append((kind, body))
            return true
        }

        func refuseNext(_ n: Int) { refuse = n }
        func bodies(_ kind: String) -> [String] { received.filter { $0.kind == kind }.map { String(decoding: $0.body, as: UTF8.self) } }
    }

    final class MovableClock: @unchecked Sendable {
        private let lock = NSLock()
        private var offset: TimeInterval = 0
        var now: Date { lock.withLock { Date().addingTimeInterval(offset) } }
        func advance(minutes: Double) { lock.withLock { offset += minutes * 60 } }
    }

    static func sinkRouter(_ hooks: Hooks) -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/hook/:kind") { request, context -> Response in
            let body = Data(buffer: try await request.body.collect(upTo: 1 << 20))
            let kind = context.parameters.get("kind") ?? ""
            guard await hooks.take(kind, body) else { return Response(status: .internalServerError) }
            let answer =
                kind == "robot"
                ? #"{"errcode":0,"errmsg":"ok"}"# : kind == "refusing-robot" ? #"{"errcode":310000,"errmsg":"keywords not in content"}"# : ""
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: answer)))
        }
        return router
    }

    @Test func alertsReachAWebhookARobotAndAMailboxAndFailuresAreRetried() async throws {
        try await SMTPSink.with { smtp in
            let hooks = Hooks()
            let sink = Application(router: Self.sinkRouter(hooks), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await sink.test(.live) { sinkClient in
                let hookBase = "http://127.0.0.1:\(try #require(sinkClient.port))/hook"
                var configuration = PlanConfiguration(bcryptCost: 4)
                configuration.delivery = DeliverySettings(
                    publicURL: "https://plantrack.example", smtp: .init(host: "127.0.0.1", port: smtp.port), smtpFrom: "alerts@plantrack.example",
                    intervalSeconds: 0)
                let clock = MovableClock()
                try await WebFixture.withServices(configuration: configuration, now: { clock.now }) { router, services in
                    let store = services.store
                    let office = Actor(username: "office", unitCode: "370000", ip: "t", channel: "web")
                    _ = try await store.saveTasks(
                        [
                            WorkTask(
                                year: 2026, number: "5", position: 1, title: "支持济南做大做强支柱产业", article: 73, leadUnits: ["370100"],
                                due: Day(year: 2026, month: 12, day: 31), dueText: "2026年底",
                                milestones: [Milestone(due: Day(year: 2026, month: 6, day: 30), deliverable: "出台支持政策清单")])
                        ], actor: office, dryRun: false, summary: nil)
                    let rep = try await Reporting.user(store, "jn.rep", .reporter, "370100")
                    let reviewer = try await Reporting.user(store, "jn.rev", .reviewer, "370100")
                    let d = services.delivery
                    let repIdentity = try #require(try await services.accounts.identify(secret: rep.token, channel: "api"))
                    let revIdentity = try #require(try await services.accounts.identify(secret: reviewer.token, channel: "api"))
                    // The city's reviewer sends the unit's alerts to a webhook and a WeCom robot; the reporter its own to a mailbox.
                    _ = try await d.subscribe(unit: "370100", channel: .webhook, target: "\(hookBase)/json", identity: revIdentity, actor: office)
                    _ = try await d.subscribe(unit: "370100", channel: .wecom, target: "\(hookBase)/robot", identity: revIdentity, actor: office)
                    _ = try await d.subscribe(unit: nil, channel: .email, target: "jn.rep@example.gov.cn", identity: repIdentity, actor: office)
                    await #expect(throws: ServiceError.self) {
                        _ = try await d.subscribe(unit: "370100", channel: .webhook, target: "\(hookBase)/x", identity: repIdentity, actor: office)
                    }
                    await #expect(throws: ServiceError.self) {
                        _ = try await d.subscribe(unit: nil, channel: .dingtalk, target: "ftp://robot", identity: repIdentity, actor: office)
                    }

                    let first = try await d.deliver()
                    #expect(first == DeliveryService.Run(enqueued: 3, sent: 3, retrying: 0, failed: 0), "one digest per subscription and unit")
                    let key = "milestone_overdue|370100|2026-5#1"
                    let json = try #require(await hooks.bodies("json").first)
                    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
                    let alerts = try #require(object["alerts"] as? [[String: Any]])
                    #expect(object["unit"] as? String == "370100" && alerts.contains { $0["key"] as? String == key })
                    #expect(alerts.contains { $0["link"] as? String == "https://plantrack.example/tasks/2026-5" })
                    let robot = try #require(await hooks.bodies("robot").first)
                    #expect(robot.contains(#""msgtype":"markdown""#) && robot.contains("节点逾期") && robot.contains("出台支持政策清单"))
                    let mail = try #require(await smtp.messages.first)
                    #expect(mail.to == "RCPT TO:<jn.rep@example.gov.cn>" && mail.from == "MAIL FROM:<alerts@plantrack.example>")
                    #expect(mail.data.contains("Subject: =?UTF-8?B?") && mail.data.contains("Content-Transfer-Encoding: base64"))
                    let encoded = mail.data.components(separatedBy: "\r\n\r\n").dropFirst().joined().replacingOccurrences(of: "\r\n", with: "")
                    let text = String(decoding: Data(base64Encoded: encoded) ?? Data(), as: UTF8.self)
                    #expect(text.contains("出台支持政策清单") && text.contains("https://plantrack.example/tasks/2026-5"), "\(text.prefix(300))")

                    // Nothing new, nothing sent.
                    #expect(try await d.deliver() == DeliveryService.Run())

                    // A new alert (an overdue order) while the webhook refuses: retried after a minute, then through.
                    _ = try await store.issueOrders(
                        [
                            SupervisionOrder(
                                year: 2026, seq: 0, unitCode: "370100", subject: OrderSubject(kind: .task, id: "2026-5"), matter: "政策清单逾期",
                                requirement: "说明原因", level: .key, due: Day(year: 2026, month: 11, day: 20), issuedBy: "office", issuerUnit: "370000",
                                issuedOn: Day(year: 2026, month: 11, day: 10))
                        ], note: "", actor: office)
                    await hooks.refuseNext(1)
                    let second = try await d.deliver()
                    #expect(second.enqueued == 3 && second.sent == 2 && second.retrying == 1)
                    let waiting = try #require(try await d.outbox(revIdentity).first { $0.state == .pending })
                    #expect(waiting.attempts == 1 && waiting.lastError.contains("HTTP 500"))
                    #expect(try await d.send() == (0, 0, 0), "not before its next attempt")
                    clock.advance(minutes: 1.5)
                    #expect(try await d.send() == (1, 0, 0))
                    #expect(await hooks.bodies("json").last?.contains("order_overdue|370100|2026-1") == true)
                    #expect(await hooks.bodies("json").last?.contains(key) == false, "only what is new")

                    // A robot that keeps refusing: five attempts on the schedule, then failed, shown, and sent again on demand.
                    _ = try await d.subscribe(
                        unit: "370100", channel: .dingtalk, target: "\(hookBase)/refusing-robot", identity: revIdentity, actor: office)
                    #expect(try await d.deliver().retrying == 1)
                    for minutes in [5.5, 15.5, 60.5] {
                        clock.advance(minutes: minutes)
                        #expect(try await d.send().retrying == 1)
                    }
                    clock.advance(minutes: 61)
                    #expect(try await d.send().failed == 1)
                    let failed = try #require(try await d.outbox(revIdentity).first { $0.state == .failed })
                    #expect(failed.attempts == 5 && failed.lastError.contains("errcode 310000"))
                    try await Application(router: router).test(.router) { client in
                        try await client.execute(uri: "/deliveries", method: .get, headers: reviewer.browser) { response in
                            #expect(
                                response.status == .ok && response.text.contains("发送失败") && response.text.contains("/deliveries/\(failed.id)/retry"))
                            #expect(response.text.contains("errcode 310000") && response.text.contains("钉钉群机器人"))
                        }
                        try await client.execute(uri: "/deliveries", method: .get, headers: rep.browser) { response in
                            #expect(!response.text.contains(failed.id), "a reporter sees its own subscriptions' messages only")
                        }
                        try await client.execute(
                            uri: "/deliveries/\(failed.id)/retry", method: .post, headers: reviewer.browser,
                            body: Reporting.form([("_csrf", reviewer.csrf)])
                        ) { #expect($0.status == .seeOther) }
                        try await client.execute(
                            uri: "/api/v1/subscriptions", method: .post, headers: rep.bearer,
                            body: Reporting.json(["channel": "webhook", "target": "not a url"])
                        ) { response in
                            #expect(response.status == .unprocessableContent && response.text.contains("http"))
                        }
                        try await client.execute(uri: "/api/v1/deliveries/run", method: .post, headers: rep.bearer) {
                            #expect($0.status == .forbidden)
                        }
                    }
                    #expect(try await d.outbox(revIdentity).first { $0.id == failed.id }?.state == .pending)
                    let audit = try await store.audit(AuditQuery(action: "subscription.add")).total
                    #expect(audit == 4)
                }
            }
        }
    }
}
