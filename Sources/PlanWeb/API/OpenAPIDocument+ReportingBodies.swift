import Foundation
import PlanCore
import PlanServices
import PlanStore

/// The request bodies of data collection, supervision and alert delivery: the fields the routes
/// decode (`ReportingAPIModels`, `SupervisionAPIModels`, `DeliveryRoutes`) and the bounds the
/// services enforce. Every text is also refused with a control character in it (line breaks and
/// tabs allowed in reasons, comments, explanations and narratives): `TextInput`.
extension OpenAPIDocument {
    /// `POST /session` (`AccountService.login`): a name longer than 64 characters or a password
    /// beyond 1,024 fails like a wrong one, so no bound is written.
    static let sessionBody = JSONSchema.object([
        .required("username", JSONSchema.string("The user name")),
        .required("password", JSONSchema.string("The password")),
    ])

    /// `POST /tokens`: the label is cut to 100 characters, not refused.
    static let tokenBody = JSONSchema.object([
        .optional("label", JSONSchema.string("A label to tell the token apart (default api; cut to its first 100 characters)"))
    ])

    /// `PUT /units/{code}/calendar` (`ReportingService.replaceCalendar`).
    static let calendarBody = JSONSchema.object([
        .required(
            "entries",
            JSONSchema.array(
                JSONSchema.object([
                    .required("indicator_key", JSONSchema.string("An indicator of the plan; one line per indicator and frequency")),
                    .required("frequency", JSONSchema.string(enumeration: Frequency.allCases.map(\.rawValue))),
                    .required("first_year", JSONSchema.integer("The first year reported", minimum: 1990, maximum: 2100)),
                    .required("due_days", JSONSchema.integer("Days after the period ends that the figures are due", minimum: 0, maximum: 36_600)),
                    .required(
                        "lock_days",
                        JSONSchema.integer("Days after the period ends that it locks: at least due_days", minimum: 0, maximum: 36_600)),
                ]), "The whole calendar: it replaces the unit's")
        )
    ])

    /// A workflow reason of data collection (`ReportingService.checkReason`): at most 500 characters.
    static func reportingReason(_ description: String, minLength: Int? = nil) -> JSONValue {
        JSONSchema.string(description, minLength: minLength, maxLength: ReportingService.maxReasonLength)
    }

    /// `POST /units/{code}/periods/{period}/observations` (`ReportingService.save`, `ReportBatch.check`).
    static let observationBatchBody = JSONSchema.object([
        .required(
            "values",
            JSONSchema.array(
                JSONSchema.object([
                    .required("indicator_key", JSONSchema.string("An indicator the unit reports at the period's frequency")),
                    .required("value", JSONSchema.numberOrString("The figure: a number, or text such as \"1,234.5\"")),
                    .optional("unit", JSONSchema.string("The unit the value is written in (default the indicator's own)")),
                    .optional("comment", JSONSchema.string(maxLength: ReportBatch.maxTextLength)),
                    .optional(
                        "explanation",
                        JSONSchema.string("Why a flagged value is right: needed before submitting", maxLength: ReportBatch.maxTextLength)),
                ]), "The figures, all saved or none", minItems: 1)
        ),
        .optional("reason", reportingReason("Needed when approved figures change")),
        .optional("dry_run", JSONSchema.boolean("Only report each value's outcome")),
    ])

    static let approveBody = JSONSchema.object([.optional("reason", reportingReason("A note on the approval"))])

    /// Returning and reopening need a reason (`Workflow.returnSubmission`, `Workflow.reopen`).
    static let reportingReasonBody = JSONSchema.object([
        .required("reason", reportingReason("Why (not blank)", minLength: 1))
    ])

    /// The role a user has (`Role`).
    static let roleSchema = JSONSchema.string(enumeration: Role.allCases.map(\.rawValue))

    /// A new password (`PasswordPolicy.problem`): 10 to 1,024 characters, not the user name, not
    /// common or a run.
    static let passwordSchema = JSONSchema.string(
        "At least 10 characters, not the user name, not a common password, a run or a repetition",
        minLength: PasswordPolicy.minimumLength, maxLength: 1024)

    /// `POST /users` (`AccountService.createUser`).
    static let userCreateBody = JSONSchema.object([
        .required(
            "username",
            JSONSchema.string("Letters, digits, dots, dashes or underscores", minLength: 2, maxLength: 64, pattern: "^[A-Za-z0-9._-]{2,64}$")),
        .optional("display_name", JSONSchema.string("The name shown (default the user name)", maxLength: 100)),
        .required("unit_code", JSONSchema.string("A reporting unit")),
        .required("role", roleSchema),
        .required("password", passwordSchema),
    ])

    /// `PATCH /users/{username}` (`AccountService.updateUser`): only what changes.
    static let userPatchBody = JSONSchema.object([
        .optional("role", roleSchema),
        .optional("unit_code", JSONSchema.string("A reporting unit")),
        .optional("disabled", JSONSchema.boolean()),
        .optional("password", passwordSchema),
    ])

    /// A month as `Period` reads it (white space around allowed).
    static let monthPattern = "^\\s*[0-9]{4}-(0[1-9]|1[0-2])\\s*$"

    /// `POST /tasks/{task}/progress` (`SupervisionAPIRoutes`, `SupervisionService.reportProgress`).
    static let progressBody = JSONSchema.object([
        .required("unit", JSONSchema.string("A lead unit of the task")),
        .optional("period", JSONSchema.string("The month reported on, not a later one (default this month)", pattern: monthPattern)),
        .required("status", JSONSchema.string("behind and blocked need a narrative", enumeration: TaskStatus.allCases.map(\.rawValue))),
        .required("confidence", JSONSchema.string(enumeration: DeliveryConfidence.allCases.map(\.rawValue))),
        .optional(
            "narrative",
            JSONSchema.string("What was done; at most 5,000 characters once trimmed", maxLength: SupervisionService.maxNarrative)),
        .optional(
            "milestones_done", JSONSchema.array(JSONSchema.integer("A milestone of the task by number", minimum: 1), "Milestones done")),
        .optional("submit", JSONSchema.boolean("Submit for review after saving")),
    ])

    /// Returning a task report needs a reason (`ProgressWorkflow.returnReport`).
    static let progressReturnBody = JSONSchema.object([
        .required("reason", JSONSchema.string("Why (not blank)", minLength: 1))
    ])

    /// `POST /inbox/marks` (`SupervisionPageRoutes.mark`).
    static let markBody = JSONSchema.object([
        .required("key", JSONSchema.string("The alert's key, as the inbox lists it")),
        .required("mark", JSONSchema.string("clear removes the caller's mark", enumeration: AlertMark.Kind.allCases.map(\.rawValue) + ["clear"])),
    ])

    /// `POST /subscriptions` (`DeliveryService.subscribe`, `DeliveryChannel.problem(with:)`).
    static let subscriptionBody = JSONSchema.object([
        .required("channel", JSONSchema.string(enumeration: DeliveryChannel.allCases.map(\.rawValue))),
        .required(
            "target",
            JSONSchema.string(
                "An http(s) address for webhook, wecom and dingtalk (at most 2,000 characters); an e-mail address for email (at most 254)",
                minLength: 1, maxLength: 2000)),
        .optional("unit", JSONSchema.string("Send this unit's alerts rather than the caller's inbox")),
    ])
}
