import Foundation

/// A JSON value, for writing documents such as the OpenAPI description.
indirect enum JSONValue: Encodable, Sendable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case bool(Bool)

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .object(let pairs):
            var c = encoder.container(keyedBy: Key.self)
            for (k, v) in pairs { try c.encode(v, forKey: Key(k)) }
        case .array(let items):
            var c = encoder.unkeyedContainer()
            for item in items { try c.encode(item) }
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .number(let n):
            var c = encoder.singleValueContainer()
            try c.encode(n)
        case .bool(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        }
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// The OpenAPI 3.1 description of `/api/v1`, kept beside the routes it describes; a test requests
/// every path it lists and checks the answers against it.
enum OpenAPIDocument {
    /// Each documented operation: path, summary, parameters (name, in, type, required) and
    /// whether it returns a page of items.
    struct Operation: Sendable {
        var path: String
        var summary: String
        var parameters: [(name: String, location: String, type: String, required: Bool, description: String)]
        var paged: Bool
        var notFound: Bool
    }

    static let paging: [(name: String, location: String, type: String, required: Bool, description: String)] = [
        ("page", "query", "integer", false, "Page number, from 1"),
        ("per_page", "query", "integer", false, "Items per page, 1–500 (default 50)"),
    ]
    static let regionYear: [(name: String, location: String, type: String, required: Bool, description: String)] = [
        ("region", "query", "string", false, "Evaluate every target for this region code (default: each target's own region)"),
        ("as_of", "query", "integer", false, "Year to evaluate as of (default: the latest year with data)"),
    ]

    static let operations: [Operation] = [
        Operation(
            path: "/api/v1/plan", summary: "The plan and its counts, data version and latest year", parameters: [], paged: false, notFound: false),
        Operation(
            path: "/api/v1/chapters", summary: "Chapters with sections, article numbers and target ids", parameters: [], paged: false, notFound: false
        ),
        Operation(
            path: "/api/v1/chapters/{number}", summary: "One chapter", parameters: [("number", "path", "integer", true, "Chapter number 1–12")],
            paged: false, notFound: true),
        Operation(path: "/api/v1/articles", summary: "Articles with their full text", parameters: paging, paged: true, notFound: false),
        Operation(
            path: "/api/v1/articles/{number}", summary: "One article", parameters: [("number", "path", "integer", true, "Article number 1–160")],
            paged: false, notFound: true),
        Operation(
            path: "/api/v1/targets", summary: "Quantified targets",
            parameters: [
                ("chapter", "query", "integer", false, "Only this chapter"), ("indicator", "query", "string", false, "Only this indicator key"),
                ("region", "query", "string", false, "Only this region code"),
            ] + paging,
            paged: true, notFound: false),
        Operation(
            path: "/api/v1/targets/{id}", summary: "One target", parameters: [("id", "path", "string", true, "Target id, e.g. C02-2")], paged: false,
            notFound: true),
        Operation(path: "/api/v1/indicators", summary: "Indicators", parameters: paging, paged: true, notFound: false),
        Operation(
            path: "/api/v1/indicators/{key}", summary: "One indicator",
            parameters: [("key", "path", "string", true, "Indicator key, e.g. rd_intensity")], paged: false, notFound: true),
        Operation(
            path: "/api/v1/regions", summary: "Regions", parameters: [("level", "query", "string", false, "province, city or county")] + paging,
            paged: true, notFound: false),
        Operation(
            path: "/api/v1/regions/{code}", summary: "One region", parameters: [("code", "path", "string", true, "Division code, e.g. 370100")],
            paged: false, notFound: true),
        Operation(
            path: "/api/v1/observations",
            summary: "Observations with provenance and revision; for a computed indicator, its computed values (computed: true, with their inputs)",
            parameters: [
                ("indicator", "query", "string", false, "Only this indicator key (a computed one lists its computed values)"),
                ("region", "query", "string", false, "Only this region code"),
            ] + paging,
            paged: true, notFound: false),
        Operation(
            path: "/api/v1/evaluations", summary: "Every target evaluated (status, progress, pace, projection, likelihood)",
            parameters: regionYear + paging, paged: true, notFound: false),
        Operation(
            path: "/api/v1/evaluations/{id}", summary: "One target's evaluation with its explanation",
            parameters: [("id", "path", "string", true, "Target id")] + regionYear, paged: false, notFound: true),
        Operation(
            path: "/api/v1/composite", summary: "Target Progress Index per chapter and section", parameters: regionYear, paged: false, notFound: false
        ),
        Operation(
            path: "/api/v1/ranking", summary: "The 16 cities on the Relative Performance Index with Monte Carlo rank bands",
            parameters: [
                ("as_of", "query", "integer", false, "Year to rank as of"), ("seed", "query", "integer", false, "Monte Carlo seed (default 1)"),
            ],
            paged: false, notFound: false),
        Operation(path: "/api/v1/openapi.json", summary: "This document", parameters: [], paged: false, notFound: false),
    ]

    static let problem: JSONValue = .object([
        ("type", .string("object")),
        (
            "properties",
            .object([
                ("type", .object([("type", .string("string"))])), ("title", .object([("type", .string("string"))])),
                ("status", .object([("type", .string("integer"))])), ("detail", .object([("type", .string("string"))])),
                ("detail_zh", .object([("type", .string("string"))])),
                (
                    "error_count",
                    .object([("type", .string("integer")), ("description", .string("How many problems there are; errors lists the first 1,000"))])
                ),
                (
                    "errors",
                    .object([
                        ("type", .string("array")),
                        (
                            "items",
                            .object([
                                ("type", .string("object")),
                                (
                                    "properties",
                                    .object([
                                        ("line", .object([("type", .string("integer"))])), ("indicator_key", .object([("type", .string("string"))])),
                                        ("message", .object([("type", .string("string"))])), ("message_zh", .object([("type", .string("string"))])),
                                    ])
                                ),
                            ])
                        ),
                    ])
                ),
            ])
        ),
        ("required", .array([.string("title"), .string("status"), .string("detail")])),
    ])

    static let document: JSONValue = {
        var paths: [(String, JSONValue)] = []
        for op in operations {
            var responses: [(String, JSONValue)] = [
                (
                    "200",
                    .object([
                        ("description", .string(op.paged ? "A page: items, page, per_page, total" : "OK")),
                        ("headers", .object([("ETag", .object([("schema", .object([("type", .string("string"))]))]))])),
                        (
                            "content",
                            .object([
                                (
                                    "application/json",
                                    .object([("schema", .object([("type", .string(op.path.hasSuffix("chapters") ? "array" : "object"))]))])
                                )
                            ])
                        ),
                    ])
                ),
                ("304", .object([("description", .string("Not modified (If-None-Match matched the ETag)"))])),
            ]
            if !op.parameters.filter({ $0.location == "query" }).isEmpty {
                responses.append(
                    (
                        "400",
                        .object([
                            ("description", .string("Bad parameter")),
                            (
                                "content",
                                .object([
                                    ("application/problem+json", .object([("schema", .object([("$ref", .string("#/components/schemas/Problem"))]))]))
                                ])
                            ),
                        ])
                    ))
            }
            responses.append(
                (
                    "401",
                    .object([
                        ("description", .string("The bearer token sent is invalid or expired (no token: the public answer)")),
                        (
                            "content",
                            .object([
                                ("application/problem+json", .object([("schema", .object([("$ref", .string("#/components/schemas/Problem"))]))]))
                            ])
                        ),
                    ])
                ))
            if op.notFound {
                responses.append(
                    (
                        "404",
                        .object([
                            ("description", .string("No such item")),
                            (
                                "content",
                                .object([
                                    ("application/problem+json", .object([("schema", .object([("$ref", .string("#/components/schemas/Problem"))]))]))
                                ])
                            ),
                        ])
                    ))
            }
            let parameters: [JSONValue] = op.parameters.map { p in
                .object([
                    ("name", .string(p.name)), ("in", .string(p.location)), ("required", .bool(p.required)),
                    ("description", .string(p.description)), ("schema", parameterSchema(name: p.name, type: p.type)),
                ])
            }
            paths.append(
                (
                    op.path,
                    .object([
                        (
                            "get",
                            .object([
                                ("summary", .string(op.summary)), ("parameters", .array(parameters)), ("responses", .object(responses)),
                            ])
                        )
                    ])
                ))
        }
        return .object([
            ("openapi", .string("3.1.0")),
            (
                "info",
                .object([
                    ("title", .string("PlanTrack API")), ("version", .string("1")),
                    (
                        "description",
                        .string(
                            "The Shandong pilot-zone plan, its targets, indicators, regions, observations and evaluations (read-only, public), and data collection: sessions and tokens, reporting calendars, figures by unit and period, imports, the approval workflow, reconciliation and the audit log (authenticated). Lists are paginated (page, per_page, total); successful JSON responses carry an ETag and answer If-None-Match with 304; errors are RFC 9457 problem bodies with the detail also in Chinese (detail_zh) and, for invalid content, the first 1,000 problems in errors and their number in error_count."
                        )
                    ),
                ])
            ),
            ("paths", .object(paths + writePaths)),
            ("components", .object([("schemas", .object([("Problem", problem)])), ("securitySchemes", securitySchemes)])),
        ])
    }()
}
