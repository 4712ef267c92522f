import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCore
import PlanServices
import PlanStore
import PlanWeb
import Testing

/// Logging in and out, cookies, CSRF, throttling, passwords and tokens.
@Suite struct AuthRouteTests {
    @Test func loginFormSetsAnHttpOnlySameSiteSessionCookie() async throws {
        try await WebFixture.withRouter { router, store in
            try await Reporting.user(store, "jn.rep", .reporter, "370100")
            try await Application(router: router).test(.router) { client in
                let (csrf, loginCookie) = try await client.execute(uri: "/login?next=%2Funits%2F370100", method: .get) { response in
                    #expect(response.status == .ok && response.text.contains("name=\"password\""))
                    let cookie = try #require(response.headers[.setCookie])
                    #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
                    let value = String(cookie.split(separator: ";")[0])
                    return (String(value.split(separator: "=")[1]), value)
                }
                // Without the login form's token the post is refused.
                try await client.execute(
                    uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: Reporting.form([("username", "jn.rep"), ("password", Reporting.password)])
                ) { #expect($0.status == .forbidden) }
                try await client.execute(
                    uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: loginCookie],
                    body: Reporting.form([("_csrf", csrf), ("username", "jn.rep"), ("password", "wrong-password"), ("next", "/units/370100")])
                ) { response in
                    #expect(response.status == .forbidden && response.text.contains("用户名或密码错误"))
                }
                let session = try await client.execute(
                    uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: loginCookie],
                    body: Reporting.form([("_csrf", csrf), ("username", "jn.rep"), ("password", Reporting.password), ("next", "/units/370100")])
                ) { response in
                    #expect(response.status == .seeOther && response.headers[.location] == "/units/370100")
                    let cookies = response.headers[values: .setCookie]
                    let session = try #require(cookies.first { $0.hasPrefix("plantrack_session=") })
                    #expect(session.contains("HttpOnly") && session.contains("SameSite=Lax") && session.contains("Path=/"))
                    return String(session.split(separator: ";")[0])
                }
                try await client.execute(uri: "/units/370100", method: .get, headers: [.cookie: session]) { response in
                    #expect(response.status == .ok && response.text.contains("济南市") && response.text.contains("class=\"account\""))
                    #expect(response.headers[.cacheControl] == "private, no-store")
                }
                // An open redirect is not followed.
                #expect(
                    try await client.execute(
                        uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: loginCookie],
                        body: Reporting.form([("_csrf", csrf), ("username", "jn.rep"), ("password", Reporting.password), ("next", "//evil.example/")])
                    ) { $0.headers[.location] } == "/units/370100")
                let actions = try await store.audit(AuditQuery(actor: "jn.rep")).entries.map(\.action)
                #expect(actions.filter { $0 == "login.failed" }.count == 1)
            }
        }
    }

    @Test func failedLoginsAreThrottled() async throws {
        try await WebFixture.withRouter { router, store in
            try await Reporting.user(store, "jn.rep", .reporter, "370100")
            try await Application(router: router).test(.router) { client in
                for _ in 0..<AccountService.maxFailures {
                    try await client.execute(
                        uri: "/api/v1/session", method: .post, body: Reporting.json(["username": "jn.rep", "password": "nope-nope-nope"])
                    ) {
                        #expect($0.status == .forbidden)
                    }
                }
                try await client.execute(
                    uri: "/api/v1/session", method: .post, body: Reporting.json(["username": "jn.rep", "password": Reporting.password])
                ) { response in
                    #expect(response.status == .tooManyRequests, "even the right password waits out the window")
                    #expect(response.headers[.retryAfter] == String(AccountService.failureWindowSeconds))
                    #expect((Reporting.object(response)["detail_zh"] as? String)?.contains("登录失败次数过多") == true)
                }
                try await client.execute(
                    uri: "/api/v1/session", method: .post, body: Reporting.json(["username": "nobody", "password": "whatever-long"])
                ) {
                    #expect($0.status == .forbidden, "an unknown user gets the same answer as a wrong password")
                }
            }
        }
    }

    @Test func csrfGuardsCookieRequestsButNotBearerOnes() async throws {
        try await WebFixture.withRouter { router, store in
            let rep = try await Reporting.user(store, "jn.rep", .reporter, "370100")
            try await Application(router: router).test(.router) { client in
                let batch = Reporting.json(["values": [["indicator_key": "gdp", "value": 13500]]])
                try await client.execute(
                    uri: "/api/v1/units/370100/periods/2025/observations", method: .post, headers: [.cookie: rep.cookie], body: batch
                ) {
                    #expect($0.status == .forbidden, "a cookie-authenticated API write needs X-CSRF-Token")
                }
                var headers: HTTPFields = [.cookie: rep.cookie]
                headers[HTTPFields.Element.Name("X-CSRF-Token")!] = rep.csrf
                try await client.execute(uri: "/api/v1/units/370100/periods/2025/observations", method: .post, headers: headers, body: batch) {
                    #expect($0.status == .ok)
                }
                try await client.execute(uri: "/api/v1/units/370100/periods/2025/observations", method: .post, headers: rep.bearer, body: batch) {
                    #expect($0.status == .ok)
                }
                try await client.execute(
                    uri: "/units/370100/periods/2025", method: .post, headers: rep.browser,
                    body: Reporting.form([("_csrf", "forged"), ("v.gdp", "1")])
                ) { response in
                    #expect(response.status == .forbidden && response.text.contains("CSRF"))
                }
                try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer not-a-token"]) {
                    #expect($0.status == .unauthorized)
                }
            }
        }
    }

    @Test func passwordChangeLogoutTokensAndDisabledAccounts() async throws {
        try await WebFixture.withRouter { router, store in
            let rep = try await Reporting.user(store, "jn.rep", .reporter, "370100")
            let admin = try await Reporting.user(store, "root", .admin, "370000")
            try await Application(router: router).test(.router) { client in
                // A token made on the account page works for the API.
                let token = try await client.execute(
                    uri: "/me/tokens", method: .post, headers: rep.browser, body: Reporting.form([("_csrf", rep.csrf), ("label", "报表工具")])
                ) { response in
                    #expect(response.status == .ok)
                    let text = response.text
                    let start = try #require(text.range(of: "pt_"))
                    return String(text[start.lowerBound...].prefix(67))
                }
                try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                    #expect(response.status == .ok && Reporting.object(response)["username"] as? String == "jn.rep")
                }
                // Too short a new password is refused; the right one changes it and ends the sessions.
                try await client.execute(
                    uri: "/me/password", method: .post, headers: rep.browser,
                    body: Reporting.form([("_csrf", rep.csrf), ("current", Reporting.password), ("new", "short")])
                ) {
                    #expect($0.status == .unprocessableContent && $0.text.contains("至少 10 个字符"))
                }
                try await client.execute(
                    uri: "/me/password", method: .post, headers: rep.browser,
                    body: Reporting.form([("_csrf", rep.csrf), ("current", Reporting.password), ("new", "a-new-password-2026")])
                ) {
                    #expect($0.status == .seeOther)
                }
                try await client.execute(uri: "/me", method: .get, headers: [.cookie: rep.cookie]) {
                    #expect($0.status == .seeOther && $0.headers[.location]?.hasPrefix("/login") == true, "the old session is gone")
                }
                try await client.execute(
                    uri: "/api/v1/session", method: .post, body: Reporting.json(["username": "jn.rep", "password": "a-new-password-2026"])
                ) {
                    #expect($0.status == .created)
                }
                // The administrator disables the account: its tokens stop working.
                try await client.execute(uri: "/api/v1/users/jn.rep", method: .patch, headers: admin.bearer, body: Reporting.json(["disabled": true]))
                { response in
                    #expect(response.status == .ok && Reporting.object(response)["disabled"] as? Bool == true)
                }
                try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                    #expect($0.status == .unauthorized)
                }
                // Logging out ends the administrator's browser session.
                try await client.execute(uri: "/logout", method: .post, headers: admin.browser, body: Reporting.form([("_csrf", admin.csrf)])) {
                    response in
                    #expect(response.status == .seeOther && response.headers[.setCookie]?.contains("Max-Age=0") == true)
                }
                try await client.execute(uri: "/audit", method: .get, headers: [.cookie: admin.cookie]) { #expect($0.status == .seeOther) }
                let actions = Set(try await store.audit(AuditQuery(limit: 100)).entries.map(\.action))
                #expect(actions.isSuperset(of: ["user.create", "login", "token.create", "password.change", "user.disable", "logout"]))
            }
        }
    }
}
