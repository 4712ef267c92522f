import Foundation

/// The stocktake operations of `/api/v1`.
extension OpenAPIDocument {
    static let stocktakeID = [
        (
            name: "id", location: "path", type: "string", required: true,
            description: "The stocktake: day-scope (2026-12-10-province, 2026-12-10-chapter-5, 2026-12-10-370100)"
        )
    ]

    static let stocktakeOperations: [WriteOperation] = [
        WriteOperation(
            method: "get", path: "/api/v1/stocktakes", summary: "The stocktakes the caller may read (the province's, or their city's)",
            parameters: [],
            body: nil, success: "200", errors: ["401"], authenticated: true, result: "array"),
        WriteOperation(
            method: "post", path: "/api/v1/stocktakes",
            summary: "Open a stocktake for a meeting day and scope, keeping the targets' statuses of the day (the office)", parameters: [],
            body: ("{date: 2026-12-10, scope?: province|chapter-N|city code}", "application/json"), bodySchema: stocktakeBody, success: "201",
            errors: ["400", "401", "403", "404", "409"], authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/stocktakes/{id}",
            summary:
                "The pack: targets off trajectory (binding first, by gap), movers since the previous stocktake, divergences, overdue work by unit, open orders, units with poor reporting diligence last month, decisions and what became of the previous ones",
            parameters: stocktakeID, body: nil, success: "200", errors: ["401", "403", "404"], authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/stocktakes/{id}/pdf",
            summary: "The pack as a PDF (headless Chromium; 503 with the reason when it is not installed)",
            parameters: stocktakeID, body: nil, success: "200", errors: ["401", "403", "404", "503"], authenticated: true, result: "application/pdf"),
        WriteOperation(
            method: "post", path: "/api/v1/stocktakes/{id}/decisions",
            summary: "Record a decision; an order (to `unit`, due `due`) or a work task (led by `unit`) is made of it in the same step (the office)",
            parameters: stocktakeID,
            body: ("{text, kind: order|task|note, unit?, due?, level?: general|key|listed}", "application/json"), bodySchema: decisionBody,
            success: "201",
            errors: ["400", "401", "403", "404", "409", "422"], authenticated: true),
    ]

    static let diligenceOperations: [WriteOperation] = [
        WriteOperation(
            method: "get", path: "/api/v1/diligence",
            summary:
                "Reporting diligence of every unit the caller may see over a month or a year, lowest score first: obligations due and on time, items expected and present, figures changed after the deadline, outliers, task reports with evidence, the shares and the score (0–100)",
            parameters: [
                (name: "month", location: "query", type: "string", required: false, description: "A month such as 2026-11 (default: last month)"),
                (
                    name: "year", location: "query", type: "integer", required: false,
                    description: "A whole year instead (to this month in the current year)"
                ),
            ], body: nil, success: "200", errors: ["400", "401"], authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/units/{code}/diligence", summary: "A unit's reporting diligence month by month, newest first",
            parameters: [
                (name: "code", location: "path", type: "string", required: true, description: "The unit's code"),
                (name: "months", location: "query", type: "integer", required: false, description: "How many months (1–36, default 12)"),
            ], body: nil, success: "200", errors: ["400", "401", "403", "404"], authenticated: true, result: "array"),
    ]
}

/// The assessment operations of `/api/v1`.
extension OpenAPIDocument {
    static let roundID = [(name: "id", location: "path", type: "string", required: true, description: "The round: year-number (2024-1)")]

    static let assessmentOperations: [WriteOperation] = [
        WriteOperation(
            method: "get", path: "/api/v1/assessment/schemes", summary: "Every version of every assessment scheme, newest first within each",
            parameters: [], body: nil, success: "200", errors: ["401"], authenticated: true, result: "array"),
        WriteOperation(
            method: "post", path: "/api/v1/assessment/schemes",
            summary: "Save a scheme (YAML, docs/assessment-scheme.md) as a new version, after checking it against the plan (the office)",
            parameters: [], body: ("{id: city-2024, body: YAML text, note?}", "application/json"), bodySchema: schemeBody, success: "201",
            errors: ["400", "401", "403", "409", "413", "422"], authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/assessment/schemes/{id}", summary: "A scheme's latest version, or `version`",
            parameters: [
                (name: "id", location: "path", type: "string", required: true, description: "The scheme's id"),
                (name: "version", location: "query", type: "integer", required: false, description: "A version (default the latest)"),
            ], body: nil, success: "200", errors: ["400", "401", "404"], authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/assessment/rounds", summary: "The rounds (published ones without a login)", parameters: [], body: nil,
            success: "200", errors: [], authenticated: false, result: "array"),
        WriteOperation(
            method: "post", path: "/api/v1/assessment/rounds",
            summary: "Open a round for a year with a scheme version and a data cut-off (the office)",
            parameters: [], body: ("{year: 2024, scheme: city-2024, version: 1, cutoff: 2025-03-31}", "application/json"), bodySchema: roundBody,
            success: "201",
            errors: ["400", "401", "403", "404"], authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/assessment/rounds/{id}",
            summary:
                "A round with its snapshots and results from the latest one: every unit's for the office and after publication, the caller's own unit's before",
            parameters: roundID, body: nil, success: "200", errors: ["401", "404"], authenticated: false),
        WriteOperation(
            method: "post", path: "/api/v1/assessment/rounds/{id}/freeze",
            summary:
                "Freeze the approved observations up to the round's year into a new snapshot (again only with a reason; the earlier one is kept)",
            parameters: roundID, body: ("{reason?}", "application/json"), bodySchema: freezeBody, success: "200",
            errors: ["400", "401", "403", "404", "409"],
            authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/assessment/rounds/{id}/publish", summary: "Publish a frozen round: its results become public",
            parameters: roundID, body: nil, success: "200", errors: ["401", "403", "404", "409"], authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/assessment/rounds/{id}/units/{code}",
            summary: "A unit's score sheet: every line's base, milestone, latest value and their sources, Q, f(Q) and points",
            parameters: roundID + [
                (name: "code", location: "path", type: "string", required: true, description: "The unit (a city's code)"),
                (name: "snapshot", location: "query", type: "integer", required: false, description: "An earlier snapshot (default the latest)"),
            ], body: nil, success: "200", errors: ["400", "401", "403", "404", "409"], authenticated: false),
        WriteOperation(
            method: "get", path: "/api/v1/assessment/rounds/{id}/what-if",
            summary:
                "Each unit's frozen total, grade and rank beside those changed scheme parameters would give; nothing is saved (the office; anyone after publication)",
            parameters: roundID + [
                (name: "veto", location: "query", type: "string", required: false, description: "0 or 1: the veto on binding targets"),
                (name: "bonus_rate", location: "query", type: "number", required: false, description: "The bonus rate (0–1)"),
                (name: "bonus_cap", location: "query", type: "number", required: false, description: "The bonus cap (0–1)"),
                (name: "grades", location: "query", type: "string", required: false, description: "Grade minimums, best first: 90,80,60,0"),
                (
                    name: "v.UNIT.TARGET", location: "query", type: "number", required: false,
                    description: "A unit's value for the year in place of the frozen one, such as v.370100.C02-2=2.4"
                ),
            ], body: nil, success: "200", errors: ["400", "401", "403", "404", "409", "422"], authenticated: false),
        WriteOperation(
            method: "get", path: "/api/v1/assessment/rounds/{id}/export", summary: "Every unit's result with its rank band, as XLSX or CSV",
            parameters: roundID + [(name: "format", location: "query", type: "string", required: false, description: "xlsx (default) or csv")],
            body: nil, success: "200", errors: ["400", "401", "403", "404", "409"], authenticated: false,
            result: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ]
}
