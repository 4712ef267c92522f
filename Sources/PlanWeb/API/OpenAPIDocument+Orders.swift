import Foundation

/// The supervision-order operations of `/api/v1`.
extension OpenAPIDocument {
    static let ledgerFilter: [(name: String, location: String, type: String, required: Bool, description: String)] = [
        ("show", "query", "string", false, "open (default), overdue, answered, closed or all"),
        ("unit", "query", "string", false, "Only this unit's orders and those of the units below it"),
        ("level", "query", "string", false, "general, key or listed"),
        ("sort", "query", "string", false, "urgency (default: overdue longest, then due soonest) or age (oldest first)"),
    ]

    static let orderID = [(name: "id", location: "path", type: "string", required: true, description: "Order id: year-number (2026-7)")]

    static let orderOperations: [WriteOperation] = [
        WriteOperation(
            method: "get", path: "/api/v1/orders",
            summary: "The supervision-order ledger the caller may see (orders of units whose status they may see)", parameters: ledgerFilter,
            body: nil, success: "200", errors: ["400", "401", "404"], authenticated: true, result: "array"),
        WriteOperation(
            method: "get", path: "/api/v1/orders/export", summary: "The same ledger as XLSX", parameters: ledgerFilter, body: nil, success: "200",
            errors: ["400", "401", "404"], authenticated: true, result: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        WriteOperation(
            method: "post", path: "/api/v1/orders",
            summary: "Issue a supervision order to a unit (the office anywhere; a reviewer to the units below its own)", parameters: [],
            body: (
                "{unit, matter, requirement, due: 2026-12-31, level?: general|key|listed, subject?: target:ID|task:ID|other, note?}",
                "application/json"
            ), bodySchema: orderBody, success: "201", errors: ["400", "401", "403", "422"], authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/orders/{id}", summary: "One order with its full history and the evidence of its answers",
            parameters: orderID, body: nil, success: "200", errors: ["401", "403", "404"], authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/orders/{id}/sign", summary: "Sign for an order (its unit)", parameters: orderID, body: nil,
            success: "200", errors: ["401", "403", "404", "409"], authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/orders/{id}/answer",
            summary:
                "Answer an order with the measures taken (its unit); evidence files go as multipart/form-data parts named evidence beside a text part",
            parameters: orderID, body: ("{text}, or multipart/form-data with text and evidence files", "application/json"), bodySchema: orderTextBody,
            bodyAlternative: ("multipart/form-data", orderAnswerForm), success: "200", errors: ["400", "401", "403", "404", "409", "413", "422"],
            authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/orders/{id}/close", summary: "Accept the answer and close the order (销号; the issuing side)",
            parameters: orderID, body: ("{text?}", "application/json"), bodySchema: orderCloseBody, success: "200",
            errors: ["401", "403", "404", "409"], authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/orders/{id}/return", summary: "Send the answer back with a reason (the issuing side)",
            parameters: orderID, body: ("{text}", "application/json"), bodySchema: orderTextBody, success: "200",
            errors: ["401", "403", "404", "409"],
            authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/order-files/{id}", summary: "Download an evidence file of an order's answer",
            parameters: [("id", "path", "string", true, "The file's id")], body: nil, success: "200", errors: ["401", "403", "404"],
            authenticated: true, result: "application/octet-stream"),
    ]
}
