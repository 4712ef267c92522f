import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCore
import PlanServices
import PlanStore
import PlanWeb
import Testing

/// What a careful attacker or a careless client might try: reading drafts sideways, CSRF through
/// odd paths, redirects, huge numbers and texts, bursts of guesses.
@Suite struct HardeningTests {
    @Test func draftsStayInTheirUnitEvenThroughReconciliationAndTemplates() async throws {
        try await WebFixture.withRouter { router, store in
            let jinan = try await Reporting.user(store, "jn.rep", .reporter, "370100")
            let qingdao = try await Reporting.user(store, "qd.rep", .reporter, "370200")
            let viewer = try await Reporting.user(store, "sd.view", .viewer, "370000")
            try await Application(router: router).test(.router) { client in
                try await client.execute(
                    uri: "/api/v1/units/370100/periods/2025/observations", method: .post, headers: jinan.bearer,
                    body: Reporting.json(["values": [["indicator_key": "gdp", "value": 99999, "explanation": "草稿"]]])
                ) {
                    #expect($0.status == .ok)
                }
                let counties = try await store.units().filter { $0.parentCode == "370100" }.map(\.code)
                let admin = try await Reporting.user(store, "root", .admin, "370000")
                _ = try await client.execute(
                    uri: "/api/v1/units/\(counties[0])/periods/2025/observations", method: .post, headers: admin.bearer,
                    body: Reporting.json(["values": [["indicator_key": "gdp", "value": 1]]])
                ) { $0.status }
                for who in [qingdao, viewer] {
                    try await client.execute(uri: "/api/v1/reconciliation?period=2025", method: .get, headers: who.bearer) { response in
                        #expect(!response.text.contains("99999"), "\(who.username) sees no draft of Jinan")
                    }
                }
                try await client.execute(uri: "/api/v1/reconciliation?period=2025", method: .get, headers: jinan.bearer) { response in
                    #expect(response.text.contains("99999"), "Jinan sees its own draft")
                }
                try await client.execute(uri: "/units/370100/template.csv", method: .get, headers: [.cookie: viewer.cookie]) { response in
                    #expect(response.status == .ok && !response.text.contains("99999"), "a viewer's template has approved values only")
                }
                try await client.execute(uri: "/units/370100", method: .get, headers: [.cookie: jinan.cookie]) { response in
                    #expect(
                        response.status == .ok && response.text.contains("报送日历") && !response.text.contains("下级单位报送情况"),
                        "a reporter does not see its subordinate units")
                }
                let reviewer = try await Reporting.user(store, "jn.rev", .reviewer, "370100")
                try await client.execute(uri: "/units/370100", method: .get, headers: [.cookie: reviewer.cookie]) { response in
                    #expect(response.status == .ok && response.text.contains("下级单位报送情况"), "a reviewer does")
                }
            }
        }
    }

    @Test func csrfCannotBeDodgedWithADoubleSlash() async throws {
        try await WebFixture.withRouter { router, store in
            let rep = try await Reporting.user(store, "jn.rep", .reporter, "370100")
            try await Application(router: router).test(.router) { client in
                let body = Reporting.json(["values": [["indicator_key": "gdp", "value": 1]]])
                for path in ["//api/v1/units/370100/periods/2025/observations", "/api//v1/units/370100/periods/2025/observations"] {
                    let status = try await client.execute(
                        uri: path, method: .post, headers: [.cookie: rep.cookie, .contentType: "text/plain"], body: body
                    ) { $0.status }
                    #expect(status == .forbidden || status == .notFound, "\(path): \(status.code)")
                }
                #expect(try await store.reportValues(unit: "370100", period: nil).isEmpty)
            }
        }
    }

    @Test(arguments: ["/\t/evil.example", "https://evil.example", "//evil.example", "/\\evil.example", " /x", "/ok?x=1"])
    func loginRedirectsStayLocal(next: String) {
        let target = LoginRedirect.safe(next)
        #expect(target == (next == "/ok?x=1" ? "/ok?x=1" : "/"), "\(next.debugDescription) → \(target)")
    }

    @Test func oversizedNumbersAndTextsAreRefusedCleanly() async throws {
        try await WebFixture.withRouter { router, store in
            let rep = try await Reporting.user(store, "jn.rep", .reporter, "370100")
            let rev = try await Reporting.user(store, "jn.rev", .reviewer, "370100")
            try await Application(router: router).test(.router) { client in
                try await client.execute(uri: "/audit?offset=9223372036854775807", method: .get, headers: [.cookie: rev.cookie]) {
                    #expect($0.status == .ok)
                }
                try await client.execute(
                    uri: "/api/v1/units/370100/periods/2025/observations", method: .post, headers: rep.bearer,
                    body: Reporting.json(["values": [["indicator_key": "pm25", "value": "1.7e308", "unit": "百微克/立方米"]]])
                ) { response in
                    #expect(response.status == .unprocessableContent, "an infinite value is not a number")
                }
                try await client.execute(
                    uri: "/api/v1/units/370100/periods/2025/observations", method: .post, headers: rep.bearer,
                    body: Reporting.json(["values": [["indicator_key": "gdp", "value": 1]], "reason": String(repeating: "长", count: 501)])
                ) { response in
                    #expect(
                        response.status == .unprocessableContent && (Reporting.object(response)["detail_zh"] as? String)?.contains("理由过长") == true)
                }
                try await client.execute(
                    uri: "/api/v1/units/370100/periods/2022/observations", method: .post, headers: rep.bearer,
                    body: Reporting.json(["values": [["indicator_key": "gdp", "value": 1]]])
                ) { response in
                    let errors = Reporting.object(response)["errors"] as? [[String: Any]] ?? []
                    #expect(
                        response.status == .unprocessableContent && (errors.first?["message_zh"] as? String)?.contains("早于本单位报送日历的起始年份 2023") == true)
                }
                let longName = String(repeating: "x", count: 100_000)
                try await client.execute(
                    uri: "/api/v1/session", method: .post, body: Reporting.json(["username": longName, "password": "whatever-long"])
                ) { #expect($0.status == .forbidden) }
                let failed = try await store.audit(AuditQuery(action: "login.failed")).entries
                #expect(failed.first?.subject.count == 64, "the audit keeps a shortened name")
                // A tiny JSON value keeps its precision.
                try await client.execute(
                    uri: "/api/v1/units/370100/periods/2025/observations", method: .post, headers: rep.bearer,
                    body: Reporting.json(["values": [["indicator_key": "good_air_days_ratio", "value": 0.0000001]]])
                ) {
                    #expect($0.status == .ok)
                }
                #expect(
                    try await store.reportValues(unit: "370100", period: Period(year: 2025)).first { $0.indicatorKey == "good_air_days_ratio" }?.value
                        == 0.0000001)
            }
        }
    }

    @Test func concurrentGuessesAreAllCounted() async throws {
        try await WebFixture.withRouter { router, store in
            try await Reporting.user(store, "jn.rep", .reporter, "370100")
            try await Application(router: router).test(.router) { client in
                let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for _ in 0..<12 {
                        group.addTask {
                            try await client.execute(
                                uri: "/api/v1/session", method: .post, body: Reporting.json(["username": "jn.rep", "password": "guess-guess-guess"])
                            ) { $0.status }
                        }
                    }
                    return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
                }
                #expect(statuses.filter { $0 == .forbidden }.count == AccountService.maxFailures)
                #expect(statuses.filter { $0 == .tooManyRequests }.count == 12 - AccountService.maxFailures)
            }
        }
    }

    @Test func changingApprovedFiguresPassesTheSubmitChecks() async throws {
        try await WebFixture.withRouter { router, store in
            let rep = try await Reporting.user(store, "jn.rep", .reporter, "370100")
            let rev = try await Reporting.user(store, "jn.rev", .reviewer, "370100")
            try await Application(router: router).test(.router) { client in
                let url = "/api/v1/units/370100/periods/2025"
                _ = try await client.execute(
                    uri: "\(url)/observations", method: .post, headers: rep.bearer,
                    body: Reporting.json(["values": [["indicator_key": "gdp", "value": 13500]]])
                ) { $0.status }
                _ = try await client.execute(uri: "\(url)/submit", method: .post, headers: rep.bearer) { $0.status }
                #expect(try await client.execute(uri: "\(url)/approve", method: .post, headers: rev.bearer) { $0.status } == .ok)
                try await client.execute(
                    uri: "\(url)/observations", method: .post, headers: rep.bearer,
                    body: Reporting.json(["values": [["indicator_key": "gdp", "value": 95000]], "reason": "更正"])
                ) { response in
                    #expect(
                        response.status == .conflict && (Reporting.object(response)["detail_zh"] as? String)?.contains("缺少说明") == true,
                        "a flagged change needs its explanation")
                }
                #expect(try await store.submission(unit: "370100", period: Period(year: 2025)).status == .approved)
            }
        }
    }

    @Test func nobodyApprovesTheirOwnSubmission() async throws {
        try await WebFixture.withRouter { router, store in
            let admin = try await Reporting.user(store, "root", .admin, "370000")
            try await Application(router: router).test(.router) { client in
                let url = "/api/v1/units/370100/periods/2025"
                #expect(
                    try await client.execute(
                        uri: "\(url)/observations", method: .post, headers: admin.bearer,
                        body: Reporting.json(["values": [["indicator_key": "pm25", "value": 36]]])
                    ) { $0.status } == .ok)
                #expect(try await client.execute(uri: "\(url)/submit", method: .post, headers: admin.bearer) { $0.status } == .ok)
                try await client.execute(uri: "\(url)/approve", method: .post, headers: admin.bearer) { response in
                    #expect(response.status == .conflict && (Reporting.object(response)["detail_zh"] as? String) == "不能审核自己提交的数据")
                }
                let office = try await Reporting.user(store, "office", .office, "dept-drc")
                #expect(try await client.execute(uri: "\(url)/approve", method: .post, headers: office.bearer) { $0.status } == .ok)
            }
        }
    }

    @Test func aPeriodDroppedFromTheCalendarCanStillBeReviewed() async throws {
        try await WebFixture.withRouter { router, store in
            let rep = try await Reporting.user(store, "jn.rep", .reporter, "370100")
            let rev = try await Reporting.user(store, "jn.rev", .reviewer, "370100")
            let admin = try await Reporting.user(store, "root", .admin, "370000")
            try await Application(router: router).test(.router) { client in
                let url = "/api/v1/units/370100/periods/2025"
                #expect(
                    try await client.execute(
                        uri: "\(url)/observations", method: .post, headers: rep.bearer,
                        body: Reporting.json(["values": [["indicator_key": "pm25", "value": 36]]])
                    ) { $0.status } == .ok)
                #expect(try await client.execute(uri: "\(url)/submit", method: .post, headers: rep.bearer) { $0.status } == .ok)
                let monthly = ["entries": [["indicator_key": "pm25", "frequency": "monthly", "first_year": 2026, "due_days": 15, "lock_days": 45]]]
                #expect(
                    try await client.execute(uri: "/api/v1/units/370100/calendar", method: .put, headers: admin.bearer, body: Reporting.json(monthly))
                    { $0.status } == .ok)
                try await client.execute(uri: "/units/370100/periods/2025", method: .get, headers: [.cookie: rev.cookie]) { response in
                    #expect(response.status == .ok && response.text.contains("本期已不在报送日历中") && response.text.contains("value=\"approve\""))
                }
                try await client.execute(uri: "\(url)/observations", method: .get, headers: rev.bearer) { response in
                    #expect(response.status == .ok && Reporting.object(response)["in_calendar"] as? Bool == false)
                }
                try await client.execute(
                    uri: "/units/370100/periods/2025/review", method: .post, headers: rev.browser,
                    body: Reporting.form([("_csrf", rev.csrf), ("action", "approve")])
                ) {
                    #expect($0.status == .seeOther)
                }
                try await client.execute(uri: "/units/370100/periods/2025?done=approve", method: .get, headers: [.cookie: rev.cookie]) {
                    #expect($0.status == .ok)
                }
                try await client.execute(uri: "/api/v1/units/370100/periods/2024/observations", method: .get, headers: rev.bearer) {
                    #expect($0.status == .notFound, "a period with neither a calendar entry nor a submission")
                }
            }
        }
    }

    @Test func writesNeverAnswerNotModified() async throws {
        try await WebFixture.withRouter { router, store in
            try await Reporting.user(store, "jn.rep", .reporter, "370100")
            try await Application(router: router).test(.router) { client in
                try await client.execute(
                    uri: "/api/v1/session", method: .post, headers: [.ifNoneMatch: "*"],
                    body: Reporting.json(["username": "jn.rep", "password": Reporting.password])
                ) { response in
                    #expect(response.status == .created && Reporting.object(response)["token"] != nil)
                }
            }
        }
    }

    @Test func tokensCanBeRevokedAndDieWithAPasswordChange() async throws {
        try await WebFixture.withRouter { router, store in
            let rep = try await Reporting.user(store, "jn.rep", .reporter, "370100")
            try await Application(router: router).test(.router) { client in
                let token = try await client.execute(
                    uri: "/api/v1/tokens", method: .post, headers: rep.bearer, body: Reporting.json(["label": "etl"])
                ) {
                    Reporting.object($0)["token"] as? String ?? ""
                }
                let list = try await client.execute(uri: "/api/v1/tokens", method: .get, headers: rep.bearer) {
                    (try? JSONSerialization.jsonObject(with: Data(buffer: $0.body))) as? [[String: Any]] ?? []
                }
                let id = try #require(list.first?["id"] as? String)
                try await client.execute(uri: "/me", method: .get, headers: [.cookie: rep.cookie]) {
                    #expect($0.text.contains(id) && $0.text.contains("/me/tokens/\(id)/revoke"))
                }
                try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(token)"]) { #expect($0.status == .ok) }
                try await client.execute(
                    uri: "/me/tokens/\(id)/revoke", method: .post, headers: rep.browser, body: Reporting.form([("_csrf", rep.csrf)])
                ) { #expect($0.status == .seeOther) }
                try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                    #expect($0.status == .unauthorized)
                }
                try await client.execute(uri: "/api/v1/tokens/\(id)", method: .delete, headers: rep.bearer) { #expect($0.status == .notFound) }
                let second = try await client.execute(
                    uri: "/api/v1/tokens", method: .post, headers: rep.bearer, body: Reporting.json(["label": "etl2"])
                ) {
                    Reporting.object($0)["token"] as? String ?? ""
                }
                try await client.execute(
                    uri: "/me/password", method: .post, headers: rep.browser,
                    body: Reporting.form([("_csrf", rep.csrf), ("current", Reporting.password), ("new", "a-new-password-2026")])
                ) {
                    #expect($0.status == .seeOther)
                }
                try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(second)"]) {
                    #expect($0.status == .unauthorized)
                }
                #expect(try await store.audit(AuditQuery(action: "token.revoke")).total == 1)
            }
        }
    }
}
