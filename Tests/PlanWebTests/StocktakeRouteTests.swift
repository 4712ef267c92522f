import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCore
import PlanServices
import PlanStore
import PlanWeb
import Testing

/// Stocktakes over the pages and the API: the office opens one, reads the pack, records a
/// decision that becomes an order, and downloads the PDF (headless Chromium when installed, a
/// clear 503 when not).
@Suite struct StocktakeRouteTests {
    @Test func theOfficeOpensAStocktakeDecidesAndPrintsIt() async throws {
        try await WebFixture.withRouter { router, store in
            let office = try await Reporting.user(store, "office", .office, "370000")
            let rep = try await Reporting.user(store, "jn.rep", .reporter, "370100")
            try await Application(router: router).test(.router) { client in
                try await client.execute(uri: "/stocktakes", method: .get) { #expect($0.status == .seeOther) }
                try await client.execute(uri: "/stocktakes", method: .get, headers: rep.browser) { response in
                    #expect(response.status == .ok && !response.text.contains("action=\"/stocktakes\""), "a reporter cannot open one")
                }
                try await client.execute(
                    uri: "/stocktakes", method: .post, headers: office.browser,
                    body: Reporting.form([("_csrf", office.csrf), ("date", "2026-11-29"), ("scope", "province")])
                ) { response in
                    #expect(response.status == .seeOther && response.headers[.location] == "/stocktakes/2026-11-29-province")
                }
                try await client.execute(
                    uri: "/stocktakes", method: .post, headers: office.browser,
                    body: Reporting.form([("_csrf", office.csrf), ("date", "2026-11-29"), ("scope", "province")])
                ) { response in
                    #expect(response.status == .conflict && response.text.contains("已有该范围的调度会"))
                }
                try await client.execute(uri: "/stocktakes/2026-11-29-province", method: .get, headers: office.browser) { response in
                    #expect(response.status == .ok && response.text.contains("偏离进度的目标（约束性在前，按差距排序）"))
                    #expect(response.text.contains("这是该范围的第一次调度会。") && response.text.contains("href=\"/stocktakes/2026-11-29-province/pdf\""))
                    #expect(response.text.contains("action=\"/stocktakes/2026-11-29-province/decisions\""))
                }
                try await client.execute(
                    uri: "/stocktakes/2026-11-29-province/decisions", method: .post, headers: office.browser,
                    body: Reporting.form([
                        ("_csrf", office.csrf), ("text", "济南市一周内报送整改方案"), ("kind", "order"), ("unit", "370100"), ("due", "2026-12-06"),
                    ])
                ) { #expect($0.status == .seeOther) }
                try await client.execute(
                    uri: "/stocktakes/2026-11-29-province/decisions", method: .post, headers: office.browser,
                    body: Reporting.form([("_csrf", office.csrf), ("text", "x"), ("kind", "order"), ("unit", ""), ("due", "2026-12-06")])
                ) { response in
                    #expect(response.status == .unprocessableContent && response.text.contains("请选择承办单位"))
                }
                let orders = try await store.orders(units: ["370100"])
                #expect(orders.count == 1 && orders[0].source == "stocktake:2026-11-29-province")
                try await client.execute(uri: "/stocktakes/2026-11-29-province?lang=en", method: .get, headers: office.browser) { response in
                    #expect(response.text.contains("href=\"/orders/\(orders[0].id)\"") && response.text.contains("Awaiting signature"))
                }
                try await client.execute(uri: "/orders/\(orders[0].id)", method: .get, headers: office.browser) { response in
                    #expect(response.text.contains("href=\"/stocktakes/2026-11-29-province\""), "the order names its stocktake")
                }
                try await client.execute(uri: "/api/v1/stocktakes/2026-11-29-province", method: .get, headers: office.bearer) { response in
                    let json = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                    #expect((json?["decisions"] as? [[String: Any]])?.first?["order_state"] as? String == "issued")
                    #expect((json?["open_orders_total"] as? Int) == 1)
                }
                try await client.execute(uri: "/stocktakes/2026-11-29-province/pdf", method: .get, headers: office.browser) { response in
                    if PDFPrinter.chromium() != nil {
                        #expect(response.status == .ok && response.headers[.contentType] == "application/pdf")
                        #expect(Data(buffer: response.body).starts(with: Data("%PDF".utf8)) && response.body.readableBytes > 10_000)
                    } else {
                        #expect(response.status == .serviceUnavailable && response.text.contains("Chromium"))
                    }
                }
                try await client.execute(
                    uri: "/api/v1/stocktakes", method: .post, headers: office.bearer,
                    body: Reporting.json(["date": "2026-11-29", "scope": "chapter-99"])
                ) { #expect($0.status == .notFound) }
                try await client.execute(
                    uri: "/api/v1/stocktakes", method: .post, headers: office.bearer,
                    body: Reporting.json(["date": "next week", "scope": "province"])
                ) { #expect($0.status == .badRequest) }
            }
        }
    }
}
