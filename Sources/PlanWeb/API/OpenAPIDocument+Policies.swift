import Foundation

/// The policy-list operations of `/api/v1`.
extension OpenAPIDocument {
    static let policyOperations: [WriteOperation] = [
        WriteOperation(
            method: "get", path: "/api/v1/policies",
            summary: "The policy list: each policy with its issuing units, articles, planned and actual issue, document number and status",
            parameters: [
                ("status", "query", "string", false, "all (default), planned, drafting, issued or expired"),
                ("article", "query", "integer", false, "Only the policies of this article"),
                ("unit", "query", "string", false, "Only the policies this unit issues (alone or jointly)"),
            ], body: nil, success: "200", errors: ["400"], authenticated: false, result: "array"),
        WriteOperation(
            method: "get", path: "/api/v1/policies/export", summary: "The policy list as XLSX, in the layout it is imported in", parameters: [],
            body: nil, success: "200", errors: [], authenticated: false,
            result: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        WriteOperation(
            method: "post", path: "/api/v1/policies/imports",
            summary:
                "Import a policy list (XLSX, or CSV in UTF-8 or GBK) with 序号, 政策名称, 发文单位, 计划出台时间, 状态 (optionally 文号, 对应条款, 实际印发时间, 链接, 备注); all or nothing (office)",
            parameters: [
                ("dry_run", "query", "boolean", false, "Report what the import would do and keep nothing"),
                ("sheet", "query", "string", false, "The XLSX sheet (default the first)"),
                ("filename", "query", "string", false, "The file's name, for the audit log"),
            ], body: ("The file's bytes", "application/octet-stream"), success: "200", errors: ["400", "401", "403", "413", "422"],
            authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/policies/{number}", summary: "One policy",
            parameters: [("number", "path", "string", true, "The policy's number in the list")], body: nil, success: "200", errors: ["404"],
            authenticated: false),
    ]
}
