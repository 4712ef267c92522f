import Foundation

/// The major-project library's operations of `/api/v1`.
extension OpenAPIDocument {
    static let projectFilter: [(name: String, location: String, type: String, required: Bool, description: String)] = [
        ("city", "query", "string", false, "Only projects in this city (370100)"),
        ("sector", "query", "string", false, "Only this sector (equipment, energy_materials, transport, …)"),
        ("stage", "query", "string", false, "declared, not_selected, reserve, rolling, annual, started, completed, evaluated or withdrawn"),
        ("rag", "query", "string", false, "red, yellow, green or none"),
        ("article", "query", "integer", false, "Only projects serving this article"),
        ("target", "query", "string", false, "Only projects serving this target"),
        ("unit", "query", "string", false, "Only projects of this declaring unit"),
        ("year", "query", "integer", false, "Only projects of this declaration window"),
        ("q", "query", "string", false, "Name, code or owner contains"),
    ]
    static let projectCode: (name: String, location: String, type: String, required: Bool, description: String) = (
        "code", "path", "string", true, "The national investment project code, 2026-370102-44-01-000001"
    )
    static let projectYear: (name: String, location: String, type: String, required: Bool, description: String) = (
        "year", "path", "integer", true, "The declaration window's year"
    )
    static let importQuery: [(name: String, location: String, type: String, required: Bool, description: String)] = [
        ("dry_run", "query", "boolean", false, "Report what the import would do and keep nothing"),
        ("sheet", "query", "string", false, "The XLSX sheet (default the first)"),
        ("filename", "query", "string", false, "The file's name, for the audit log"),
    ]

    static let projectOperations: [WriteOperation] = [
        WriteOperation(
            method: "get", path: "/api/v1/projects",
            summary: "The library's projects the caller may see (the published list for the public), red first, with colour and figures",
            parameters: projectFilter + [
                ("page", "query", "integer", false, "Page, from 1"), ("per_page", "query", "integer", false, "1–500, default 50"),
            ], body: nil, success: "200", errors: ["400"], authenticated: false),
        WriteOperation(
            method: "get", path: "/api/v1/projects/export", summary: "The projects as XLSX or CSV in the declaration layout",
            parameters: projectFilter + [("format", "query", "string", false, "xlsx (default) or csv")], body: nil, success: "200", errors: ["400"],
            authenticated: false, result: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        WriteOperation(
            method: "get", path: "/api/v1/projects/export.oc4ids.json",
            summary: "The public list as an OC4IDS 0.9 project package (amounts in CNY, status and sector from the standard's codelists)",
            parameters: [], body: nil, success: "200", errors: [], authenticated: false),
        WriteOperation(
            method: "get", path: "/api/v1/projects/reports/export",
            summary: "Monthly dispatch reports as XLSX or CSV (approved ones; drafts for the unit's readers)",
            parameters: [
                ("month", "query", "string", false, "Only this month (2026-10)"), ("code", "query", "string", false, "Only this project"),
                ("format", "query", "string", false, "xlsx (default) or csv"),
            ], body: nil, success: "200", errors: ["400"], authenticated: false,
            result: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        WriteOperation(
            method: "get", path: "/api/v1/projects/rollup",
            summary: "Plan versus actual by city, sector, article or target, the groups with most red first",
            parameters: [("by", "query", "string", false, "city (default), sector, article or target")] + projectFilter, body: nil, success: "200",
            errors: ["400"], authenticated: false),
        WriteOperation(
            method: "get", path: "/api/v1/projects/problems", summary: "Problems raised in monthly reports, with owner, due day, closure and order",
            parameters: [], body: nil, success: "200", errors: [], authenticated: false, result: "array"),
        WriteOperation(
            method: "get", path: "/api/v1/projects/rules", summary: "The red/yellow/green rules and the reports' due day", parameters: [], body: nil,
            success: "200", errors: [], authenticated: false),
        WriteOperation(
            method: "put", path: "/api/v1/projects/rules", summary: "Change the rules (office)", parameters: [],
            body: (
                "investment_red_gap, investment_yellow_gap, progress_red_gap, progress_yellow_gap, start_late_red_days, start_late_yellow_days, silent_red_months, due_day",
                "application/json"
            ), bodySchema: projectRulesBody,
            success: "200", errors: ["400", "401", "403", "422"], authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/projects/windows", summary: "Declaration windows, the latest first", parameters: [], body: nil,
            success: "200",
            errors: [], authenticated: false, result: "array"),
        WriteOperation(
            method: "post", path: "/api/v1/projects/windows", summary: "Open (or change) a year's declaration window with its criteria (office)",
            parameters: [], body: ("year, opens, closes (2026-01-15), criteria", "application/json"), bodySchema: windowBody, success: "201",
            errors: ["400", "401", "403", "409", "422"], authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/projects/windows/{year}/declarations",
            summary: "Declare projects from a file (XLSX, or CSV in UTF-8 or GBK) into an open window; every problem with its line; all or nothing",
            parameters: [projectYear] + importQuery, body: ("The file's bytes", "application/octet-stream"), success: "200",
            errors: ["400", "401", "403", "409", "413", "422"], authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/projects/windows/{year}/admit",
            summary: "Admit declared projects at the tier each was declared for; optionally mark the rest not selected (office)",
            parameters: [projectYear],
            body: ("codes, reject_others, reason", "application/json"), bodySchema: admitBody, success: "204", errors: ["400", "401", "403", "409"],
            authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/projects/windows/{year}/publish",
            summary: "Publish a year's list; the fed indicators are written (office)",
            parameters: [projectYear], body: nil, success: "204", errors: ["401", "403", "404", "409"], authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/projects/reports",
            summary: "Monthly dispatch reports from a file (项目代码, 月份, 本月完成投资, 累计完成投资, 形象进度, …); all or nothing; the unit's reporters",
            parameters: importQuery, body: ("The file's bytes", "application/octet-stream"), success: "200",
            errors: ["400", "401", "403", "409", "413", "422"],
            authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/projects/reports/review",
            summary: "Approve or return reports awaiting review (the unit's reviewers, the office); approval feeds the investment indicator",
            parameters: [],
            body: ("reports [{code, month}], approve, note", "application/json"), bodySchema: reportReviewBody, success: "200",
            errors: ["400", "401", "403", "404", "409", "422"],
            authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/projects/adjustments/{id}/decision",
            summary: "Approve (a new version) or return an adjustment request (office)",
            parameters: [("id", "path", "integer", true, "The request's number")], body: ("approve, note", "application/json"),
            bodySchema: adjustmentDecisionBody, success: "200",
            errors: ["400", "401", "403", "409", "422"], authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/projects/problems/{id}/close",
            summary: "Close a problem with how it was solved (those who approve for its unit)",
            parameters: [("id", "path", "integer", true, "The problem's number")], body: ("note", "application/json"), bodySchema: problemCloseBody,
            success: "204",
            errors: ["400", "401", "403", "404", "409", "422"], authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/projects/problems/{id}/order",
            summary: "Make a problem a supervision order to its unit in one step (who may issue orders to that unit)",
            parameters: [("id", "path", "integer", true, "The problem's number")],
            body: ("level (general, key, listed; default key)", "application/json"), bodySchema: problemOrderBody,
            success: "201", errors: ["400", "401", "403", "404", "409", "422"], authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/projects/{code}",
            summary: "One project with its colour, stage history, versions, adjustments, reports and problems", parameters: [projectCode], body: nil,
            success: "200", errors: ["404"], authenticated: false),
        WriteOperation(
            method: "post", path: "/api/v1/projects/{code}/reviews", summary: "A reviewer's score (0–100) and comment on a declared project",
            parameters: [projectCode], body: ("score, comment", "application/json"), bodySchema: projectReviewBody, success: "204",
            errors: ["400", "401", "403", "404", "409", "422"],
            authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/projects/{code}/moves", summary: "Move a project to a next stage on a day, with a reason (office)",
            parameters: [projectCode], body: ("stage, day, reason", "application/json"), bodySchema: projectMoveBody, success: "200",
            errors: ["400", "401", "403", "404", "409", "422"],
            authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/projects/{code}/adjustments",
            summary: "Ask to change an admitted project's scope, investment or schedule, or to withdraw it (the project's unit)",
            parameters: [projectCode],
            body: ("kind (scope, investment, schedule, withdraw), changes {column: value}, reason", "application/json"),
            bodySchema: adjustmentBody, success: "201",
            errors: ["400", "401", "403", "404", "409", "422"], authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/articles/{number}/delivery",
            summary:
                "An article's delivery: targets with status, tasks, policies, projects with colour, open orders, and whether work and data disagree",
            parameters: [("number", "path", "integer", true, "The article's number")], body: nil, success: "200", errors: ["404"],
            authenticated: false),
    ]
}
