import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCore
import PlanFiles
import PlanServices
import PlanStore
import PlanWeb
import Testing

/// Supervision orders over the pages and the API: the office issues one, the city signs and
/// answers with evidence, the office sends it back and then closes it; the ledger lists and
/// exports what each reader may see.
@Suite struct OrderRouteTests {
    @Test func theOfficeIssuesTheCityAnswersAndTheOfficeCloses() async throws {
        try await WebFixture.withRouter { router, store in
            let office = try await Reporting.user(store, "office", .office, "370000")
            let rep = try await Reporting.user(store, "jn.rep", .reporter, "370100")
            let qd = try await Reporting.user(store, "qd.rep", .reporter, "370200")
            try await Application(router: router).test(.router) { client in
                // The ledger needs a login; the issuing form is the office's (and reviewers').
                try await client.execute(uri: "/orders", method: .get) { #expect($0.status == .seeOther) }
                try await client.execute(uri: "/orders/new", method: .get, headers: rep.browser) { #expect($0.status == .forbidden) }
                try await client.execute(uri: "/orders/new?unit=370100&subject=target:A003-1", method: .get, headers: office.browser) { response in
                    #expect(response.status == .ok && response.text.contains("下发督办单"))
                    #expect(
                        response.text.contains("<option value=\"370100\" selected>济南市</option>") && response.text.contains("value=\"target:A003-1\""))
                }
                // A bad form comes back with its messages and keeps what was typed.
                try await client.execute(
                    uri: "/orders/new", method: .post, headers: office.browser,
                    body: Reporting.form([
                        ("_csrf", office.csrf), ("unit", "370100"), ("subject", "target:NOPE"), ("matter", "保留的事项"), ("requirement", ""),
                        ("level", "key"),
                        ("due", "2026-12-10"),
                    ])
                ) { response in
                    #expect(response.status == .unprocessableContent && response.text.contains("没有找到督办对象 目标 NOPE"))
                    #expect(response.text.contains("请填写督办要求") && response.text.contains("保留的事项"))
                }
                #expect(try await store.orders(units: nil).isEmpty)
                let location = try await client.execute(
                    uri: "/orders/new", method: .post, headers: office.browser,
                    body: Reporting.form([
                        ("_csrf", office.csrf), ("unit", "370100"), ("subject", "target:A003-1"), ("matter", "细颗粒物浓度下降滞后"),
                        ("requirement", "十日内报送整改方案"), ("level", "listed"), ("due", "2026-12-10"),
                    ])
                ) { response in
                    #expect(response.status == .seeOther)
                    return response.headers[.location] ?? ""
                }
                #expect(location == "/orders/2026-1?done=issue")
                try await client.execute(uri: location, method: .get, headers: rep.browser) { response in
                    #expect(response.status == .ok && response.text.contains("督办〔2026〕1号") && response.text.contains("挂牌"))
                    #expect(response.text.contains("href=\"/targets/A003-1\"") && response.text.contains("value=\"sign\""))
                    #expect(response.text.contains("value=\"answer\"") && !response.text.contains("value=\"close\""))
                }
                try await client.execute(uri: "/orders/2026-1", method: .get, headers: qd.browser) { #expect($0.status == .forbidden) }
                // The city signs, then answers with a file.
                let (sign, signType) = SupervisionRouteTests.multipart([("_csrf", nil, Data(rep.csrf.utf8)), ("action", nil, Data("sign".utf8))])
                var h = rep.browser
                h[.contentType] = signType
                try await client.execute(uri: "/orders/2026-1/step", method: .post, headers: h, body: sign) {
                    #expect($0.status == .seeOther && $0.headers[.location] == "/orders/2026-1?done=sign")
                }
                let (answer, answerType) = SupervisionRouteTests.multipart([
                    ("_csrf", nil, Data(rep.csrf.utf8)), ("action", nil, Data("answer".utf8)), ("text", nil, Data("已开展专项执法检查".utf8)),
                    ("evidence", "整改方案.pdf", SupervisionRouteTests.pdf),
                ])
                h[.contentType] = answerType
                try await client.execute(uri: "/orders/2026-1/step", method: .post, headers: h, body: answer) { #expect($0.status == .seeOther) }
                // The office sees the answer and its file, sends it back without a reason (refused), then with one.
                let fileHref = try await client.execute(uri: "/orders/2026-1", method: .get, headers: office.browser) { response in
                    #expect(response.text.contains("待销号") && response.text.contains("已开展专项执法检查") && response.text.contains("整改方案.pdf"))
                    #expect(response.text.contains("value=\"close\"") && response.text.contains("value=\"return\""))
                    let marker = try #require(response.text.range(of: "/order-files/"))
                    return "/order-files/" + String(response.text[marker.upperBound...].prefix { $0 != "\"" })
                }
                try await client.execute(uri: fileHref, method: .get, headers: office.browser) { response in
                    #expect(response.status == .ok && Data(buffer: response.body) == SupervisionRouteTests.pdf)
                    #expect(response.headers[.contentDisposition]?.hasPrefix("attachment") == true)
                }
                try await client.execute(uri: fileHref, method: .get, headers: qd.browser) { #expect($0.status == .forbidden) }
                let (back, backType) = SupervisionRouteTests.multipart([("_csrf", nil, Data(office.csrf.utf8)), ("action", nil, Data("return".utf8))])
                h = office.browser
                h[.contentType] = backType
                try await client.execute(uri: "/orders/2026-1/step", method: .post, headers: h, body: back) { response in
                    #expect(response.status == .conflict && response.text.contains("退回须填写原因"))
                }
                // Over the API: the city answers again, the office closes.
                let api = "/api/v1/orders/2026-1"
                try await client.execute(uri: "\(api)/return", method: .post, headers: office.bearer, body: Reporting.json(["text": "措施不具体"])) {
                    #expect($0.status == .ok)
                }
                try await client.execute(uri: "\(api)/answer", method: .post, headers: rep.bearer, body: Reporting.json(["text": "补充了具体措施"])) {
                    #expect($0.status == .ok)
                }
                try await client.execute(uri: "\(api)/close", method: .post, headers: office.bearer, body: Reporting.json(["text": "同意销号"])) {
                    response in
                    let json = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                    #expect(response.status == .ok && json?["state"] as? String == "closed")
                    let history = (json?["history"] as? [[String: Any]])?.compactMap { $0["action"] as? String }
                    #expect(history == ["issue", "sign", "answer", "return", "answer", "close"])
                }
                try await client.execute(uri: "\(api)/close", method: .post, headers: office.bearer) { #expect($0.status == .conflict) }
                // The ledger: closed orders under their tab; the city sees its own, Qingdao none.
                try await client.execute(uri: "/orders?show=closed", method: .get, headers: rep.browser) { response in
                    #expect(response.status == .ok && response.text.contains("href=\"/orders/2026-1\"") && response.text.contains("已销号 1"))
                    #expect(!response.text.contains("href=\"/orders/new\""))
                }
                try await client.execute(uri: "/api/v1/orders?show=all", method: .get, headers: qd.bearer) { response in
                    #expect(response.status == .ok && response.text == "[]")
                }
                try await client.execute(uri: "/orders?show=nonsense", method: .get, headers: office.browser) { #expect($0.status == .badRequest) }
                try await client.execute(uri: "/orders.xlsx?show=all", method: .get, headers: office.browser) { response in
                    let rows = try XLSXReader.read(Data(buffer: response.body))
                    #expect(rows.count == 2 && rows[1].cells[0] == "督办〔2026〕1号" && rows[1].cells[6] == "已销号")
                }
                let audit = try await store.audit(AuditQuery(action: "order.")).entries.map(\.action)
                #expect(audit.count == 6)
            }
        }
    }

    @Test func anOrderPastItsDueDayIsRedInTheLedgerAndTheInbox() async throws {
        try await WebFixture.withRouter { router, store in
            let office = try await Reporting.user(store, "office", .office, "370000")
            let rep = try await Reporting.user(store, "jn.rep", .reporter, "370100")
            _ = try await store.issueOrders(
                [
                    SupervisionOrder(
                        year: 2026, seq: 0, unitCode: "370100", subject: OrderSubject(kind: .other, id: ""), matter: "逾期事项", requirement: "答复",
                        level: .key, due: Day(year: 2026, month: 11, day: 1), issuedBy: "office", issuerUnit: "370000",
                        issuedOn: Day(year: 2026, month: 10, day: 20))
                ], note: "", actor: Actor(username: "office", unitCode: "370000", ip: "t", channel: "web"))
            try await Application(router: router).test(.router) { client in
                try await client.execute(uri: "/orders?show=overdue", method: .get, headers: office.browser) { response in
                    #expect(response.text.contains("class=\"order-issued order-overdue\"") && response.text.contains("逾期 28 天"))
                }
                try await client.execute(uri: "/orders?show=overdue&lang=en", method: .get, headers: office.browser) { response in
                    #expect(response.text.contains("28 days overdue") && response.text.contains("Supervision orders"))
                }
                try await client.execute(uri: "/inbox", method: .get, headers: rep.browser) { response in
                    #expect(response.text.contains("督办逾期") && response.text.contains("href=\"/orders/2026-1\""))
                }
            }
        }
    }
}

extension OrderRouteTests {
    @Test func theLedgerListsAHundredOrdersAPage() async throws {
        try await WebFixture.withRouter { router, store in
            let office = try await Reporting.user(store, "office", .office, "370000")
            let drafts = (1...150).map { i in
                SupervisionOrder(
                    year: 2026, seq: 0, unitCode: i % 2 == 0 ? "370100" : "370200", subject: OrderSubject(kind: .other, id: ""), matter: "事项 \(i)",
                    requirement: "答复", level: .general, due: Day(year: 2026, month: 12, day: 31), issuedBy: "office", issuerUnit: "370000",
                    issuedOn: Day(year: 2026, month: 11, day: 1))
            }
            _ = try await store.issueOrders(drafts, note: "", actor: Actor(username: "office", unitCode: "370000", ip: "t", channel: "web"))
            try await Application(router: router).test(.router) { client in
                try await client.execute(uri: "/orders", method: .get, headers: office.browser) { response in
                    #expect(response.text.components(separatedBy: "<tr class=\"order-").count - 1 == 100)
                    #expect(response.text.contains("第 1–100 条，共 150 条") && response.text.contains("href=\"/orders?show=open&amp;page=2\""))
                }
                try await client.execute(uri: "/orders?page=2", method: .get, headers: office.browser) { response in
                    #expect(response.text.components(separatedBy: "<tr class=\"order-").count - 1 == 50)
                    #expect(response.text.contains("第 101–150 条，共 150 条") && !response.text.contains("rel=\"next\""))
                }
                try await client.execute(uri: "/orders?unit=370100&page=1", method: .get, headers: office.browser) { response in
                    #expect(response.text.components(separatedBy: "<tr class=\"order-").count - 1 == 75 && !response.text.contains("class=\"pager\""))
                }
                try await client.execute(uri: "/orders?page=0", method: .get, headers: office.browser) { #expect($0.status == .badRequest) }
            }
        }
    }
}
