import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PlanWeb
import Testing

/// `HEAD` answers like `GET` without a body, and every answer — a page, the API, an error —
/// carries the security headers.
@Suite struct HTTPHygieneTests {
    static let csp = HTTPField.Name("Content-Security-Policy")!

    @Test func headAnswersLikeGetAndEveryAnswerCarriesTheSecurityHeaders() async throws {
        try await WebFixture.withRouter { router, _ in
            try await Application(router: router).test(.router) { client in
                var page = ""
                try await client.execute(uri: "/targets", method: .get) { response in
                    page = response.text
                    #expect(response.status == .ok && !page.isEmpty)
                    #expect(response.headers[Self.csp]?.contains("script-src 'self'") == true)
                    #expect(response.headers[Self.csp]?.contains("frame-ancestors 'none'") == true)
                    #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                    #expect(response.headers[HTTPField.Name("Referrer-Policy")!] != nil)
                }
                #expect(!page.contains("<script"), "no script for the policy to block")
                for uri in ["/targets", "/api/v1/targets", "/assessment"] {
                    try await client.execute(uri: uri, method: .head) { response in
                        #expect([.ok, .seeOther].contains(response.status), "HEAD \(uri): \(response.status)")
                        #expect(response.body.readableBytes == 0, "HEAD \(uri) has no body")
                        #expect(response.headers[Self.csp] != nil)
                    }
                }
                try await client.execute(uri: "/targets", method: .head) { response in
                    #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                }
                try await client.execute(uri: "/no-such-page", method: .head) { #expect($0.status == .notFound && $0.body.readableBytes == 0) }
                try await client.execute(uri: "/no-such-page", method: .get) { response in
                    #expect(response.status == .notFound && response.headers[Self.csp] != nil, "errors carry them too")
                }
            }
        }
    }
}
