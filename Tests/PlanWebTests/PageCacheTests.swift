import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCore
import PlanServices
import PlanStore
import PlanWeb
import Testing

/// Cached pages are sent as stored bytes: the same ETag for every reader who is not logged in
/// (304 when it matches), the reader's own links for one who is, and a new page once figures are
/// published.
@Suite struct PageCacheTests {
    @Test func publicPagesCarryAnETagAndLoggedInReadersTheirOwnLinks() async throws {
        try await WebFixture.withRouter { router, store in
            let rep = try await Reporting.user(store, "jn.rep", .reporter, "370100")
            try await Application(router: router).test(.router) { client in
                let first = try await client.execute(uri: "/plan", method: .get) { $0 }
                let etag = try #require(first.headers[.eTag])
                #expect(first.text.contains("href=\"/login?next=%2Fplan\"") && !first.text.contains("<!--account-->"))
                try await client.execute(uri: "/plan", method: .get) { #expect($0.headers[.eTag] == etag && $0.text == first.text) }
                try await client.execute(uri: "/plan", method: .get, headers: [.ifNoneMatch: etag]) { response in
                    #expect(response.status == .notModified && response.body.readableBytes == 0)
                }
                try await client.execute(uri: "/plan?lang=en", method: .get) { #expect($0.headers[.eTag] != etag, "each language its own page") }
                try await client.execute(uri: "/plan", method: .get, headers: [.cookie: rep.cookie, .ifNoneMatch: etag]) { response in
                    #expect(response.status == .ok && response.headers[.eTag] == nil && response.headers[.cacheControl] == "private, no-store")
                    #expect(response.text.contains("href=\"/units/370100\"") && response.text.contains("name=\"_csrf\" value=\"\(rep.csrf)\""))
                    #expect(!response.text.contains("/login?next="))
                    // The rest of the page is the cached one, byte for byte.
                    let head = first.text.components(separatedBy: "<a class=\"account\"")[0]
                    #expect(response.text.hasPrefix(head))
                }
            }
        }
    }

    @Test func formsAndPersonalPagesAreNeverSharedOrAnsweredWith304() async throws {
        try await WebFixture.test { client in
            let login = try await client.execute(uri: "/login", method: .get) { $0 }
            #expect(login.headers[.eTag] == nil && login.headers[.cacheControl] == "private, no-store")
            let etag = try await client.execute(uri: "/plan", method: .get) { try #require($0.headers[.eTag]) }
            try await client.execute(uri: "/login", method: .get, headers: [.ifNoneMatch: etag]) { #expect($0.status == .ok) }
        }
    }
}
