import Foundation

/// The data-collection operations of `/api/v1`: they need a session or API token (bearer), and
/// list every error response they can give.
extension OpenAPIDocument {
    struct WriteOperation: Sendable {
        var method: String
        var path: String
        var summary: String
        var parameters: [(name: String, location: String, type: String, required: Bool, description: String)]
        /// The request body's description and media type; `nil` for none.
        var body: (description: String, type: String)?
        /// The schema of the body in its media type (JSON, or the parts of a multipart form);
        /// `nil`: a file's bytes.
        var bodySchema: JSONValue? = nil
        /// The same body in another media type (a multipart form with files beside the JSON).
        var bodyAlternative: (type: String, schema: JSONValue)? = nil
        var success: String
        var errors: [String]
        var authenticated: Bool
        /// What the success answer holds when the path does not say: `array`, `object`, or a
        /// media type other than JSON (a download).
        var result: String? = nil
    }

    static let unitPeriod: [(name: String, location: String, type: String, required: Bool, description: String)] = [
        ("code", "path", "string", true, "Reporting unit code (370100, dept-science, soe-port, …)"),
        ("period", "path", "string", true, "Period: 2025, 2025Q3 or 2025-09"),
    ]

    static let errorText: [String: String] = [
        "400": "Malformed request (bad JSON, parameter or period)",
        "401": "Not authenticated: log in (POST /api/v1/session) or send an API token",
        "401.token": "The bearer token sent is invalid or expired (no token: the public answer)",
        "403": "The role or unit does not allow it (or a missing CSRF token with a cookie session, or a wrong password)",
        "404": "No such unit, period or user",
        "409": "Not allowed in the current workflow state (locked, awaiting review, own submission, reason missing)",
        "413": "The body exceeds the upload limit",
        "422":
            "Invalid content (a control character, a weak password, invalid rows): the first 1,000 problems are listed in errors, their number in error_count",
        "429": "Too many failed logins: retry after Retry-After seconds",
    ]

    static let writeOperations: [WriteOperation] = [
        WriteOperation(
            method: "post", path: "/api/v1/session", summary: "Log in: returns a bearer session token (8 hours)", parameters: [],
            body: ("{username, password}", "application/json"), bodySchema: sessionBody, success: "201", errors: ["400", "403", "413", "429"],
            authenticated: false),
        WriteOperation(
            method: "delete", path: "/api/v1/session", summary: "Log out (ends the bearer session)", parameters: [], body: nil, success: "204",
            errors: ["401", "403"], authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/me", summary: "The authenticated user", parameters: [], body: nil, success: "200", errors: ["401"],
            authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/tokens", summary: "Create an API token for the authenticated user (shown once)", parameters: [],
            body: ("{label}", "application/json"), bodySchema: tokenBody, success: "201", errors: ["400", "401", "403", "413", "422"],
            authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/tokens", summary: "The authenticated user's API tokens (never the secrets)", parameters: [], body: nil,
            success: "200", errors: ["401"], authenticated: true),
        WriteOperation(
            method: "delete", path: "/api/v1/tokens/{id}", summary: "Revoke one of the authenticated user's API tokens",
            parameters: [("id", "path", "string", true, "The token's id (12 hex digits)")], body: nil, success: "204", errors: ["401", "403", "404"],
            authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/units", summary: "Reporting units: regions, departments and enterprises", parameters: [], body: nil,
            success: "200", errors: [], authenticated: false),
        WriteOperation(
            method: "get", path: "/api/v1/units/{code}/calendar",
            summary: "A unit's calendar: periods due, overdue and done, with deadlines and lock dates",
            parameters: [unitPeriod[0]], body: nil, success: "200", errors: ["401", "403", "404"], authenticated: true),
        WriteOperation(
            method: "put", path: "/api/v1/units/{code}/calendar", summary: "Replace a unit's calendar (administrator, leading-group office)",
            parameters: [unitPeriod[0]], body: ("{entries: [{indicator_key, frequency, first_year, due_days, lock_days}]}", "application/json"),
            bodySchema: calendarBody, success: "200",
            errors: ["400", "401", "403", "404", "413", "422"], authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/units/{code}/periods/{period}/observations",
            summary: "A unit's figures for a period (drafts only for those who may read them)", parameters: unitPeriod, body: nil, success: "200",
            errors: ["400", "401", "403", "404"], authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/units/{code}/periods/{period}/observations",
            summary: "Save a batch of figures as a draft, all or nothing; changing approved figures needs a reason and goes back to review",
            parameters: unitPeriod,
            body: ("{values: [{indicator_key, value, unit?, comment?, explanation?}], reason?, dry_run?}", "application/json"),
            bodySchema: observationBatchBody, success: "200",
            errors: ["400", "401", "403", "404", "409", "413", "422"], authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/units/{code}/periods/{period}/submit", summary: "Submit the period for review", parameters: unitPeriod,
            body: nil, success: "200", errors: ["400", "401", "403", "404", "409", "413", "422"], authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/units/{code}/periods/{period}/approve", summary: "Approve (publishes the figures to the evaluations)",
            parameters: unitPeriod, body: ("{reason?}", "application/json"), bodySchema: approveBody, success: "200",
            errors: ["400", "401", "403", "404", "409", "413", "422"], authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/units/{code}/periods/{period}/return", summary: "Return to the unit with a reason", parameters: unitPeriod,
            body: ("{reason}", "application/json"), bodySchema: reportingReasonBody, success: "200",
            errors: ["400", "401", "403", "404", "409", "413", "422"], authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/units/{code}/periods/{period}/reopen", summary: "Reopen an approved or locked period, with a reason",
            parameters: unitPeriod, body: ("{reason}", "application/json"), bodySchema: reportingReasonBody, success: "200",
            errors: ["400", "401", "403", "404", "409", "413", "422"], authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/units/{code}/imports",
            summary: "Import a CSV (UTF-8 or GBK) or XLSX file of the unit's figures, all or nothing; dry_run=true writes nothing",
            parameters: [
                unitPeriod[0], ("dry_run", "query", "boolean", false, "Only report each row's outcome"),
                ("sheet", "query", "string", false, "XLSX sheet name (default the first)"),
                ("filename", "query", "string", false, "Name recorded in the audit log"),
                ("reason", "query", "string", false, "Reason, required when the file changes approved figures"),
            ],
            body: ("The file's bytes", "application/octet-stream"), success: "200", errors: ["400", "401", "403", "404", "409", "413", "422"],
            authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/reconciliation",
            summary: "Vertical reconciliation of a period (counties against cities, cities against the province)",
            parameters: [("period", "query", "string", true, "Period: 2025, 2025Q3 or 2025-09")], body: nil, success: "200", errors: ["400", "401"],
            authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/audit", summary: "The audit log, newest first (administrator and office: all; reviewer: own subtree)",
            parameters: [
                ("actor", "query", "string", false, "Only this actor"), ("action", "query", "string", false, "An action or a prefix ending in a dot"),
                ("unit", "query", "string", false, "Only this unit"),
                ("since", "query", "string", false, "From this day (2026-03-01, from its start in UTC) or ISO 8601 instant"),
                ("until", "query", "string", false, "Up to this day (2026-03-01, the whole day included, UTC) or ISO 8601 instant"),
                ("limit", "query", "integer", false, "1–1000 (default 100)"),
                ("offset", "query", "integer", false, "Entries to skip"),
            ],
            body: nil, success: "200", errors: ["400", "401", "403"], authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/users", summary: "Users (administrator)", parameters: [], body: nil, success: "200",
            errors: ["401", "403"], authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/users", summary: "Create a user (administrator)", parameters: [],
            body: ("{username, display_name?, unit_code, role, password}", "application/json"), bodySchema: userCreateBody, success: "201",
            errors: ["400", "401", "403", "404", "409", "413", "422"],
            authenticated: true),
        WriteOperation(
            method: "patch", path: "/api/v1/users/{username}", summary: "Change a user's role, unit, enabled state or password (administrator)",
            parameters: [("username", "path", "string", true, "The user name")],
            body: ("{role?, unit_code?, disabled?, password?}", "application/json"), bodySchema: userPatchBody,
            success: "200", errors: ["400", "401", "403", "404", "413", "422"], authenticated: true),
    ]

    static func problemResponse(_ description: String) -> JSONValue {
        .object([
            ("description", .string(description)),
            ("content", .object([("application/problem+json", .object([("schema", .object([("$ref", .string("#/components/schemas/Problem"))]))]))])),
        ])
    }

    /// The success answer's content: JSON (an array or an object), or a download.
    static func successContent(_ op: WriteOperation) -> JSONValue {
        if let media = op.result, media.contains("/") {
            return .object([(media, .object([("schema", .object([("type", .string("string")), ("format", .string("binary"))]))]))])
        }
        let array =
            op.result.map { $0 == "array" }
            ?? (op.path.hasSuffix("calendar") || op.path.hasSuffix("units")
                || (op.path.hasSuffix("users") || op.path.hasSuffix("tokens")) && op.method == "get" || op.path.hasSuffix("reconciliation"))
        return .object([("application/json", .object([("schema", .object([("type", .string(array ? "array" : "object"))]))]))])
    }

    /// The request body's content: its schema in its media type, and in the alternative one.
    static func bodyContent(_ op: WriteOperation, _ type: String) -> [(String, JSONValue)] {
        let bare: JSONValue =
            type == "application/json" || type == "multipart/form-data" ? .object([("type", .string("object"))]) : JSONSchema.binary()
        let schema = op.bodySchema ?? bare
        var content: [(String, JSONValue)] = [(type, .object([("schema", schema)]))]
        if let alternative = op.bodyAlternative { content.append((alternative.type, .object([("schema", alternative.schema)]))) }
        return content
    }

    /// The path items of the data-collection operations, merged by path.
    static var writePaths: [(String, JSONValue)] {
        var byPath: [(String, [(String, JSONValue)])] = []
        for op in writeOperations + supervisionOperations + orderOperations + policyOperations + deliveryOperations + stocktakeOperations
            + diligenceOperations + assessmentOperations + appealOperations + poolOperations + projectOperations
        {
            var responses: [(String, JSONValue)] = [
                (
                    op.success,
                    .object(
                        [("description", .string(op.success == "204" ? "Done" : "OK"))]
                            + (op.success == "204"
                                ? []
                                : [("content", successContent(op))]))
                )
            ]
            for code in op.errors { responses.append((code, problemResponse(errorText[code] ?? ""))) }
            if !op.errors.contains("401") { responses.append(("401", problemResponse(errorText["401.token"] ?? ""))) }
            var operation: [(String, JSONValue)] = [
                ("summary", .string(op.summary)),
                (
                    "parameters",
                    .array(
                        op.parameters.map { p in
                            .object([
                                ("name", .string(p.name)), ("in", .string(p.location)), ("required", .bool(p.required)),
                                ("description", .string(p.description)), ("schema", parameterSchema(name: p.name, type: p.type)),
                            ])
                        })
                ),
                ("responses", .object(responses)),
            ]
            if let body = op.body {
                operation.append(
                    (
                        "requestBody",
                        .object([
                            ("required", .bool(!body.description.hasPrefix("{reason?"))),
                            ("description", .string(body.description)),
                            ("content", .object(bodyContent(op, body.type))),
                        ])
                    ))
            }
            if op.authenticated {
                operation.append(("security", .array([.object([("bearerAuth", .array([]))]), .object([("cookieAuth", .array([]))])])))
            }
            if let i = byPath.firstIndex(where: { $0.0 == op.path }) {
                byPath[i].1.append((op.method, .object(operation)))
            } else {
                byPath.append((op.path, [(op.method, .object(operation))]))
            }
        }
        return byPath.map { ($0.0, JSONValue.object($0.1)) }
    }

    static let securitySchemes: JSONValue = .object([
        (
            "bearerAuth",
            .object([
                ("type", .string("http")), ("scheme", .string("bearer")),
                (
                    "description",
                    .string("A session token from POST /api/v1/session, or an API token created on the account page or with POST /api/v1/tokens")
                ),
            ])
        ),
        (
            "cookieAuth",
            .object([
                ("type", .string("apiKey")), ("in", .string("cookie")), ("name", .string("plantrack_session")),
                ("description", .string("The browser session; unsafe requests must also send X-CSRF-Token")),
            ])
        ),
    ])
}
