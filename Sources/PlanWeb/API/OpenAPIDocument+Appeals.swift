import Foundation

/// The qualitative points, score-sheet PDF, appeal and incentive-pool operations of `/api/v1/assessment`.
extension OpenAPIDocument {
    static let appealSeq = [(name: "seq", location: "path", type: "integer", required: true, description: "The appeal's number within the round")]
    static let poolID = [(name: "pool", location: "path", type: "string", required: true, description: "The pool's id within the round")]

    static let appealOperations: [WriteOperation] = [
        WriteOperation(
            method: "post", path: "/api/v1/assessment/schemes/import",
            summary: "Save a scheme from a workbook (the layout `…/export` writes) as a new version, after checking it (the office)",
            parameters: [], body: ("multipart/form-data: id, note?, file (XLSX)", "multipart/form-data"), bodySchema: schemeForm, success: "201",
            errors: ["400", "401", "403", "409", "413", "422"], authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/assessment/schemes/{id}/export", summary: "A scheme version as a workbook to edit and import again",
            parameters: [
                (name: "id", location: "path", type: "string", required: true, description: "The scheme's id"),
                (name: "version", location: "query", type: "integer", required: false, description: "A version (default the latest)"),
            ], body: nil, success: "200", errors: ["400", "401", "404", "409"], authenticated: true,
            result: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        WriteOperation(
            method: "post", path: "/api/v1/assessment/rounds/{id}/units/{code}/qualitative",
            summary: "Give a unit points on one of the scheme's qualitative items with the reason, while the round is frozen (the office)",
            parameters: roundID + [(name: "code", location: "path", type: "string", required: true, description: "The unit (a city's code)")],
            body: ("{item: tasks, points: 4, reason}", "application/json"), bodySchema: qualitativeBody, success: "200",
            errors: ["400", "401", "403", "404", "409", "422"],
            authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/assessment/rounds/{id}/units/{code}/pdf",
            summary: "A unit's score sheet as PDF, printed by headless Chromium (503 when it is not installed); read as the sheet",
            parameters: roundID + [(name: "code", location: "path", type: "string", required: true, description: "The unit (a city's code)")],
            body: nil, success: "200", errors: ["401", "403", "404", "409", "503"], authenticated: false, result: "application/pdf"),
        WriteOperation(
            method: "get", path: "/api/v1/assessment/rounds/{id}/appeals",
            summary: "The round's appeals: every one for the office, the caller's unit's own for its reporters and reviewers",
            parameters: roundID, body: nil, success: "200", errors: ["401", "404"], authenticated: true, result: "array"),
        WriteOperation(
            method: "post", path: "/api/v1/assessment/rounds/{id}/appeals",
            summary:
                "Appeal a line of the caller's unit's score sheet within the window (15 days from the freeze), with a reason and optional evidence files (multipart `evidence`)",
            parameters: roundID,
            body: ("{unit: 370100, target: C02-2, reason}, or multipart/form-data with unit, target, reason and evidence files", "application/json"),
            bodySchema: appealBody, bodyAlternative: ("multipart/form-data", appealForm),
            success: "201", errors: ["400", "401", "403", "404", "409", "413", "422"], authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/assessment/rounds/{id}/appeals/{seq}", summary: "One appeal with its decision and files",
            parameters: roundID + appealSeq, body: nil, success: "200", errors: ["400", "401", "404"], authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/assessment/rounds/{id}/appeals/{seq}/accept",
            summary:
                "Accept an appeal with the corrected latest value and a reason: the line is scored again from the snapshot with the correction (the office)",
            parameters: roundID + appealSeq, body: ("{value: 41.2, reason}", "application/json"), bodySchema: appealAcceptBody, success: "200",
            errors: ["400", "401", "403", "404", "409", "422"], authenticated: true),
        WriteOperation(
            method: "post", path: "/api/v1/assessment/rounds/{id}/appeals/{seq}/reject", summary: "Reject an appeal with a reason (the office)",
            parameters: roundID + appealSeq, body: ("{reason}", "application/json"), bodySchema: appealRejectBody, success: "200",
            errors: ["400", "401", "403", "404", "409", "422"],
            authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/assessment/appeal-files/{id}", summary: "An appeal's evidence file (the appealing unit and the office)",
            parameters: [(name: "id", location: "path", type: "string", required: true, description: "The file's id")], body: nil, success: "200",
            errors: ["401", "403", "404"], authenticated: true, result: "application/octet-stream"),
    ]

    static let poolOperations: [WriteOperation] = [
        WriteOperation(
            method: "get", path: "/api/v1/assessment/rounds/{id}/pools",
            summary: "The round's incentive pools: all for the office, the confirmed ones of a published round for anyone", parameters: roundID,
            body: nil, success: "200", errors: ["401", "404"], authenticated: false, result: "array"),
        WriteOperation(
            method: "post", path: "/api/v1/assessment/rounds/{id}/pools",
            summary: "Add a pool to a frozen or published round, or replace a draft of the same id (the office)", parameters: roundID,
            body: (
                "{id: funds, name, resource: funds|land|energy, amount, rule: {kind: above-mark|tiers|attribute, mark?, weights?, attribute?, values?}, floor?, cap?, vetoed?: nothing|floor-only, decimals?}",
                "application/json"
            ), bodySchema: poolBody, success: "201", errors: ["400", "401", "403", "404", "409", "422"], authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/assessment/rounds/{id}/pools/{pool}",
            summary: "A pool with each unit's allocation line by line: as kept when confirmed, else from the current results",
            parameters: roundID + poolID, body: nil, success: "200", errors: ["401", "404"], authenticated: false),
        WriteOperation(
            method: "post", path: "/api/v1/assessment/rounds/{id}/pools/{pool}/confirm",
            summary: "Confirm a pool of a published round: its allocation is kept with the round and never changes (the office)",
            parameters: roundID + poolID, body: nil, success: "200", errors: ["401", "403", "404", "409"], authenticated: true),
        WriteOperation(
            method: "get", path: "/api/v1/assessment/rounds/{id}/pools/{pool}/export",
            summary: "A pool's allocation with the calculation, as XLSX or CSV",
            parameters: roundID + poolID + [
                (name: "format", location: "query", type: "string", required: false, description: "xlsx (default) or csv")
            ],
            body: nil, success: "200", errors: ["400", "401", "404", "409"], authenticated: false,
            result: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ]
}
