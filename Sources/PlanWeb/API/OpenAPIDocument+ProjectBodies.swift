import Foundation
import PlanCore
import PlanServices

/// The request bodies of the major-project library: the fields the routes decode
/// (`ProjectAPIModels`, `ProjectRules`) and the bounds the services enforce. Texts with a control
/// character are refused (`TextInput`).
extension OpenAPIDocument {
    /// `PUT /projects/rules` (`ProjectRules.problems`): every rule, each in its range; a yellow gap
    /// or delay not above the red one.
    static let projectRulesBody = JSONSchema.object([
        .required(
            "investment_red_gap", JSONSchema.number("Red when investment is this many points behind the year's share", minimum: 0, maximum: 100)),
        .required("investment_yellow_gap", JSONSchema.number("Yellow when this many: not above the red gap", minimum: 0, maximum: 100)),
        .required("progress_red_gap", JSONSchema.number("Red when progress is this many points behind the schedule", minimum: 0, maximum: 100)),
        .required("progress_yellow_gap", JSONSchema.number("Yellow when this many: not above the red gap", minimum: 0, maximum: 100)),
        .required("start_late_red_days", JSONSchema.integer("Red when not started this many days late", minimum: 0, maximum: 3650)),
        .required("start_late_yellow_days", JSONSchema.integer("Yellow when this many: not above the red delay", minimum: 0, maximum: 3650)),
        .required("silent_red_months", JSONSchema.integer("Red when no report is approved for this many months", minimum: 1, maximum: 24)),
        .required("due_day", JSONSchema.integer("Reports on a month are due on this day of the next month", minimum: 1, maximum: 28)),
    ])

    /// `POST /projects/windows` (`ProjectService.openWindow`).
    static let windowBody = JSONSchema.object([
        .required("year", JSONSchema.integer(minimum: 2000, maximum: 2100)),
        .required("opens", JSONSchema.string("The first day of the window", format: "date")),
        .required("closes", JSONSchema.string("The last day of the window, not before opens", format: "date")),
        .required("criteria", JSONSchema.string("The selection criteria (not blank)", minLength: 1, maxLength: 4000)),
    ])

    /// `POST /projects/windows/{year}/admit` (`ProjectService.admit`).
    static let admitBody = JSONSchema.object([
        .required(
            "codes",
            JSONSchema.array(
                JSONSchema.string("A declaration of the year awaiting selection"), "Projects to admit (may be empty to reject all others)")),
        .optional("reject_others", JSONSchema.boolean("Mark the year's other declarations not selected")),
        .optional("reason", JSONSchema.string("Kept with the decision (default: the year's annual selection)")),
    ])

    /// `POST /projects/reports/review` (`ProjectAPIRoutes`, `ProjectService.reviewReports`).
    static let reportReviewBody = JSONSchema.object([
        .required(
            "reports",
            JSONSchema.array(
                JSONSchema.object([
                    .required("code", JSONSchema.string("The project's code")),
                    .required("month", JSONSchema.string("The month reported on, such as 2025-03", pattern: monthPattern)),
                ]), "Reports awaiting review")),
        .required("approve", JSONSchema.boolean("true approves, false returns")),
        .optional("note", JSONSchema.string("Needed when returning")),
    ])

    /// `POST /projects/adjustments/{id}/decision` (`ProjectService.decideAdjustment`).
    static let adjustmentDecisionBody = JSONSchema.object([
        .required("approve", JSONSchema.boolean("true approves (a new version), false returns")),
        .optional("note", JSONSchema.string("Needed when returning")),
    ])

    /// `POST /projects/problems/{id}/close` (`ProjectService.closeProblem`).
    static let problemCloseBody = JSONSchema.object([
        .required("note", JSONSchema.string("How the problem was solved (not blank)", minLength: 1))
    ])

    /// `POST /projects/problems/{id}/order` (`ProjectService.escalateProblem`).
    static let problemOrderBody = JSONSchema.object([
        .optional("level", JSONSchema.string("The order's level (default key)", enumeration: OrderLevel.allCases.map(\.rawValue)))
    ])

    /// `POST /projects/{code}/reviews` (`ProjectService.review`).
    static let projectReviewBody = JSONSchema.object([
        .required("score", JSONSchema.number(minimum: 0, maximum: 100)),
        .optional("comment", JSONSchema.string(maxLength: 2000)),
    ])

    /// `POST /projects/{code}/moves` (`ProjectService.move`).
    static let projectMoveBody = JSONSchema.object([
        .required("stage", JSONSchema.string("A stage the project can move to", enumeration: ProjectStage.allCases.map(\.rawValue))),
        .optional("day", JSONSchema.string("The day it happened, not after today (default today)", format: "date")),
        .required("reason", JSONSchema.string("Why (not blank)", minLength: 1)),
    ])

    /// The registry columns an adjustment may change (`ProjectService.requestAdjustment`).
    static let adjustableColumns = ProjectFile.columns.map(\.key).filter { !["code", "unit", "county", "tier"].contains($0) }

    /// `POST /projects/{code}/adjustments` (`ProjectService.requestAdjustment`).
    static let adjustmentBody = JSONSchema.object([
        .required("kind", JSONSchema.string(enumeration: AdjustmentKind.allCases.map(\.rawValue))),
        .optional(
            "changes",
            JSONSchema.map(
                JSONSchema.string(),
                "The new values by registry column, written as the workbook writes them; other columns are ignored: "
                    + adjustableColumns.joined(separator: ", "))),
        .required("reason", JSONSchema.string("Why (not blank; at most 2,000 characters once trimmed)", minLength: 1, maxLength: 2000)),
    ])
}
