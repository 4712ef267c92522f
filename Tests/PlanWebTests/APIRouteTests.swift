import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCore
import PlanServices
import PlanStore
import PlanWeb
import Testing

/// The JSON API: every documented path answers as documented.
@Suite struct APIRouteTests {
    private static func json(_ response: TestResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(buffer: response.body))
    }

    /// Walks every path of the OpenAPI document with example parameters.
    @Test func everyDocumentedPathAnswers() async throws {
        try await WebFixture.test { client in
            let document = try await client.execute(uri: "/api/v1/openapi.json", method: .get) { try Self.json($0) as! [String: Any] }
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: Any])
            #expect(
                paths.count == 111,
                "33 figures and plan paths, 12 of the responsibility list and alerts, 8 of orders, 4 of the policy list, 5 of delivery, 4 of stocktakes, 2 of reporting diligence, 9 of the assessment, 21 of the project library"
            )
            let examples = [
                "{number}": "2", "{id}": "A003-1", "{key}": "rd_intensity", "{code}": "370100", "{period}": "2025", "{username}": "nobody",
                "{seq}": "1", "{pool}": "funds",
            ]
            for (path, item) in paths {
                var uri = path
                for (placeholder, value) in examples { uri = uri.replacingOccurrences(of: placeholder, with: value) }
                let operations = try #require(item as? [String: [String: Any]])
                // Operations that need a session answer 401 without one, as documented.
                for (method, operation) in operations where operation["security"] != nil {
                    let responses = try #require(operation["responses"] as? [String: Any])
                    #expect(responses["401"] != nil, "\(method) \(path) documents 401")
                    try await client.execute(uri: uri, method: HTTPRequest.Method(rawValue: method.uppercased())!) { response in
                        #expect(response.status == .unauthorized, "\(method) \(uri)")
                        #expect(response.headers[.contentType] == "application/problem+json", "\(method) \(uri)")
                    }
                }
                // The lists' own paths need an imported list (and one is a download), a round's a round, the library's a
                // library: SupervisionRouteTests, PolicyRouteTests, AssessmentRouteTests, ProjectRouteTests.
                guard let get = operations["get"], get["security"] == nil, !path.hasPrefix("/api/v1/tasks/"), !path.hasPrefix("/api/v1/policies/"),
                    !path.hasPrefix("/api/v1/assessment/rounds/"), !path.hasPrefix("/api/v1/projects")
                else {
                    continue
                }
                let parameters = (get["parameters"] as? [[String: Any]]) ?? []
                let query = parameters.filter { $0["in"] as? String == "query" }.compactMap { p -> String? in
                    let name = p["name"] as! String
                    let sample: [String: String] = [
                        "page": "1", "per_page": "5", "chapter": "2", "indicator": "rd_intensity", "region": "370000",
                        "as_of": "2024", "seed": "3", "level": "city", "year": "2026", "unit": "370100", "status": "all", "article": "49",
                    ]
                    return sample[name].map { "\(name)=\($0)" }
                }
                #expect(query.count == parameters.filter { $0["in"] as? String == "query" }.count, "\(path): every query parameter has a sample")
                for u in [uri, uri + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))] {
                    try await client.execute(uri: u, method: .get) { response in
                        #expect(response.status == .ok, "\(u)")
                        #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, "\(u)")
                        #expect(response.headers[.eTag] != nil, "\(u)")
                        _ = try Self.json(response)
                    }
                }
                let responses = try #require(get["responses"] as? [String: Any])
                if responses["404"] != nil, uri.contains("2") || uri.contains("A003-1") || uri.contains("rd_intensity") || uri.contains("370100") {
                    let missing = path.replacingOccurrences(of: "{number}", with: "999").replacingOccurrences(of: "{id}", with: "NOPE")
                        .replacingOccurrences(of: "{key}", with: "nope").replacingOccurrences(of: "{code}", with: "999999")
                    try await client.execute(uri: missing, method: .get) { response in
                        #expect(response.status == .notFound, "\(missing)")
                        #expect(response.headers[.contentType] == "application/problem+json", "\(missing)")
                    }
                }
            }
        }
    }

    /// Every request body is described: JSON and multipart bodies field by field with the bounds
    /// the services check, file uploads as binary; parameters carry the bounds the routes check.
    @Test func requestBodiesAreDescribed() async throws {
        try await WebFixture.test { client in
            let document = try await client.execute(uri: "/api/v1/openapi.json", method: .get) { try Self.json($0) as! [String: Any] }
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            // "post /api/v1/session" → media type → schema
            var bodies: [String: [String: [String: Any]]] = [:]
            for (path, item) in paths {
                for (method, value) in item {
                    guard let body = (value as? [String: Any])?["requestBody"] as? [String: Any] else { continue }
                    let content = try #require(body["content"] as? [String: [String: Any]], "\(method) \(path)")
                    for (media, entry) in content {
                        let schema = try #require(entry["schema"] as? [String: Any], "\(method) \(path) \(media)")
                        bodies["\(method) \(path)", default: [:]][media] = schema
                        switch media {
                        case "application/json", "multipart/form-data":
                            if schema["type"] as? String == "array" {
                                #expect(schema["items"] != nil, "\(method) \(path) \(media) describes its items")
                                continue
                            }
                            let properties = schema["properties"] as? [String: Any] ?? [:]
                            #expect(schema["type"] as? String == "object" && !properties.isEmpty, "\(method) \(path) \(media) lists its fields")
                            for name in schema["required"] as? [String] ?? [] {
                                #expect(properties[name] != nil, "\(method) \(path) \(media) describes required \(name)")
                            }
                        default:
                            #expect(schema["type"] as? String == "string" && schema["format"] as? String == "binary", "\(method) \(path) \(media)")
                        }
                    }
                }
            }
            let described = bodies
            #expect(described.values.contains { $0["application/octet-stream"] != nil })

            func number(_ value: Any?) -> Double? { (value as? Int).map { Double($0) } ?? value as? Double }
            func schema(_ operation: String, _ media: String = "application/json") throws -> [String: Any] {
                try #require(described[operation]?[media], "\(operation) \(media)")
            }
            func property(_ schema: [String: Any], _ name: String) throws -> [String: Any] {
                try #require((schema["properties"] as? [String: Any])?[name] as? [String: Any], "property \(name)")
            }

            let login = try schema("post /api/v1/session")
            #expect(Set(login["required"] as? [String] ?? []) == ["username", "password"])
            #expect(try property(login, "password")["type"] as? String == "string")

            let score = try property(try schema("post /api/v1/projects/{code}/reviews"), "score")
            #expect(score["type"] as? String == "number" && number(score["minimum"]) == 0 && number(score["maximum"]) == 100)
            let dueDay = try property(try schema("put /api/v1/projects/rules"), "due_day")
            #expect(dueDay["type"] as? String == "integer" && number(dueDay["minimum"]) == 1 && number(dueDay["maximum"]) == 28)

            let returned = try schema("post /api/v1/units/{code}/periods/{period}/return")
            #expect(returned["required"] as? [String] == ["reason"])
            #expect(number(try property(returned, "reason")["maxLength"]) == Double(ReportingService.maxReasonLength))

            let role = try property(try schema("post /api/v1/users"), "role")
            #expect(role["enum"] as? [String] == Role.allCases.map(\.rawValue))

            let values = try property(try schema("post /api/v1/units/{code}/periods/{period}/observations"), "values")
            #expect(values["type"] as? String == "array" && number(values["minItems"]) == 1)
            let value = try property(try #require(values["items"] as? [String: Any]), "value")
            #expect(value["type"] as? [String] == ["number", "string"])

            // An appeal is JSON, or a multipart form with its evidence files.
            let appeal = "post /api/v1/assessment/rounds/{id}/appeals"
            #expect(try schema(appeal)["required"] as? [String] == ["unit", "target", "reason"])
            let evidence = try property(try schema(appeal, "multipart/form-data"), "evidence")
            #expect(number(evidence["maxItems"]) == 5 && (evidence["items"] as? [String: Any])?["format"] as? String == "binary")
            #expect(try schema("post /api/v1/units/{code}/imports", "application/octet-stream")["format"] as? String == "binary")

            let articles = try #require((paths["/api/v1/articles"]?["get"] as? [String: Any])?["parameters"] as? [[String: Any]])
            let perPage = try #require(articles.first { $0["name"] as? String == "per_page" }?["schema"] as? [String: Any])
            #expect(perPage["type"] as? String == "integer" && number(perPage["minimum"]) == 1 && number(perPage["maximum"]) == 500)
        }
    }

    @Test func pagesCountAndStop() async throws {
        try await WebFixture.test { client in
            try await client.execute(uri: "/api/v1/articles?page=2&per_page=50", method: .get) { response in
                let body = try Self.json(response) as! [String: Any]
                #expect(body["total"] as? Int == 160 && body["page"] as? Int == 2 && body["per_page"] as? Int == 50)
                #expect((body["items"] as? [Any])?.count == 50)
            }
            try await client.execute(uri: "/api/v1/articles?page=4&per_page=50", method: .get) { response in
                let body = try Self.json(response) as! [String: Any]
                #expect((body["items"] as? [Any])?.count == 10)
            }
            try await client.execute(uri: "/api/v1/targets?per_page=500", method: .get) { response in
                let body = try Self.json(response) as! [String: Any]
                #expect(body["total"] as? Int == 257)
            }
        }
    }

    @Test func etagsAnswerNotModified() async throws {
        try await WebFixture.test { client in
            let etag = try await client.execute(uri: "/api/v1/targets/C02-2", method: .get) { try #require($0.headers[.eTag]) }
            try await client.execute(uri: "/api/v1/targets/C02-2", method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified && response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/api/v1/targets/C02-3", method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func badParametersGetProblemBodies() async throws {
        try await WebFixture.test { client in
            for uri in [
                "/api/v1/articles?page=0", "/api/v1/articles?per_page=501", "/api/v1/articles?page=x", "/api/v1/regions?level=town",
                "/api/v1/evaluations?as_of=1800", "/api/v1/evaluations?region=999999", "/api/v1/targets?chapter=13",
                "/api/v1/ranking?seed=-1",
            ] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    #expect(response.headers[.contentType] == "application/problem+json", "\(uri)")
                    let body = try Self.json(response) as! [String: Any]
                    #expect(body["status"] as? Int == 400 && (body["detail"] as? String)?.isEmpty == false, "\(uri)")
                }
            }
            try await client.execute(uri: "/api/v1/nope", method: .get) { response in
                #expect(response.status == .notFound && response.headers[.contentType] == "application/problem+json")
            }
        }
    }

    @Test func evaluationsCarryTheirExplanation() async throws {
        try await WebFixture.test { client in
            try await client.execute(uri: "/api/v1/evaluations/A003-1", method: .get) { response in
                let body = try Self.json(response) as! [String: Any]
                #expect(body["status"] as? String == "achieved")
                let explanation = try #require(body["explanation"] as? [String: Any])
                #expect((explanation["inputs"] as? [[String: Any]])?.contains { $0["name"] as? String == "latest" } == true)
            }
            try await client.execute(uri: "/api/v1/evaluations?region=370100&per_page=500", method: .get) { response in
                let items = (try Self.json(response) as! [String: Any])["items"] as! [[String: Any]]
                #expect(items.count == 257 && items.allSatisfy { $0["region_code"] as? String == "370100" })
            }
        }
    }

    /// A change of data moves the data version: cached evaluations and ETags follow it.
    @Test func dataChangesReachTheAPI() async throws {
        try await WebFixture.withRouter { router, store in
            try await Application(router: router).test(.router) { client in
                let before = try await client.execute(uri: "/api/v1/evaluations/C02-2", method: .get) { response in
                    let body = try Self.json(response) as! [String: Any]
                    #expect(body["status"] as? String == "not_assessable")
                    return try #require(response.headers[.eTag])
                }
                _ = try await store.upsert([
                    Observation(
                        indicatorKey: "rd_intensity", regionCode: "370000", period: Period(year: 2024), value: 2.6,
                        provenance: Provenance(source: "test"))
                ])
                // Within 2 s the next snapshot is built and the old ETag no longer matches.
                let changed = try await WebFixture.eventually {
                    try await client.execute(uri: "/api/v1/evaluations/C02-2", method: .get, headers: [.ifNoneMatch: before]) { response in
                        guard response.status == .ok else { return false }
                        return (try Self.json(response) as? [String: Any])?["status"] as? String == "achieved"
                    }
                }
                #expect(changed)
                try await client.execute(uri: "/api/v1/plan", method: .get) { response in
                    let body = try Self.json(response) as! [String: Any]
                    #expect(body["data_version"] as? Int == 2)
                }
            }
        }
    }
}
