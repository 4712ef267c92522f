import Foundation

/// The supervision operations of `/api/v1`: the responsibility list, task progress with evidence
/// and its review, and each person's alerts.
extension OpenAPIDocument {
    static let taskReport: [(name: String, location: String, type: String, required: Bool, description: String)] = [
        ("task", "path", "string", true, "Task id: year-number (2026-3)"),
        ("code", "path", "string", true, "The lead unit reporting (370100, dept-energy, …)"),
        ("month", "path", "string", true, "The month reported on: 2026-11"),
    ]

    static let supervisionOperations: [WriteOperation] = [
        WriteOperation(
            method: "get", path: "/api/v1/tasks",
            summary: "The responsibility list: work tasks with units, deadline, article, targets and milestones",
            parameters: [
                ("year", "query", "integer", false, "Only this year's tasks"),
                ("unit", "query", "string", false, "Only tasks naming this unit (lead or cooperating)"),
            ], body: nil, success: "200", errors: ["400"], authenticated: false, result: "array"),
        WriteOperation(
            method: "get", path: "/api/v1/tasks/export", summary: "The responsibility list as XLSX, in the layout it is imported in",
            parameters: [("year", "query", "integer", false, "Only this year's tasks")], body: nil, success: "200", errors: ["400"],
            authenticated: false, result: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        WriteOperation(
            method: "post", path: "/api/v1/tasks/imports",
            summary:
                "Import a responsibility list (XLSX, or CSV in UTF-8 or GBK) with 序号, 重点任务, 牵头单位, 配合单位, 完成时限, 对应条款 (optionally 年度, 关联目标, 阶段节点, 交付成果); all or nothing (office)",
            parameters: [
                ("year", "query", "integer", false, "The year of rows without 年度 (default this year)"),
                ("dry_run", "query", "boolean", false, "Report what the import would do and keep nothing"),
                ("sheet", "query", "string", false, "The XLSX sheet (default the first)"),
                ("filename", "query", "string", false, "The file's name, for the audit log"),
            ], body: ("The file's bytes", "application/octet-stream"), success: "200", errors: ["400", "401", "403", "413", "422"],
            authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/tasks/{task}",
            summary: "One task with the progress reports the caller may read, divergences and the status of its targets",
            parameters: [("task", "path", "string", true, "Task id: year-number (2026-3)")], body: nil, success: "200", errors: ["404"],
            authenticated: false),
        WriteOperation(
            method: "post", path: "/api/v1/tasks/{task}/progress",
            summary: "Save a lead unit's report for a month (this month by default) as a draft, or submit it",
            parameters: [("task", "path", "string", true, "Task id: year-number (2026-3)")],
            body: (
                "{unit, period?, status: not_started|on_schedule|behind|done|blocked, confidence: high|medium_high|medium_low|low, narrative?, milestones_done?: [1], submit?}",
                "application/json"
            ), bodySchema: progressBody, success: "200", errors: ["400", "401", "403", "404", "409", "413", "422"], authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/tasks/{task}/progress/{code}/{month}/evidence",
            summary: "Attach an evidence file (PDF, OFD, image or Office document, at most 10 MB, 5 per report) to a draft or returned report",
            parameters: taskReport + [("filename", "query", "string", true, "The file's name with its extension")],
            body: ("The file's bytes", "application/octet-stream"), success: "201", errors: ["400", "401", "403", "404", "409", "413", "422"],
            authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/tasks/{task}/progress/{code}/{month}/submit", summary: "Submit a draft or returned report for review",
            parameters: taskReport, body: nil, success: "200", errors: ["400", "401", "403", "404", "409"], authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/tasks/{task}/progress/{code}/{month}/approve",
            summary: "Approve a submitted report (a reviewer of the unit, not its submitter)", parameters: taskReport, body: nil, success: "200",
            errors: ["400", "401", "403", "404", "409"], authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/tasks/{task}/progress/{code}/{month}/return", summary: "Return a submitted report with a reason",
            parameters: taskReport, body: ("{reason}", "application/json"), bodySchema: progressReturnBody, success: "200",
            errors: ["400", "401", "403", "404", "409"],
            authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/evidence/{id}",
            summary: "Download an evidence file (its unit's readers; approved reports' files for anyone who may see the unit)",
            parameters: [("id", "path", "string", true, "The file's id")], body: nil, success: "200", errors: ["401", "403", "404"],
            authenticated: true, result: "application/octet-stream"),
        WriteOperation(
            method: "get", path: "/api/v1/inbox",
            summary: "The caller's alerts: one digest per unit in scope, with severity, escalation and marks",
            parameters: [
                ("muted", "query", "boolean", false, "Include alerts the caller muted"),
                ("unit", "query", "string", false, "Only this unit's alerts"),
            ], body: nil, success: "200", errors: ["401"], authenticated: true, result: "array"),
        WriteOperation(
            method: "post", path: "/api/v1/inbox/marks", summary: "Acknowledge or mute an alert, or clear one's mark",
            parameters: [], body: ("{key, mark: acknowledged|muted|clear}", "application/json"), bodySchema: markBody, success: "204",
            errors: ["400", "401", "403", "404"], authenticated: true),
    ]
}
