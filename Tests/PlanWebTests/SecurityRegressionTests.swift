import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCore
import PlanServices
import PlanStore
import PlanWeb
import Testing

/// The findings of a security test of the running server, each held by a test: no request may
/// stop the process, no file may spend it, no stored text may become a formula or an escape
/// sequence, and bad input gets a clear refusal.
@Suite struct SecurityRegressionTests {
    /// Paths with a bad `%` escape or characters a URL may not hold, sent as raw bytes.
    static let hostilePaths = [
        "/x%", "/nope%zz", "/%", "/%%", "/a%g0", "/a|b", "/a\"b", "/a<b>", "/a[b]", "/a\\b", "/a^b", "/a`b", "/a{b}", "/plan%zz",
        "/targets/%E4%zz", "/api/v1/nope%zz", "/api/v1/targets/%", "/units/%zz/periods/2025", "/x%?lang=en", "/?lang=%zz",
    ]

    @Test func noPathStopsTheServer() async throws {
        try await WebFixture.withRouter { router, _ in
            try await Application(router: router).test(.live) { client in
                let port = try #require(client.port)
                for path in Self.hostilePaths {
                    let response = try await RawHTTP.exchange(port: port, "GET \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    let status = RawHTTP.status(response)
                    #expect((200..<500).contains(status), "\(path) is answered, not a crash or a 500: \(response.prefix(200))")
                }
                let health = try await RawHTTP.exchange(port: port, "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                #expect(RawHTTP.status(health) == 200, "the server still answers")
            }
        }
    }

    @Test func aMalformedChunkedBodyIsABadRequest() async throws {
        try await WebFixture.withRouter { router, store in
            let rep = try await Reporting.user(store, "jn.rep", .reporter, "370100")
            try await Application(router: router).test(.live) { client in
                let port = try #require(client.port)
                let request =
                    "POST /api/v1/units/370100/periods/2025/observations HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(rep.token)\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{\"values\":[]}\r\n0\r\n\r\n"
                let response = try await RawHTTP.exchange(port: port, request)
                #expect(RawHTTP.status(response) == 400, "\(response.prefix(300))")
                let health = try await RawHTTP.exchange(port: port, "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                #expect(RawHTTP.status(health) == 200)
            }
        }
    }

    @Test func controlCharactersAreRefusedWithAClearMessageAndNothingStored() async throws {
        try await WebFixture.withRouter { router, store in
            let rep = try await Reporting.user(store, "jn.rep", .reporter, "370100")
            try await Application(router: router).test(.router) { client in
                let uri = "/api/v1/units/370100/periods/2025/observations"
                for body in [
                    ["values": [["indicator_key": "gdp", "value": 1, "comment": "a\u{0}b"]]],
                    ["values": [["indicator_key": "gdp", "value": 1, "explanation": "\u{1B}[2J"]]],
                    ["values": [["indicator_key": "gdp", "value": 1]], "reason": "x\u{0}"],
                ] as [[String: Any]] {
                    try await client.execute(uri: uri, method: .post, headers: rep.bearer, body: Reporting.json(body)) { response in
                        #expect(response.status == .unprocessableContent)
                        #expect((Reporting.object(response)["detail_zh"] as? String)?.contains("控制字符") == true, "\(response.text)")
                    }
                }
                try await client.execute(uri: "/api/v1/tokens", method: .post, headers: rep.bearer, body: Reporting.json(["label": "t\u{0}"])) {
                    #expect($0.status == .unprocessableContent)
                }
                try await client.execute(
                    uri: "/api/v1/session", method: .post, body: Reporting.json(["username": "a\u{0}", "password": "whatever-long"])
                ) {
                    #expect($0.status == .forbidden)
                }
                #expect(try await store.reportValues(unit: "370100", period: nil).isEmpty)
                #expect(
                    try await store.audit(AuditQuery(action: "login.failed")).entries.map(\.subject) == ["a\\u{0}"], "the failed login is audited")
                // Paths and query parameters too, before any route reads them (anonymous ones included).
                for uri in [
                    "/api/v1/observations?indicator=%00", "/api/v1/targets?q=a%1Bb", "/units/370100%00", "/search?q=%00", "/api/v1/tokens/%00",
                ] {
                    try await client.execute(uri: uri, method: .get, headers: rep.bearer) { response in
                        #expect(response.status == .badRequest, "\(uri): \(response.status)")
                    }
                }
                // A multi-line comment is fine.
                try await client.execute(
                    uri: uri, method: .post, headers: rep.bearer,
                    body: Reporting.json(["values": [["indicator_key": "gdp", "value": 1, "comment": "第一行\n第二行"]]])
                ) {
                    #expect($0.status == .ok)
                }
            }
        }
    }

    @Test func onlyPlainDecimalsInTheirIndicatorsRange() async throws {
        try await WebFixture.withRouter { router, store in
            let rep = try await Reporting.user(store, "jn.rep", .reporter, "370100")
            try await Application(router: router).test(.router) { client in
                let uri = "/api/v1/units/370100/periods/2025/observations"
                for (key, value) in [("gdp", "0x10"), ("gdp", "inf"), ("gdp", "1e"), ("pm25", "-3"), ("good_air_days_ratio", "101")] {
                    try await client.execute(
                        uri: uri, method: .post, headers: rep.bearer, body: Reporting.json(["values": [["indicator_key": key, "value": value]]])
                    ) { response in
                        #expect(response.status == .unprocessableContent, "\(key) = \(value)")
                    }
                }
                #expect(try await store.reportValues(unit: "370100", period: nil).isEmpty)
            }
        }
    }

    @Test func theSessionCookieIsSecureWhenTheRequestCameOverHTTPS() async throws {
        try await WebFixture.withRouter { router, store in
            try await Reporting.user(store, "jn.rep", .reporter, "370100")
            try await Application(router: router).test(.router) { client in
                for https in [false, true] {
                    var headers: HTTPFields = [.cookie: "plantrack_login_csrf=abc", .contentType: "application/x-www-form-urlencoded"]
                    if https { headers[HTTPFields.Element.Name("X-Forwarded-Proto")!] = "https" }
                    let body = Reporting.form([("username", "jn.rep"), ("password", Reporting.password), ("_csrf", "abc")])
                    try await client.execute(uri: "/login", method: .post, headers: headers, body: body) { response in
                        let cookie = response.headers[values: .setCookie].first { $0.hasPrefix("plantrack_session=") } ?? ""
                        #expect(response.status == .seeOther && cookie.contains("; Secure") == https, "\(cookie)")
                    }
                }
            }
        }
    }

    @Test func auditUntilADayIncludesTheDayOnThePageAndInTheAPI() async throws {
        try await WebFixture.withRouter { router, store in
            let admin = try await Reporting.user(store, "root", .admin, "370000")
            let today = String(Timestamp.string(Date()).prefix(10))
            let yesterday = String(Timestamp.string(Date().addingTimeInterval(-86_400)).prefix(10))
            try await Application(router: router).test(.router) { client in
                try await client.execute(uri: "/api/v1/audit?action=login&until=\(today)", method: .get, headers: admin.bearer) { response in
                    #expect(response.status == .ok && (Reporting.object(response)["total"] as? Int) == 2, "\(response.text.prefix(300))")
                }
                try await client.execute(uri: "/api/v1/audit?action=login&until=\(yesterday)", method: .get, headers: admin.bearer) { response in
                    #expect((Reporting.object(response)["total"] as? Int) == 0)
                }
                try await client.execute(uri: "/audit?action=login&until=\(today)", method: .get, headers: [.cookie: admin.cookie]) { response in
                    #expect(response.status == .ok && response.text.contains("共 2 条"), "\(response.text.count)")
                }
                try await client.execute(uri: "/api/v1/audit?until=not-a-day", method: .get, headers: admin.bearer) {
                    #expect($0.status == .badRequest)
                }
                try await client.execute(uri: "/audit?until=2026-02-30", method: .get, headers: [.cookie: admin.cookie]) {
                    #expect($0.status == .badRequest)
                }
            }
        }
    }

    @Test func aFileWithThousandsOfBadRowsGetsAShortAnswer() async throws {
        try await WebFixture.withRouter { router, store in
            let rep = try await Reporting.user(store, "jn.rep", .reporter, "370100")
            let rows = (1...3000).map { "gdp,2025,\(String(repeating: "九", count: 50))\($0)" }.joined(separator: "\n")
            let csv = Data(("indicator_key,period,value\n" + rows + "\n").utf8)
            try await Application(router: router).test(.router) { client in
                try await client.execute(
                    uri: "/api/v1/units/370100/imports?dry_run=1", method: .post, headers: [.authorization: "Bearer \(rep.token)"],
                    body: ByteBuffer(bytes: csv)
                ) { response in
                    let object = Reporting.object(response)
                    #expect(response.status == .unprocessableContent)
                    #expect((object["errors"] as? [Any])?.count == RowProblem.listed, "the first problems are listed")
                    #expect((object["error_count"] as? Int ?? 0) > RowProblem.listed, "every problem is counted")
                    #expect((object["detail"] as? String)?.hasPrefix("3000 rows are invalid") == true)
                    #expect(response.body.readableBytes < 1 << 20)
                }
                let (body, type) = Reporting.multipart(file: csv, name: "bad.csv", fields: [("_csrf", rep.csrf), ("mode", "preview")])
                try await client.execute(uri: "/units/370100/import", method: .post, headers: [.cookie: rep.cookie, .contentType: type], body: body) {
                    response in
                    #expect(response.status == .unprocessableContent)
                    #expect(response.text.components(separatedBy: "<tr class=\"outcome-").count - 1 == 500)
                    #expect(response.text.contains("另有 2500 行未列出"))
                }
            }
        }
    }

    @Test func templateCommentsCannotBecomeFormulas() async throws {
        try await WebFixture.withRouter { router, store in
            let rep = try await Reporting.user(store, "jn.rep", .reporter, "370100")
            try await Application(router: router).test(.router) { client in
                try await client.execute(
                    uri: "/api/v1/units/370100/periods/2025/observations", method: .post, headers: rep.bearer,
                    body: Reporting.json(["values": [["indicator_key": "gdp", "value": 1, "comment": "=HYPERLINK(\"http://evil\",\"x\")"]]])
                ) {
                    #expect($0.status == .ok)
                }
                try await client.execute(uri: "/units/370100/template.csv", method: .get, headers: [.cookie: rep.cookie]) { response in
                    #expect(response.text.contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""), "\(response.text.prefix(400))")
                    #expect(!response.text.contains(",\"=HYPERLINK"))
                    // Importing the template back restores the comment exactly.
                    let parsed = try? ReportFile.parse(Data(response.body.readableBytesView)).rows.first { $0.indicatorKey == "gdp" }
                    #expect(parsed?.comment == "=HYPERLINK(\"http://evil\",\"x\")")
                }
            }
        }
    }
}
