import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCore
import PlanFiles
import PlanServices
import PlanStore
import PlanWeb
import Testing

/// The policy list over the pages and the API: the office imports it (preview, confirm), edits a
/// policy, and anyone reads the list, a policy and the download.
@Suite struct PolicyRouteTests {
    static let demo = SupervisionRouteTests.demo.deletingLastPathComponent().appendingPathComponent("policy-list-demo.xlsx")

    @Test func theOfficeImportsAndEditsAndAnyoneReads() async throws {
        try await WebFixture.withRouter { router, store in
            let office = try await Reporting.user(store, "office", .office, "370000")
            try await Application(router: router).test(.router) { client in
                try await client.execute(uri: "/policies", method: .get) { response in
                    #expect(response.status == .ok && response.text.contains("政策清单为空。") && !response.text.contains("/policies/import\""))
                }
                try await client.execute(uri: "/policies/import", method: .get) { #expect($0.status == .seeOther) }
                let (body, type) = Reporting.multipart(
                    file: try Data(contentsOf: Self.demo), name: "政策清单.xlsx", fields: [("_csrf", office.csrf), ("mode", "preview")])
                var headers = office.browser
                headers[.contentType] = type
                let staging = try await client.execute(uri: "/policies/import", method: .post, headers: headers, body: body) { response in
                    #expect(response.status == .ok && response.text.contains("预览：以下为导入后的结果，尚未写入。"))
                    #expect(response.text.components(separatedBy: "class=\"outcome-new\"").count - 1 == 6)
                    let marker = try #require(response.text.range(of: "/policies/import/"))
                    return String(response.text[marker.upperBound...].prefix(32))
                }
                #expect(try await store.policies().isEmpty)
                try await client.execute(
                    uri: "/policies/import/\(staging)", method: .post, headers: office.browser, body: Reporting.form([("_csrf", office.csrf)])
                ) { response in
                    #expect(response.status == .ok && response.text.contains("已导入。"))
                }
                try await client.execute(uri: "/policies?status=drafting", method: .get) { response in
                    #expect(response.text.contains("href=\"/policies/2\"") && response.text.contains("href=\"/policies/5\""))
                    #expect(!response.text.contains("href=\"/policies/1\"") && response.text.contains("起草中 2"))
                    #expect(response.text.contains("<span class=\"task-overdue\">逾期</span>"), "policy 5 was planned for April")
                }
                try await client.execute(uri: "/policies/1?lang=en", method: .get) { response in
                    #expect(
                        response.text.contains("Policy 1") && response.text.contains("<span class=\"user-text\" lang=\"zh-CN\">示例〔2026〕1号</span>"))
                    #expect(response.text.contains("href=\"/articles/49\"") && !response.text.contains("/policies/1/edit"))
                }
                try await client.execute(uri: "/policies/1", method: .get, headers: office.browser) { response in
                    #expect(response.text.contains("href=\"/policies/1/edit\"") && response.text.contains("href=\"/orders/new?subject=policy:1\""))
                }
                try await client.execute(
                    uri: "/policies/3/edit", method: .post, headers: office.browser,
                    body: Reporting.form([
                        ("_csrf", office.csrf), ("title", "数字基础设施建设三年行动实施细则"), ("issuers", "省工信厅"), ("planned", "2026年9月底"),
                        ("status", "已印发"),
                    ])
                ) { response in
                    #expect(response.status == .unprocessableContent && response.text.contains("已印发的政策须填写文号"))
                }
                try await client.execute(
                    uri: "/policies/3/edit", method: .post, headers: office.browser,
                    body: Reporting.form([
                        ("_csrf", office.csrf), ("title", "数字基础设施建设三年行动实施细则"), ("issuers", "省工信厅"), ("planned", "2026年9月底"),
                        ("status", "起草中"), ("note", "已征求意见"),
                    ])
                ) { response in
                    #expect(response.status == .seeOther && response.headers[.location] == "/policies/3?done=saved")
                }
                let edited = try await store.policy(id: "3")
                #expect(edited?.status == .drafting && edited?.note == "已征求意见")
                try await client.execute(uri: "/api/v1/policies?status=drafting", method: .get) { response in
                    let items = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]]
                    #expect(items?.compactMap { $0["id"] as? String } == ["2", "3", "5"])
                    #expect(items?.first { $0["id"] as? String == "5" }?["late"] as? Bool == true)
                }
                try await client.execute(uri: "/api/v1/policies/9", method: .get) { #expect($0.status == .notFound) }
                try await client.execute(uri: "/policies?status=lost", method: .get) { #expect($0.status == .badRequest) }
                try await client.execute(uri: "/policies.xlsx", method: .get) { response in
                    let rows = try XLSXReader.read(Data(buffer: response.body))
                    #expect(rows.count == 7 && rows[0].cells.prefix(3) == ["序号", "政策名称", "发文单位"] && rows[3].cells[7] == "起草中")
                }
                try await client.execute(
                    uri: "/policies/6/delete", method: .post, headers: office.browser, body: Reporting.form([("_csrf", office.csrf)])
                ) { #expect($0.status == .seeOther) }
                #expect(try await store.policies().count == 5)
            }
        }
    }
}
