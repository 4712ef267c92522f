import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCore
import PlanFiles
import PlanServices
import PlanStore
import PlanWeb
import Testing

/// Reporting diligence over the pages and the API: what each reader may see, the same numbers
/// as the service on the page, in the JSON and in the workbook, and clear answers to bad input.
@Suite struct DiligenceRouteTests {
    @Test func readersSeeTheDiligenceOfTheUnitsInTheirScope() async throws {
        try await WebFixture.withServices { router, services in
            let store = services.store
            let office = try await Reporting.user(store, "office", .office, "370000")
            let rep = try await Reporting.user(store, "jn.rep", .reporter, "370100")
            let qd = try await Reporting.user(store, "qd.rep", .reporter, "370200")
            let officeIdentity = try #require(try await services.accounts.identify(secret: office.token, channel: "api"))
            // Jinan owes a monthly figure due on the 10th: September's fell due in October, unsent.
            _ = try await services.reporting.replaceCalendar(
                unit: "370100", lines: [.init(indicatorKey: "gdp", frequency: "monthly", firstYear: 2026, dueDays: 10, lockDays: 90)],
                identity: officeIdentity, actor: officeIdentity.actor(ip: "t"))
            let october = Period("2026-10")!
            let expected = try await services.supervision.diligence(from: october, through: october, identity: officeIdentity)
            let jinan = try #require(expected.first { $0.unit.code == "370100" })
            #expect(jinan.counts.due >= 1 && jinan.counts.onTime == 0 && jinan.score == 0)
            try await Application(router: router).test(.router) { client in
                try await client.execute(uri: "/diligence", method: .get) { #expect($0.status == .seeOther) }
                try await client.execute(uri: "/api/v1/diligence", method: .get) { #expect($0.status == .unauthorized) }
                try await client.execute(uri: "/diligence?month=2026-10", method: .get, headers: office.browser) { response in
                    #expect(response.status == .ok && response.text.contains("<h1>报送质量 <small>2026-10 月</small></h1>"))
                    #expect(
                        response.text.contains(
                            "<a href=\"/units/370100#diligence\">济南市</a></td><td><span class=\"diligence-score diligence-poor\">0.0</span>"))
                    #expect(response.text.contains("href=\"/diligence.xlsx?month=2026-10\""))
                }
                try await client.execute(uri: "/diligence?month=2026-13", method: .get, headers: office.browser) { response in
                    #expect(response.status == .badRequest && response.text.contains("month"))
                }
                try await client.execute(uri: "/api/v1/diligence?month=10/2026", method: .get, headers: office.bearer) { response in
                    #expect(response.status == .badRequest && response.headers[.contentType] == "application/problem+json")
                }
                try await client.execute(uri: "/api/v1/diligence?month=2026-10", method: .get, headers: office.bearer) { response in
                    let body = Reporting.object(response)
                    let units = body["units"] as? [[String: Any]] ?? []
                    #expect(response.status == .ok && body["from"] as? String == "2026-10" && body["through"] as? String == "2026-10")
                    #expect(units.compactMap { $0["unit"] as? String } == expected.map(\.unit.code))
                    let row = units.first { $0["unit"] as? String == "370100" }
                    #expect(row?["due"] as? Int == jinan.counts.due && row?["on_time"] as? Int == 0 && row?["score"] as? Double == 0)
                }
                try await client.execute(uri: "/diligence.xlsx?month=2026-10", method: .get, headers: office.browser) { response in
                    let rows = try XLSXReader.read(Data(buffer: response.body))
                    #expect(rows.count == expected.count + 1 && rows[0].cells.prefix(3) == ["单位代码", "单位", "得分"])
                    #expect(rows.dropFirst().map { $0.cells[0] } == expected.map(\.unit.code))
                }
                // Qingdao sees its own, not Jinan.
                try await client.execute(uri: "/api/v1/diligence?month=2026-10", method: .get, headers: qd.bearer) { response in
                    let units = (Reporting.object(response)["units"] as? [[String: Any]] ?? []).compactMap { $0["unit"] as? String }
                    #expect(response.status == .ok && !units.contains("370100") && units.allSatisfy { $0.hasPrefix("3702") })
                }
                // A unit's page and its months.
                try await client.execute(uri: "/units/370100", method: .get, headers: rep.browser) { response in
                    #expect(response.status == .ok && response.text.contains("<section id=\"diligence\">"))
                    #expect(response.text.contains("<tr><td>2026-10</td><td><span class=\"diligence-score diligence-poor\">0.0</span></td>"))
                }
                try await client.execute(uri: "/api/v1/units/370100/diligence?months=3", method: .get, headers: rep.bearer) { response in
                    let months = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [[String: Any]] ?? []
                    #expect(response.status == .ok && months.compactMap { $0["month"] as? String } == ["2026-11", "2026-10", "2026-09"])
                    let oct = months.dropFirst().first?["diligence"] as? [String: Any]
                    #expect(oct?["due"] as? Int == jinan.counts.due && oct?["unit"] as? String == "370100")
                }
                try await client.execute(uri: "/api/v1/units/370100/diligence", method: .get, headers: qd.bearer) { #expect($0.status == .forbidden) }
                try await client.execute(uri: "/api/v1/units/370100/diligence?months=99", method: .get, headers: rep.bearer) {
                    #expect($0.status == .badRequest)
                }
                try await client.execute(uri: "/api/v1/units/999999/diligence", method: .get, headers: office.bearer) {
                    #expect($0.status == .notFound)
                }
            }
        }
    }
}
