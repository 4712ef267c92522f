import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PlanServices
import PlanWeb
import Testing

/// `/metrics` scraped, request ids, and the JSON log lines of a request.
@Suite(.serialized) struct OperationsRouteTests {
    /// Log lines written by the application, kept for the test to read.
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var kept: [String] = []
        func set(_ line: String) { append(line) }
        func append(_ line: String) {
            lock.lock()
            kept.append(line)
            lock.unlock()
        }
        var all: [String] {
            lock.lock()
            defer { lock.unlock() }
            return kept
        }
    }

    /// The value of the sample `name` (with exactly these labels, as printed), or nil.
    static func sample(_ text: String, _ name: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { Double($0.split(separator: " ").last!) }
    }

    @Test func metricsAreScrapedWithRequestsByRouteLoginFailuresAndTheDataVersion() async throws {
        ServerMetrics.bootstrap()
        try await WebFixture.withServices { router, _ in
            let app = Application(router: router)
            try await app.test(.router) { client in
                let before = try await client.execute(uri: "/metrics", method: .get) { $0.text }
                try await client.execute(uri: "/", method: .get) { #expect($0.status == .ok) }
                try await client.execute(uri: "/", method: .head) { #expect($0.status == .ok) }
                for _ in 0..<2 {
                    try await client.execute(
                        uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                        body: ByteBuffer(string: #"{"username":"nobody","password":"wrong-password"}"#)
                    ) { #expect($0.status == .forbidden) }
                }
                try await client.execute(uri: "/metrics", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                    let text = response.text
                    // Every line is a comment or a sample in Prometheus's text format.
                    let sample = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="[^"]*",?)*\})? -?[0-9.e+Inf-]+$/
                    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                        #expect(line.wholeMatch(of: sample) != nil, "\(line)")
                    }
                    let failures = "plantrack_login_failures_total"
                    // Other suites run beside this one in the same process (and registry): at least ours.
                    #expect((Self.sample(text, failures) ?? 0) - (Self.sample(before, failures) ?? 0) >= 2)
                    let route = #"http_server_request_duration_seconds_count{route="/api/v1/session",method="POST",status="403"}"#
                    #expect((Self.sample(text, route) ?? 0) - (Self.sample(before, route) ?? 0) >= 2)
                    #expect(text.contains(#"http_server_request_duration_seconds_count{route="/",method="GET",status="200"}"#))
                    #expect(text.contains(#"http_server_request_duration_seconds_bucket{route="/",method="HEAD",status="200",le="0.005"}"#))
                    #expect((Self.sample(text, "plantrack_data_version") ?? 0) >= 1, "the last snapshot built, of any store in this process")
                    #expect(text.contains("plantrack_snapshot_build_seconds_count"))
                    #expect(text.contains(#"plantrack_db_connections_in_use{database="sqlite"}"#))
                }
            }
        }
    }

    @Test func requestIDsPassThroughOrAreMadeAndEveryLogLineOfARequestNamesItsRoute() async throws {
        let lines = Lines()
        let idOfPage = Lines()
        try await WebFixture.withServices { router, _ in
            var logger = Logger(label: "plantrack") { JSONLogHandler(label: $0, write: lines.append) }
            logger.logLevel = .debug
            let app = Application(router: router, logger: logger)
            try await app.test(.router) { client in
                try await client.execute(
                    uri: "/api/v1/session", method: .post,
                    headers: [.contentType: "application/json", HTTPField.Name("X-Request-Id")!: "nginx-42.a_b"],
                    body: ByteBuffer(string: #"{"username":"nobody","password":"wrong-password"}"#)
                ) { #expect($0.headers[HTTPField.Name("X-Request-Id")!] == "nginx-42.a_b") }
                let made = try await client.execute(uri: "/targets", method: .get, headers: [HTTPField.Name("X-Request-Id")!: "bad id\u{7F}"]) {
                    response in
                    let id = try #require(response.headers[HTTPField.Name("X-Request-Id")!])
                    #expect(id != "bad id\u{7F}" && id.count >= 16 && id.allSatisfy(\.isHexDigit), "an unacceptable id is replaced: \(id)")
                    return id
                }
                idOfPage.set(made)
                try await client.execute(uri: "/nowhere", method: .get) { response in
                    #expect(response.status == .notFound && response.headers[HTTPField.Name("X-Request-Id")!] != nil)
                }
            }
        }
        let objects = try lines.all.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], "\($0)") }
        let login = try #require(objects.first { $0["request_id"] as? String == "nginx-42.a_b" })
        #expect(login["route"] as? String == "/api/v1/session" && login["status"] as? String == "403" && login["level"] as? String == "info")
        #expect(login["method"] as? String == "POST" && login["time"] is String && login["message"] as? String == "request")
        let page = try #require(objects.first { $0["path"] as? String == "/targets" })
        #expect(page["route"] as? String == "/targets" && page["level"] as? String == "debug", "reads are logged at debug")
        #expect(page["request_id"] as? String == idOfPage.all.first, "the log names the id the response carries")
        #expect(objects.allSatisfy { $0["hb.request.id"] == nil })
        #expect(objects.contains { $0["path"] as? String == "/nowhere" && $0["route"] as? String == "NotFound" })
        #expect(lines.all.allSatisfy { $0.hasSuffix("}\n") && !$0.dropLast().contains("\n") }, "one line each")
    }

    @Test func jsonLogLinesEscapeWhatTheyCarry() throws {
        let lines = Lines()
        var logger = Logger(label: "t") { JSONLogHandler(label: $0, write: lines.append) }
        logger[metadataKey: "route"] = "/a"
        logger.info("引号 \" 反斜杠 \\ 换行 \n 控制 \u{1}", metadata: ["list": ["a", "b"], "map": ["k": "v"]])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines.all[0].utf8)) as? [String: Any])
        #expect(object["message"] as? String == "引号 \" 反斜杠 \\ 换行 \n 控制 \u{1}")
        #expect(
            object["list"] as? [String] == ["a", "b"] && (object["map"] as? [String: String]) == ["k": "v"] && object["route"] as? String == "/a")
    }
}
