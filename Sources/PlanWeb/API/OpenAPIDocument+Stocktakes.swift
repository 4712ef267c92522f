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
            body: ("{date: 2026-12-10, scope?: province|chapter-N|city code}", "application/json"), success: "201",
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
            body: ("{text, kind: order|task|note, unit?, due?, level?: general|key|listed}", "application/json"), success: "201",
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
