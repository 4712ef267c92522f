import Foundation

/// The alert-delivery operations of `/api/v1`.
extension OpenAPIDocument {
    static let deliveryOperations: [WriteOperation] = [
        WriteOperation(
            method: "get", path: "/api/v1/subscriptions", summary: "The caller's subscriptions and those of the units they manage", parameters: [],
            body: nil, success: "200", errors: ["401"], authenticated: true, result: "array"),
        WriteOperation(
            method: "post", path: "/api/v1/subscriptions",
            summary:
                "Send alerts on: the caller's inbox, or a unit's alerts (the office; the unit's reviewer), to a JSON webhook, a WeCom or DingTalk robot, or e-mail",
            parameters: [], body: ("{channel: webhook|wecom|dingtalk|email, target, unit?}", "application/json"),
            bodySchema: subscriptionBody, success: "201",
            errors: ["400", "401", "403", "409", "422"], authenticated: true),
        WriteOperation(
            method: "delete", path: "/api/v1/subscriptions/{id}", summary: "Remove a subscription",
            parameters: [("id", "path", "string", true, "The subscription's id")], body: nil, success: "204", errors: ["401", "404"],
            authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/deliveries", summary: "The outbox the caller may see: each message's state, attempts and last error",
            parameters: [], body: nil, success: "200", errors: ["401"], authenticated: true, result: "array"),
        WriteOperation(
            method: "post", path: "/api/v1/deliveries/run", summary: "Enqueue the digests new alerts call for and send what is due, now (the office)",
            parameters: [], body: nil, success: "200", errors: ["401", "403"], authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/deliveries/{id}/retry", summary: "Send a failed message again",
            parameters: [("id", "path", "string", true, "The message's id")], body: nil, success: "204", errors: ["401", "404", "409"],
            authenticated: true),
    ]
}
