import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCore
import PlanFiles
import PlanServices
import PlanStore
import PlanWeb
import Testing

/// The assessment over the pages and the API: the office writes a scheme (a bad one comes back
/// with every problem), opens, freezes and publishes a round; a city sees its own sheet first;
/// the public sees every result once published, and exports them.
@Suite struct AssessmentRouteTests {
    static let scheme = try! String(
        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/assessment-scheme.yaml"), encoding: .utf8)

    @Test func theOfficeRunsARoundAndThePublicReadsItOncePublished() async throws {
        try await WebFixture.withRouter { router, store in
            let office = try await Reporting.user(store, "office", .office, "370000")
            let jinan = try await Reporting.user(store, "jn.view", .viewer, "370100")
            try await Application(router: router).test(.router) { client in
                try await client.execute(uri: "/assessment", method: .get) { #expect($0.status == .seeOther) }
                try await client.execute(
                    uri: "/assessment/schemes", method: .post, headers: office.browser,
                    body: Reporting.form([
                        ("_csrf", office.csrf), ("id", "city-2024"), ("body", "name: x\ntargets:\n  - {target: NOPE-1, points: 100}\n"),
                    ])
                ) { response in
                    #expect(response.status == .unprocessableContent && response.text.contains("no target NOPE-1"))
                    #expect(response.text.contains("NOPE-1, points: 100}"), "what was typed comes back")
                }
                try await client.execute(
                    uri: "/assessment/schemes", method: .post, headers: office.browser,
                    body: Reporting.form([("_csrf", office.csrf), ("id", "city-2024"), ("body", Self.scheme), ("note", "首版")])
                ) { #expect($0.status == .seeOther && $0.headers[.location] == "/assessment/schemes/city-2024") }
                try await client.execute(
                    uri: "/assessment/schemes/city-2024", method: .post, headers: office.browser,
                    body: Reporting.form([
                        ("_csrf", office.csrf), ("body", Self.scheme.replacingOccurrences(of: "points: 8}", with: "points: 8} ")), ("note", ""),
                    ])
                ) { #expect($0.status == .seeOther && $0.headers[.location] == "/assessment/schemes/city-2024?version=2") }
                var workbook = Data()
                try await client.execute(uri: "/assessment/schemes/city-2024/scheme.xlsx?version=1", method: .get, headers: jinan.browser) {
                    response in
                    workbook = Data(buffer: response.body)
                    #expect(response.status == .ok && workbook.prefix(2) == Data("PK".utf8))
                }
                let upload = Reporting.multipart(
                    file: workbook, name: "scheme.xlsx", fields: [("_csrf", office.csrf), ("id", "from-xlsx"), ("note", "导入")])
                try await client.execute(
                    uri: "/assessment/schemes/import", method: .post, headers: [.cookie: office.cookie, .contentType: upload.contentType],
                    body: upload.body
                ) { #expect($0.status == .seeOther && $0.headers[.location] == "/assessment/schemes/from-xlsx?version=1") }
                let broken = Reporting.multipart(file: Data("not xlsx".utf8), name: "s.xlsx", fields: [("_csrf", office.csrf), ("id", "broken")])
                try await client.execute(
                    uri: "/assessment/schemes/import", method: .post, headers: [.cookie: office.cookie, .contentType: broken.contentType],
                    body: broken.body
                ) { #expect($0.status == .unprocessableContent && $0.text.contains("无法读取 XLSX 文件")) }
                #expect(try await store.scheme(id: "from-xlsx", version: 1)?.name == (try await store.scheme(id: "city-2024", version: 1))?.name)
                try await client.execute(uri: "/assessment?copy=city-2024&version=1", method: .get, headers: office.browser) { response in
                    #expect(response.status == .ok && response.text.contains("value=\"city-2024-copy\"") && response.text.contains("A070-1"))
                }
                try await client.execute(uri: "/assessment/schemes/city-2024?version=1", method: .get, headers: jinan.browser) { response in
                    #expect(
                        response.status == .ok && response.text.contains("<b>v1</b>")
                            && response.text.contains("href=\"/assessment/schemes/city-2024?version=2\""))
                    #expect(!response.text.contains("scheme-edit"), "only the office edits")
                }
                try await client.execute(
                    uri: "/assessment/rounds", method: .post, headers: office.browser,
                    body: Reporting.form([("_csrf", office.csrf), ("year", "2024"), ("scheme", "city-2024:1"), ("cutoff", "2025-03-31")])
                ) { #expect($0.status == .seeOther && $0.headers[.location] == "/assessment/rounds/2024-1") }
                try await client.execute(uri: "/assessment/rounds/2024-1", method: .get, headers: office.browser) { response in
                    #expect(response.status == .ok && response.text.contains("数据尚未冻结") && response.text.contains("value=\"freeze\""))
                }
                try await client.execute(
                    uri: "/assessment/rounds/2024-1", method: .post, headers: office.browser,
                    body: Reporting.form([("_csrf", office.csrf), ("action", "publish")])
                ) { #expect($0.status == .conflict && $0.text.contains("请先冻结数据再发布")) }
                try await client.execute(
                    uri: "/assessment/rounds/2024-1", method: .post, headers: office.browser,
                    body: Reporting.form([("_csrf", office.csrf), ("action", "freeze")])
                ) { #expect($0.status == .seeOther) }
                try await client.execute(uri: "/assessment/rounds/2024-1", method: .get, headers: office.browser) { response in
                    #expect(response.status == .ok && response.text.contains("本页得分只来自快照 #1") && response.text.contains("value=\"publish\""))
                    #expect(response.text.components(separatedBy: "href=\"/assessment/rounds/2024-1/units/").count == 17, "16 cities")
                }
                // Before publication: Jinan its own line only; the public nothing; no export for a city.
                try await client.execute(uri: "/assessment/rounds/2024-1", method: .get, headers: jinan.browser) { response in
                    #expect(response.status == .ok && response.text.contains("只显示本单位的得分"))
                    #expect(response.text.components(separatedBy: "href=\"/assessment/rounds/2024-1/units/").count == 2)
                }
                try await client.execute(uri: "/assessment/rounds/2024-1/units/370200", method: .get, headers: jinan.browser) {
                    #expect($0.status == .forbidden)
                }
                try await client.execute(uri: "/api/v1/assessment/rounds/2024-1", method: .get) { #expect($0.status == .unauthorized) }
                try await client.execute(uri: "/assessment/rounds/2024-1/results.csv", method: .get, headers: jinan.browser) {
                    #expect($0.status == .forbidden)
                }
                try await client.execute(uri: "/api/v1/assessment/rounds/2024-1/units/370100", method: .get, headers: jinan.bearer) { response in
                    let sheet = Reporting.object(response)
                    #expect(response.status == .ok && sheet["unit"] as? String == "370100" && (sheet["lines"] as? [Any])?.count == 14)
                }
                try await client.execute(uri: "/api/v1/assessment/rounds/2024-1/publish", method: .post, headers: office.bearer) { response in
                    #expect(response.status == .ok && Reporting.object(response)["state"] as? String == "published")
                }
                // Published: anyone reads every result and sheet, and exports them.
                try await client.execute(uri: "/api/v1/assessment/rounds/2024-1", method: .get) { response in
                    let body = Reporting.object(response)
                    let results = body["results"] as? [[String: Any]] ?? []
                    #expect(response.status == .ok && body["complete"] as? Bool == true && results.count == 16)
                    #expect(results.compactMap { $0["rank"] as? Int } == results.compactMap { $0["rank"] as? Int }.sorted())
                }
                try await client.execute(uri: "/assessment/rounds/2024-1/units/370200", method: .get) { response in
                    #expect(response.status == .ok && response.text.contains("青岛市 2024 年度考核评分表") && response.text.contains("f(Q)"))
                }
                try await client.execute(uri: "/assessment/rounds/2024-1/results.csv", method: .get) { response in
                    let text = response.text
                    #expect(response.status == .ok && text.hasPrefix("\u{FEFF}名次,单位代码,单位,总分"))
                    #expect(text.split(separator: "\r\n").count == 17)
                }
                try await client.execute(uri: "/api/v1/assessment/rounds/2024-1/export?format=xlsx", method: .get) { response in
                    let rows = try XLSXReader.read(Data(buffer: response.body))
                    #expect(rows.count == 17 && rows[0].cells[0] == "名次")
                }
                try await client.execute(uri: "/api/v1/assessment/rounds/2024-1/what-if?v.370100.C02-2=abc", method: .get) {
                    #expect($0.status == .badRequest)
                }
                try await client.execute(uri: "/assessment/rounds/2024-1/what-if?vu=370100&vt=C02-2&vv=9", method: .get) { response in
                    #expect(response.status == .ok && response.text.contains("name=\"v.370100.C02-2\" value=\"9\""))
                }
                try await client.execute(uri: "/api/v1/assessment/rounds/2024-1/export?format=pdf", method: .get) {
                    #expect($0.status == .badRequest)
                }
                try await client.execute(uri: "/api/v1/assessment/rounds/2099-1", method: .get, headers: office.bearer) {
                    #expect($0.status == .notFound)
                }
                let audit = try await store.audit(AuditQuery(action: "round.")).entries.map(\.action)
                #expect(audit.sorted() == ["round.freeze", "round.open", "round.publish"])
            }
        }
    }
}
