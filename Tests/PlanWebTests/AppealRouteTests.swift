import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCatalog
import PlanCore
import PlanFiles
import PlanServices
import PlanStore
import PlanWeb
import Testing

/// Appeals and incentive pools over the pages and the API: a city appeals a line from its score
/// sheet with evidence, the office accepts it on the round page with the corrected value, the
/// round is published and a funds pool allocated, confirmed and exported.
@Suite struct AppealRouteTests {
    @Test func aCityAppealsTheOfficeAcceptsAndAFundsPoolIsAllocated() async throws {
        // The store stamps the freeze with the machine's clock: the pages' day is the machine's too.
        let today: @Sendable () -> Day = { PlanClock.system.today() }
        try await WebFixture.withRouter(today: today) { router, store in
            // The synthetic workload's series of the scheme's indicators for the cities (the
            // published data alone leave every city line not assessable).
            let plan = try await store.loadPlan()
            let scheme = try AssessmentSchemeFile.read(AssessmentRouteTests.scheme, file: "scheme", plan: plan)
            let keys = Set(scheme.items.compactMap { item in plan.targets.first { $0.id == item.targetID }?.indicatorKey })
            let cities = Set(plan.regions.filter { $0.level == .city }.map(\.code))
            let series = SyntheticWorkload.generate(plan: plan, scale: .full, seed: 7).observations
            _ = try await store.upsert(series.filter { keys.contains($0.indicatorKey) && cities.contains($0.regionCode) })
            let office = try await Reporting.user(store, "office", .office, "370000")
            let jinan = try await Reporting.user(store, "jn.rep", .reporter, "370100")
            let qingdao = try await Reporting.user(store, "qd.rep", .reporter, "370200")
            try await Application(router: router).test(.router) { client in
                try await client.execute(
                    uri: "/api/v1/assessment/schemes", method: .post, headers: office.bearer,
                    // Without the veto: on the synthetic series every city misses a binding target.
                    body: Reporting.json([
                        "id": "city-2024", "body": AssessmentRouteTests.scheme.replacingOccurrences(of: "veto: true", with: "veto: false"),
                    ])
                ) { #expect($0.status == .created) }
                try await client.execute(
                    uri: "/api/v1/assessment/rounds", method: .post, headers: office.bearer,
                    body: Reporting.json(["year": 2024, "scheme": "city-2024", "version": 1, "cutoff": "2025-03-31"])
                ) { #expect($0.status == .created) }
                try await client.execute(
                    uri: "/api/v1/assessment/rounds/2024-1/appeals", method: .post, headers: jinan.bearer,
                    body: Reporting.json(["unit": "370100", "target": "C02-2", "reason": "x"])
                ) { #expect($0.status == .conflict, "not frozen yet") }
                try await client.execute(uri: "/api/v1/assessment/rounds/2024-1/freeze", method: .post, headers: office.bearer) {
                    #expect($0.status == .ok)
                }
                var target = ""
                try await client.execute(uri: "/api/v1/assessment/rounds/2024-1/units/370100", method: .get, headers: jinan.bearer) { response in
                    let lines = Reporting.object(response)["lines"] as? [[String: Any]] ?? []
                    let line = lines.first { ($0["earned"] as? Double ?? 0) < ($0["points"] as? Double ?? 0) && $0["milestone"] is Double }
                    target = line?["target"] as? String ?? ""
                }
                #expect(!target.isEmpty, "a line that lost points")
                try await client.execute(uri: "/assessment/rounds/2024-1/units/370100", method: .get, headers: jinan.browser) { response in
                    #expect(response.status == .ok && response.text.contains("appeal-form") && response.text.contains("value=\"\(target)\""))
                }
                try await client.execute(uri: "/assessment/rounds/2024-1/units/370100", method: .get, headers: office.browser) {
                    #expect(!$0.text.contains("appeal-form"), "the office does not appeal")
                }
                // Filed from the sheet with evidence; a file that is not what it says comes back on the form.
                let bad = SupervisionRouteTests.multipart([
                    ("_csrf", nil, Data(jinan.csrf.utf8)), ("target", nil, Data(target.utf8)), ("reason", nil, Data("统计公报已修订".utf8)),
                    ("evidence", "公报.pdf", Data("not a pdf".utf8)),
                ])
                try await client.execute(
                    uri: "/assessment/rounds/2024-1/units/370100/appeals", method: .post, headers: [.cookie: jinan.cookie, .contentType: bad.1],
                    body: bad.0
                ) { #expect($0.status == .unprocessableContent && $0.text.contains("与扩展名 .pdf 不符")) }
                let good = SupervisionRouteTests.multipart([
                    ("_csrf", nil, Data(jinan.csrf.utf8)), ("target", nil, Data(target.utf8)), ("reason", nil, Data("统计公报已修订".utf8)),
                    ("evidence", "公报.pdf", SupervisionRouteTests.pdf),
                ])
                try await client.execute(
                    uri: "/assessment/rounds/2024-1/units/370100/appeals", method: .post, headers: [.cookie: jinan.cookie, .contentType: good.1],
                    body: good.0
                ) { #expect($0.status == .seeOther && $0.headers[.location] == "/assessment/rounds/2024-1/units/370100?done=appeal") }
                try await client.execute(
                    uri: "/api/v1/assessment/rounds/2024-1/appeals", method: .post, headers: qingdao.bearer,
                    body: Reporting.json(["unit": "370100", "target": target, "reason": "x"])
                ) { #expect($0.status == .forbidden, "Qingdao cannot appeal Jinan's sheet") }
                var fileID = ""
                try await client.execute(uri: "/api/v1/assessment/rounds/2024-1/appeals/1", method: .get, headers: jinan.bearer) { response in
                    let appeal = Reporting.object(response)
                    #expect(response.status == .ok && appeal["state"] as? String == "pending" && appeal["target"] as? String == target)
                    fileID = (appeal["files"] as? [[String: Any]])?.first?["id"] as? String ?? ""
                }
                try await client.execute(uri: "/assessment/appeal-files/\(fileID)", method: .get, headers: qingdao.browser) {
                    #expect($0.status == .forbidden)
                }
                try await client.execute(uri: "/assessment/appeal-files/\(fileID)", method: .get, headers: office.browser) { response in
                    #expect(response.status == .ok && Data(buffer: response.body) == SupervisionRouteTests.pdf)
                }
                try await client.execute(uri: "/assessment/rounds/2024-1", method: .get, headers: office.browser) { response in
                    #expect(response.text.contains("id=\"appeal-1\"") && response.text.contains("appeal-decide"))
                }
                try await client.execute(
                    uri: "/assessment/rounds/2024-1", method: .post, headers: office.browser,
                    body: Reporting.form([("_csrf", office.csrf), ("action", "publish")])
                ) { #expect($0.status == .conflict && $0.text.contains("件申诉待处理")) }
                // Accepting without a value comes back on the page; with one, the line is corrected.
                try await client.execute(
                    uri: "/assessment/rounds/2024-1/appeals/1", method: .post, headers: office.browser,
                    body: Reporting.form([("_csrf", office.csrf), ("decision", "accept"), ("value", ""), ("reason", "核实")])
                ) { #expect($0.status == .unprocessableContent && $0.text.contains("采纳申诉须填写更正后的数值")) }
                var milestone = 0.0
                try await client.execute(uri: "/api/v1/assessment/rounds/2024-1/units/370100", method: .get, headers: office.bearer) { response in
                    let lines = Reporting.object(response)["lines"] as? [[String: Any]] ?? []
                    milestone = lines.first { $0["target"] as? String == target }?["milestone"] as? Double ?? 0
                }
                try await client.execute(
                    uri: "/api/v1/assessment/rounds/2024-1/appeals/1/accept", method: .post, headers: office.bearer,
                    body: Reporting.json(["value": milestone, "reason": "经核实采纳"])
                ) { response in
                    #expect(response.status == .ok && Reporting.object(response)["state"] as? String == "accepted")
                }
                try await client.execute(uri: "/assessment/rounds/2024-1/units/370100", method: .get, headers: jinan.browser) { response in
                    #expect(response.text.contains("已按申诉 2024-1-1 更正") && response.text.contains("经核实采纳"))
                }
                // The office gives qualitative points on the sheet; a bad number comes back on the form.
                try await client.execute(
                    uri: "/assessment/rounds/2024-1/units/370100/qualitative", method: .post, headers: office.browser,
                    body: Reporting.form([("_csrf", office.csrf), ("item", "tasks"), ("points", "七"), ("reason", "按期推进")])
                ) { #expect($0.status == .unprocessableContent && $0.text.contains("定性分须为数字")) }
                try await client.execute(
                    uri: "/assessment/rounds/2024-1/units/370100/qualitative", method: .post, headers: office.browser,
                    body: Reporting.form([("_csrf", office.csrf), ("item", "tasks"), ("points", "4"), ("reason", "重点任务按期推进")])
                ) { #expect($0.status == .seeOther) }
                try await client.execute(
                    uri: "/api/v1/assessment/rounds/2024-1/units/370100/qualitative", method: .post, headers: jinan.bearer,
                    body: Reporting.json(["item": "orders", "points": 5, "reason": "自评"])
                ) { #expect($0.status == .forbidden, "a unit does not score itself") }
                try await client.execute(uri: "/assessment/rounds/2024-1/units/370100", method: .get, headers: jinan.browser) { response in
                    #expect(response.text.contains("重点任务按期推进") && response.text.contains("4 / 5") && !response.text.contains("qualitative-form"))
                }
                try await client.execute(uri: "/assessment/rounds/2024-1/units/370100/pdf", method: .get, headers: jinan.browser) { response in
                    if PDFPrinter.chromium() != nil {
                        #expect(response.status == .ok && Data(buffer: response.body).prefix(4) == Data("%PDF".utf8))
                    } else {
                        #expect(response.status == .serviceUnavailable)
                    }
                }
                // A pool can be set on the frozen round, and confirmed once published.
                try await client.execute(
                    uri: "/assessment/rounds/2024-1/pools", method: .post, headers: office.browser,
                    body: Reporting.form([
                        ("_csrf", office.csrf), ("id", "funds"), ("name", "激励资金"), ("resource", "funds"), ("amount", "abc"), ("rule", "above-mark"),
                    ])
                ) { #expect($0.status == .badRequest) }
                try await client.execute(
                    uri: "/assessment/rounds/2024-1/pools", method: .post, headers: office.browser,
                    body: Reporting.form([
                        ("_csrf", office.csrf), ("id", "funds"), ("name", "激励资金"), ("resource", "funds"), ("amount", "10000"),
                        ("rule", "above-mark"), ("mark", "0"), ("floor", "100"), ("cap", "2000"), ("vetoed", "nothing"), ("decimals", "0"),
                    ])
                ) { #expect($0.status == .seeOther && $0.headers[.location] == "/assessment/rounds/2024-1/pools/funds?done=pool") }
                try await client.execute(uri: "/assessment/rounds/2024-1/pools/funds", method: .get, headers: office.browser) { response in
                    #expect(response.status == .ok && response.text.contains("10000 万元") && !response.text.contains("value=\"confirm\""))
                }
                try await client.execute(uri: "/api/v1/assessment/rounds/2024-1/pools/funds", method: .get) {
                    #expect($0.status == .unauthorized, "a draft is the office's")
                }
                try await client.execute(uri: "/api/v1/assessment/rounds/2024-1/publish", method: .post, headers: office.bearer) {
                    #expect($0.status == .ok)
                }
                try await client.execute(
                    uri: "/assessment/rounds/2024-1/pools/funds", method: .post, headers: office.browser,
                    body: Reporting.form([("_csrf", office.csrf), ("action", "confirm")])
                ) { #expect($0.status == .seeOther) }
                try await client.execute(uri: "/api/v1/assessment/rounds/2024-1/pools/funds", method: .get) { response in
                    let body = Reporting.object(response)
                    let lines = body["lines"] as? [[String: Any]] ?? []
                    #expect(response.status == .ok && (body["pool"] as? [String: Any])?["state"] as? String == "confirmed" && lines.count == 16)
                    #expect(lines.reduce(0) { $0 + ($1["amount"] as? Double ?? 0) } == 10000)
                }
                try await client.execute(uri: "/assessment/rounds/2024-1/pools/funds/allocation.xlsx", method: .get) { response in
                    let rows = try XLSXReader.read(Data(buffer: response.body))
                    #expect(rows.count == 18 && rows[0].cells[0] == "单位代码" && rows[17].cells[0] == "合计" && rows[17].cells[8] == "10000")
                }
                try await client.execute(uri: "/assessment/rounds/2024-1", method: .get) { response in
                    #expect(response.text.contains("href=\"/assessment/rounds/2024-1/pools/funds\""), "the public sees the confirmed pool")
                    #expect(!response.text.contains("id=\"appeals\""), "and not the appeals")
                }
                let audit = try await store.audit(AuditQuery(limit: 1000)).entries.map(\.action)
                for action in ["appeal.file", "appeal.accept", "round.publish", "pool.save", "pool.confirm"] {
                    #expect(audit.contains(action), "\(action) audited")
                }
            }
        }
    }
}
