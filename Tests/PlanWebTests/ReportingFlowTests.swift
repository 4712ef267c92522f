import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCore
import PlanServices
import PlanStore
import PlanWeb
import Testing

/// The whole loop in the pages and the API: a city reporter enters figures, submits; the city
/// reviewer returns, then approves; the evaluations and the overview see approved figures only.
@Suite struct ReportingFlowTests {
    static func gdp2025(_ client: any TestClientProtocol) async throws -> Double? {
        try await client.execute(uri: "/api/v1/observations?indicator=gdp&region=370100&per_page=100", method: .get) { response in
            let items = Reporting.object(response)["items"] as? [[String: Any]] ?? []
            return items.first { $0["period"] as? String == "2025" }?["value"] as? Double
        }
    }

    @Test func aTenfoldSlipIsShownAsALargeChangeBeforeSubmission() async throws {
        try await WebFixture.withRouter { router, store in
            let rep = try await Reporting.user(store, "jn.rep", .reporter, "370100")
            try await Application(router: router).test(.router) { client in
                // A tenfold slip is shown as a large change before anything is submitted.
                try await client.execute(
                    uri: "/units/370100/periods/2025", method: .post, headers: rep.browser,
                    body: Reporting.form([("_csrf", rep.csrf), ("v.gdp", "135005"), ("action", "save")])
                ) { #expect($0.status == .seeOther) }
                try await client.execute(uri: "/units/370100/periods/2025", method: .get, headers: [.cookie: rep.cookie]) { response in
                    #expect(response.text.contains("<tr class=\"flagged jump\">"), "the row is marked as a large change")
                    let html = response.text
                    let at = html.range(of: "v.gdp\"")?.lowerBound ?? html.startIndex
                    #expect(html.contains("较上期（2023）+958.2%") && html.contains("变化很大"), "\(html[at...].prefix(600))")
                }
            }
        }
    }

    @Test func reporterEntersReviewerApprovesOverviewReflects() async throws {
        try await WebFixture.withRouter { router, store in
            let rep = try await Reporting.user(store, "jn.rep", .reporter, "370100")
            let rev = try await Reporting.user(store, "jn.rev", .reviewer, "370100")
            try await Application(router: router).test(.router) { client in
                // What is due.
                try await client.execute(uri: "/units/370100", method: .get, headers: [.cookie: rep.cookie]) { response in
                    #expect(response.status == .ok)
                    #expect(response.text.contains("href=\"/units/370100/periods/2025\"") && response.text.contains("due-overdue"))
                    #expect(response.text.contains("/units/370100/import"))
                }
                // The form: unit, last value and target beside each field.
                try await client.execute(uri: "/units/370100/periods/2025", method: .get, headers: [.cookie: rep.cookie]) { response in
                    #expect(response.text.contains("name=\"v.gdp\"") && response.text.contains("name=\"v.pm25\""))
                    #expect(response.text.contains("（2023）"), "the last approved value and its period")
                    #expect(response.text.contains("1,000 万人 · 2025年"), "Jinan's population target beside its field")
                    #expect(response.text.contains("12,757.4亿元（2023）"), "the last value at its source's precision")
                    #expect(response.text.contains("<label class=\"visually-hidden\" for=\"c.gdp\">"), "every box has a label")
                }
                try await client.execute(uri: "/units/370100", method: .get, headers: [.cookie: rep.cookie]) { response in
                    #expect(response.text.contains("去填报") && response.text.contains("可补报"), "2023 and 2024 locked before the calendar began")
                }
                // An invalid value: the form comes back with the error, nothing is saved.
                try await client.execute(
                    uri: "/units/370100/periods/2025", method: .post, headers: rep.browser,
                    body: Reporting.form([("_csrf", rep.csrf), ("v.gdp", "一万三"), ("v.pm25", "36"), ("action", "save")])
                ) { response in
                    #expect(response.status == .unprocessableContent && response.text.contains("“一万三”不是数值") && response.text.contains("value=\"36\""))
                }
                #expect(try await store.reportValues(unit: "370100", period: nil).isEmpty)
                // Save, then submit.
                let fields: [(String, String)] = [
                    ("_csrf", rep.csrf), ("v.gdp", "13,500.5"), ("c.gdp", "2025年统计公报"), ("v.resident_population", "950.2"), ("v.pm25", "36"),
                    ("v.good_air_days_ratio", "70.1"), ("v.grain_output", "0.92"), ("v.new_and_renewable_capacity", "905"),
                ]
                try await client.execute(
                    uri: "/units/370100/periods/2025", method: .post, headers: rep.browser, body: Reporting.form(fields + [("action", "save")])
                ) {
                    #expect($0.status == .seeOther && $0.headers[.location] == "/units/370100/periods/2025?done=saved")
                }
                #expect(try await Self.gdp2025(client) == nil, "a draft is not published")
                try await client.execute(
                    uri: "/units/370100/periods/2025", method: .post, headers: rep.browser, body: Reporting.form(fields + [("action", "submit")])
                ) {
                    #expect($0.status == .seeOther)
                }
                try await client.execute(uri: "/units/370100/periods/2025", method: .get, headers: [.cookie: rep.cookie]) { response in
                    #expect(
                        response.text.contains("wf-submitted") && !response.text.contains("<input id=\"v.gdp\"")
                            && response.text.contains("13,500.5亿元") && !response.text.contains("value=\"submit\""),
                        "a submitted period shows its values as text")
                }
                // The reviewer sees it waiting, previews it on the overview, returns it with a reason.
                try await client.execute(uri: "/review", method: .get, headers: [.cookie: rev.cookie]) { response in
                    #expect(response.text.contains("/units/370100/periods/2025"))
                }
                try await client.execute(uri: "/?preview=submitted", method: .get, headers: [.cookie: rev.cookie]) { response in
                    #expect(response.text.contains("preview-banner") && response.headers[.cacheControl] == "private, no-store")
                }
                try await client.execute(uri: "/?preview=submitted", method: .get) { response in
                    #expect(!response.text.contains("preview-banner"), "the public never sees the preview")
                }
                try await client.execute(
                    uri: "/units/370100/periods/2025/review", method: .post, headers: rev.browser,
                    body: Reporting.form([("_csrf", rev.csrf), ("action", "return"), ("reason", "")])
                ) { response in
                    #expect(response.status == .conflict && response.text.contains("必须填写理由"))
                }
                try await client.execute(
                    uri: "/units/370100/periods/2025/review", method: .post, headers: rev.browser,
                    body: Reporting.form([("_csrf", rev.csrf), ("action", "return"), ("reason", "粮食产量单位应为亿斤")])
                ) { #expect($0.status == .seeOther) }
                try await client.execute(uri: "/units/370100/periods/2025", method: .get, headers: [.cookie: rep.cookie]) { response in
                    #expect(response.text.contains("退回理由：粮食产量单位应为亿斤") && response.text.contains("value=\"submit\""))
                }
                try await client.execute(
                    uri: "/units/370100/periods/2025", method: .post, headers: rep.browser,
                    body: Reporting.form(fields.map { $0.0 == "v.grain_output" ? ("v.grain_output", "0.93") : $0 } + [("action", "submit")])
                ) { #expect($0.status == .seeOther) }
                // The reporter cannot approve their own figures; the reviewer approves.
                try await client.execute(uri: "/api/v1/units/370100/periods/2025/approve", method: .post, headers: rep.bearer) {
                    #expect($0.status == .forbidden)
                }
                let versionBefore = try await store.dataVersion()
                try await client.execute(
                    uri: "/units/370100/periods/2025/review", method: .post, headers: rev.browser,
                    body: Reporting.form([("_csrf", rev.csrf), ("action", "approve")])
                ) { #expect($0.status == .seeOther && $0.headers[.location] == "/units/370100/periods/2025?done=approve") }
                #expect(try await store.dataVersion() == versionBefore + 1)
                #expect(try await Self.gdp2025(client) == 13_500.5, "approved figures are published")
                let listed = try await WebFixture.eventually {
                    try await client.execute(uri: "/", method: .get) { $0.text.contains("href=\"/units/370100/periods/2025\">济南市 · 2025") }
                }
                #expect(listed, "the overview lists the approval within 2 s")
                let shown = try await WebFixture.eventually {
                    try await client.execute(uri: "/regions/370100", method: .get) { $0.text.contains("济南市填报，jn.rev审核") }
                }
                #expect(shown, "the region page shows the approved value with its provenance within 2 s")
                // Every step is in the audit log, readable by the reviewer.
                try await client.execute(uri: "/api/v1/audit?unit=370100&limit=200", method: .get, headers: rev.bearer) { response in
                    let actions = (Reporting.object(response)["items"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
                    for step in ["value.change", "submission.submit", "submission.return", "submission.approve", "login"] {
                        #expect(actions.contains(step), "\(step)")
                    }
                }
                try await client.execute(uri: "/audit?action=submission.", method: .get, headers: [.cookie: rev.cookie]) { response in
                    #expect(response.status == .ok && response.text.contains("submission.approve") && response.text.contains("粮食产量单位应为亿斤"))
                }
                try await client.execute(uri: "/audit", method: .get, headers: [.cookie: rep.cookie]) { #expect($0.status == .forbidden) }
            }
        }
    }

    @Test func flaggedValuesNeedAnExplanationAndApprovedChangesNeedAReason() async throws {
        try await WebFixture.withRouter { router, store in
            let rep = try await Reporting.user(store, "jn.rep", .reporter, "370100")
            let rev = try await Reporting.user(store, "jn.rev", .reviewer, "370100")
            try await Application(router: router).test(.router) { client in
                let url = "/api/v1/units/370100/periods/2025"
                // Jinan's GDP history is about 10,000–13,000 亿元: 90,000 is flagged, saved, and blocks the submission.
                try await client.execute(
                    uri: "\(url)/observations", method: .post, headers: rep.bearer,
                    body: Reporting.json(["values": [["indicator_key": "gdp", "value": 90000]]])
                ) { response in
                    #expect(response.status == .ok)
                    let rows = Reporting.object(response)["rows"] as? [[String: Any]] ?? []
                    #expect((rows.first?["flags"] as? [String])?.contains("outside_history") == true)
                }
                try await client.execute(uri: "\(url)/submit", method: .post, headers: rep.bearer) { response in
                    #expect(response.status == .conflict && (Reporting.object(response)["detail_zh"] as? String)?.contains("缺少说明") == true)
                }
                try await client.execute(
                    uri: "\(url)/observations", method: .post, headers: rep.bearer,
                    body: Reporting.json(["values": [["indicator_key": "gdp", "value": 90000, "explanation": "新口径含开发区"]]])
                ) {
                    #expect($0.status == .ok)
                }
                try await client.execute(uri: "\(url)/submit", method: .post, headers: rep.bearer) { #expect($0.status == .ok) }
                try await client.execute(
                    uri: "\(url)/observations", method: .post, headers: rep.bearer,
                    body: Reporting.json(["values": [["indicator_key": "gdp", "value": 1]]])
                ) {
                    #expect($0.status == .conflict, "submitted figures wait for the reviewer")
                }
                try await client.execute(uri: "\(url)/approve", method: .post, headers: rev.bearer) { #expect($0.status == .ok) }
                // A change to approved data needs a reason and goes back for re-approval, showing the difference.
                try await client.execute(
                    uri: "\(url)/observations", method: .post, headers: rep.bearer,
                    body: Reporting.json(["values": [["indicator_key": "gdp", "value": 13500, "explanation": "更正"]]])
                ) { response in
                    #expect(response.status == .conflict && (Reporting.object(response)["detail_zh"] as? String) == "必须填写理由")
                }
                try await client.execute(
                    uri: "\(url)/observations", method: .post, headers: rep.bearer,
                    body: Reporting.json(["values": [["indicator_key": "gdp", "value": 13500, "explanation": "更正"]], "reason": "录入错误，多写一位"])
                ) { response in
                    #expect(response.status == .ok && Reporting.object(response)["status"] as? String == "submitted")
                }
                try await client.execute(uri: "/units/370100/periods/2025", method: .get, headers: [.cookie: rev.cookie]) { response in
                    #expect(response.text.contains("已审核值 90000 → 13500") && response.text.contains("修改理由：录入错误，多写一位"))
                    #expect(response.text.contains("value=\"approve\""))
                }
                try await client.execute(uri: "/api/v1/observations?indicator=gdp&region=370100&per_page=100", method: .get) { response in
                    let items = Reporting.object(response)["items"] as? [[String: Any]] ?? []
                    #expect(
                        items.first { $0["period"] as? String == "2025" }?["value"] as? Double == 90000,
                        "until re-approved, the approved value stands")
                }
                try await client.execute(uri: "\(url)/approve", method: .post, headers: rev.bearer) { #expect($0.status == .ok) }
                let revisions = try await store.revisions(unit: "370100", period: Period(year: 2025)).filter { $0.indicatorKey == "gdp" }
                #expect(revisions.map(\.value) == [13500, 90000, 90000] && revisions.map(\.revision) == [3, 2, 1])
            }
        }
    }

    @Test func lockedPeriodsNeedAReviewerToReopen() async throws {
        try await WebFixture.withRouter { router, store in
            let rep = try await Reporting.user(store, "jn.rep", .reporter, "370100")
            let rev = try await Reporting.user(store, "jn.rev", .reviewer, "370100")
            try await Application(router: router).test(.router) { client in
                let url = "/api/v1/units/370100/periods/2024"
                let batch = Reporting.json(["values": [["indicator_key": "pm25", "value": 37]]])
                try await client.execute(uri: "\(url)/observations", method: .post, headers: rep.bearer, body: batch) { response in
                    #expect(response.status == .conflict && (Reporting.object(response)["detail_zh"] as? String)?.contains("锁定") == true)
                }
                try await client.execute(uri: "\(url)/reopen", method: .post, headers: rev.bearer, body: Reporting.json(["reason": "补报2024年数据"])) {
                    response in
                    #expect(response.status == .ok && Reporting.object(response)["reopened"] as? Bool == true)
                }
                try await client.execute(uri: "\(url)/observations", method: .post, headers: rep.bearer, body: batch) { #expect($0.status == .ok) }
                try await client.execute(uri: "/api/v1/units/370100/calendar", method: .get, headers: rep.bearer) { response in
                    let periods = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [[String: Any]] ?? []
                    let p2024 = periods.first { $0["period"] as? String == "2024" }
                    #expect(p2024?["locked"] as? Bool == false && p2024?["entered"] as? Int == 1 && p2024?["state"] as? String == "backfill")
                }
                try await client.execute(uri: "/api/v1/units/370100/periods/2030/observations", method: .get, headers: rep.bearer) {
                    #expect($0.status == .notFound)
                }
                try await client.execute(uri: "/api/v1/units/370100/periods/20x5/observations", method: .get, headers: rep.bearer) {
                    #expect($0.status == .badRequest)
                }
            }
        }
    }

    @Test func reconciliationListsMismatchesForBothSides() async throws {
        try await WebFixture.withRouter { router, store in
            let admin = try await Reporting.user(store, "root", .admin, "370000")
            try await Application(router: router).test(.router) { client in
                // Jinan's twelve counties report a GDP that adds up to far more than the city's.
                let counties = try await store.units().filter { $0.parentCode == "370100" }.map(\.code)
                #expect(counties.count == 12)
                try await client.execute(
                    uri: "/api/v1/units/370100/periods/2025/observations", method: .post, headers: admin.bearer,
                    body: Reporting.json(["values": [["indicator_key": "gdp", "value": 13500]]])
                ) {
                    #expect($0.status == .ok)
                }
                for county in counties {
                    try await client.execute(
                        uri: "/api/v1/units/\(county)/periods/2025/observations", method: .post, headers: admin.bearer,
                        body: Reporting.json(["values": [["indicator_key": "gdp", "value": 1500]]])
                    ) {
                        #expect($0.status == .ok)
                    }
                }
                try await client.execute(uri: "/api/v1/reconciliation?period=2025", method: .get, headers: admin.bearer) { response in
                    let rows = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [[String: Any]] ?? []
                    let jinan = rows.first { $0["parent_code"] as? String == "370100" && $0["indicator_key"] as? String == "gdp" }
                    #expect(jinan?["status"] as? String == "mismatch" && jinan?["children_sum"] as? Double == 18000)
                }
                for unit in ["370100", counties[0]] {
                    try await client.execute(uri: "/units/\(unit)", method: .get, headers: [.cookie: admin.cookie]) { response in
                        #expect(response.text.contains("上下级数据衔接") && response.text.contains("+33.3%"), "\(unit) sees the mismatch")
                    }
                }
                try await client.execute(uri: "/review?period=2025", method: .get, headers: [.cookie: admin.cookie]) { response in
                    #expect(response.text.contains("+33.3%"))
                }
            }
        }
    }
}

/// The data-collection pages in English.
@Suite struct ReportingEnglishPageTests {
    @Test func pagesSwitchToEnglish() async throws {
        try await WebFixture.withRouter { router, store in
            let rep = try await Reporting.user(store, "jn.rep", .reporter, "370100")
            let rev = try await Reporting.user(store, "jn.rev", .reviewer, "370100")
            try await Application(router: router).test(.router) { client in
                let pages: [(String, Reporting.Credentials?, [String])] = [
                    ("/login?lang=en", nil, ["Log in", "User name", "Password"]),
                    ("/units/370100?lang=en", rep, ["Jinan", "Reporting calendar", "Overdue", "Import a file"]),
                    (
                        "/units/370100/periods/2025?lang=en", rep,
                        ["Save draft", "Submit for review", "Last approved", "Explanation (required when flagged)"]
                    ),
                    ("/units/370100/import?lang=en", rep, ["Preview", "Import without preview", "Download the template"]),
                    ("/me?lang=en", rep, ["My account", "Change password", "API tokens", "Reporter"]),
                    ("/review?lang=en", rev, ["Submissions awaiting review", "Vertical reconciliation"]),
                    ("/audit?lang=en", rev, ["Audit log", "Time (Beijing)", "Login"]),
                ]
                for (path, who, expected) in pages {
                    let headers: HTTPFields = who.map { [.cookie: $0.cookie] } ?? [:]
                    try await client.execute(uri: path, method: .get, headers: headers) { response in
                        #expect(response.status == .ok && response.text.contains("<html lang=\"en\">"), "\(path)")
                        for text in expected { #expect(response.text.contains(text), "\(path): \(text)") }
                    }
                }
            }
        }
    }
}
