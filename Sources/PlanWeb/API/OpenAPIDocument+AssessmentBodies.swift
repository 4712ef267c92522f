import Foundation
import PlanCore
import PlanServices

/// The request bodies of supervision orders, stocktakes and the assessment: the fields the routes
/// decode (`OrderAPIRoutes`, `StocktakeRoutes`, `AssessmentAPIModels`, `AppealRoutes`,
/// `PoolRoutes`) and the bounds the services enforce. Texts with a control character are refused
/// (`TextInput`).
extension OpenAPIDocument {
    /// An order's level (`OrderLevel`).
    static let orderLevelSchema = JSONSchema.string(enumeration: OrderLevel.allCases.map(\.rawValue))

    /// Evidence files as repeated multipart parts named `evidence` (`EvidenceRules`: PDF, OFD, an
    /// image or an Office document, at most 10 MB each).
    static let evidenceParts = JSONSchema.array(
        JSONSchema.binary("A file with its name: PDF, OFD, an image or an Office document, at most 10 MB"), "Evidence files",
        maxItems: EvidenceRules.maxFiles)

    /// `POST /orders` (`SupervisionService.orderDraft`): texts are trimmed first.
    static let orderBody = JSONSchema.object([
        .required("unit", JSONSchema.string("The unit that must answer: its code or name", minLength: 1)),
        .required("matter", JSONSchema.string("What is supervised (not blank)", minLength: 1, maxLength: SupervisionService.maxOrderText)),
        .required(
            "requirement", JSONSchema.string("What the unit must do (not blank)", minLength: 1, maxLength: SupervisionService.maxOrderText)),
        .required(
            "due",
            JSONSchema.string(
                "The day the answer is due, not past: 2026-12-31 (a deadline as lists write it, such as 2026年12月底, is read too)", minLength: 1)),
        .optional("level", orderLevelSchema),
        .optional(
            "subject",
            JSONSchema.string(
                "target:ID, task:ID, policy:ID, project:CODE or other (default other)",
                pattern: "^\\s*((target|task|policy|project)\\s*:\\s*\\S.*|other(\\s*:.*)?)?\\s*$")),
        .optional("note", JSONSchema.string("A note kept with the issue")),
    ])

    /// An order's answer or return (`SupervisionService.stepOrder`, `OrderWorkflow.step`).
    static let orderTextBody = JSONSchema.object([
        .required("text", JSONSchema.string("The text (not blank)", minLength: 1, maxLength: SupervisionService.maxOrderText))
    ])

    /// An answer with evidence files.
    static let orderAnswerForm = JSONSchema.object([
        .required("text", JSONSchema.string("The measures taken (not blank)", minLength: 1, maxLength: SupervisionService.maxOrderText)),
        .optional("evidence", evidenceParts),
    ])

    static let orderCloseBody = JSONSchema.object([
        .optional("text", JSONSchema.string("A note on closing", maxLength: SupervisionService.maxOrderText))
    ])

    /// `POST /stocktakes` (`StocktakeRoutes.create`, `StocktakeScope(slug:)`).
    static let stocktakeBody = JSONSchema.object([
        .required("date", JSONSchema.string("The meeting day", format: "date")),
        .optional(
            "scope",
            JSONSchema.string(
                "province (default), chapter-N or a city's code", pattern: "^(chapter-\\+?[0-9]+|[A-Za-z0-9-]{1,20})$")),
    ])

    /// `POST /stocktakes/{id}/decisions` (`SupervisionService.decide`).
    static let decisionBody = JSONSchema.object([
        .required("text", JSONSchema.string("The decision (not blank)", minLength: 1, maxLength: SupervisionService.maxOrderText)),
        .required("kind", JSONSchema.string(enumeration: StocktakeDecision.Kind.allCases.map(\.rawValue))),
        .optional("unit", JSONSchema.string("The unit an order goes to or that leads a task (needed for order and task)")),
        .optional("due", JSONSchema.string("The order's or task's due day, such as 2026-12-31 (needed for order and task)")),
        .optional("level", JSONSchema.string("The order's level (default key)", enumeration: OrderLevel.allCases.map(\.rawValue))),
    ])

    /// A scheme's or a pool's id (`AssessmentService.validID`).
    static let assessmentID = JSONSchema.string(
        "1 to 40 lower-case letters, digits and hyphens", minLength: 1, maxLength: 40, pattern: "^[a-z0-9-]{1,40}$")

    /// `POST /assessment/schemes` (`AssessmentService.saveScheme`).
    static let schemeBody = JSONSchema.object([
        .required("id", assessmentID),
        .required("body", JSONSchema.string("The scheme in YAML (docs/assessment-scheme.md), checked against the plan")),
        .optional("note", JSONSchema.string("What changed in this version")),
    ])

    /// `POST /assessment/schemes/import`: the same as multipart parts, the scheme as a workbook.
    static let schemeForm = JSONSchema.object([
        .required("id", assessmentID),
        .optional("note", JSONSchema.string("What changed in this version")),
        .required("file", JSONSchema.binary("The XLSX workbook, as `…/export` writes it (at most 5 MB)")),
    ])

    /// `POST /assessment/rounds` (`AssessmentRoutes.open`, `AssessmentService.openRound`).
    static let roundBody = JSONSchema.object([
        .required("year", JSONSchema.integer("The year assessed", minimum: 2000, maximum: 2100)),
        .required("scheme", JSONSchema.string("A scheme's id", minLength: 1, pattern: "^[^:]+$")),
        .required("version", JSONSchema.integer("The scheme's version")),
        .required("cutoff", JSONSchema.string("The data cut-off: a day after the year assessed ends", format: "date")),
    ])

    /// `POST /assessment/rounds/{id}/freeze` (`RoundWorkflow.freeze`).
    static let freezeBody = JSONSchema.object([
        .optional("reason", JSONSchema.string("Needed to freeze a frozen round again"))
    ])

    /// `POST …/qualitative` (`QualitativeRules.validate`).
    static let qualitativeBody = JSONSchema.object([
        .required("item", JSONSchema.string("A qualitative item of the round's scheme")),
        .required("points", JSONSchema.number("From 0 to the item's maximum", minimum: 0)),
        .required("reason", JSONSchema.string("Why (not blank)", minLength: 1)),
    ])

    /// `POST …/appeals` (`AssessmentService.fileAppeal`, `AppealRules.file`).
    static let appealBody = JSONSchema.object([
        .required("unit", JSONSchema.string("The caller's unit, assessed in the round")),
        .required("target", JSONSchema.string("A target the unit's score sheet scores")),
        .required("reason", JSONSchema.string("Why (not blank)", minLength: 1)),
    ])

    /// The same appeal with its evidence files.
    static let appealForm = JSONSchema.object([
        .required("unit", JSONSchema.string("The caller's unit, assessed in the round")),
        .required("target", JSONSchema.string("A target the unit's score sheet scores")),
        .required("reason", JSONSchema.string("Why (not blank)", minLength: 1)),
        .optional("evidence", evidenceParts),
    ])

    /// Accepting an appeal needs the corrected value (`AppealRules.decide`).
    static let appealAcceptBody = JSONSchema.object([
        .required("value", JSONSchema.number("The corrected latest value")),
        .required("reason", JSONSchema.string("Why (not blank)", minLength: 1)),
    ])

    static let appealRejectBody = JSONSchema.object([
        .required("reason", JSONSchema.string("Why (not blank)", minLength: 1))
    ])

    /// A pool's rule (`PoolInput.pool`, `Allocator.problems`): one of three kinds.
    static let poolRule = JSONSchema.oneOf(
        [
            JSONSchema.object(
                [
                    .required("kind", JSONSchema.string(enumeration: ["above-mark"])),
                    .optional("mark", JSONSchema.number("The pass mark (default 60)", minimum: 0, maximum: 200)),
                ], "Shares in proportion to the points above the mark"),
            JSONSchema.object(
                [
                    .required("kind", JSONSchema.string(enumeration: ["tiers"])),
                    .required(
                        "weights",
                        JSONSchema.map(
                            JSONSchema.number(minimum: 0, maximum: 1_000_000), "Each grade's weight, at least one above 0", minProperties: 1)),
                ], "Shares by grade"),
            JSONSchema.object(
                [
                    .required("kind", JSONSchema.string(enumeration: ["attribute"])),
                    .required("attribute", JSONSchema.string("The attribute's name, such as population", minLength: 1)),
                    .optional("mark", JSONSchema.number("The pass mark (default 60)", minimum: 0, maximum: 200)),
                    .required(
                        "values",
                        JSONSchema.map(JSONSchema.number(minimum: 0, maximum: 1e12), "Each assessed unit's value of the attribute")),
                ], "Shares weighted by an attribute of the units that pass the mark"),
        ], "How the pool is shared")

    /// A pool's amount, floor and cap must have at most `decimals` decimals.
    static let poolBody = JSONSchema.object([
        .required("id", assessmentID),
        .required("name", JSONSchema.string("The pool's name (not blank)", minLength: 1)),
        .required("resource", JSONSchema.string(enumeration: IncentiveResource.allCases.map(\.rawValue))),
        .required("amount", JSONSchema.number("The total, with at most decimals decimals", maximum: 1e12, exclusiveMinimum: 0)),
        .required("rule", poolRule),
        .optional("floor", JSONSchema.number("Each passing unit's floor (default 0)", minimum: 0, maximum: 1e12)),
        .optional("cap", JSONSchema.number("Each unit's cap, not below the floor", maximum: 1e12, exclusiveMinimum: 0)),
        .optional("vetoed", JSONSchema.string("What a vetoed unit gets (default nothing)", enumeration: VetoedShare.allCases.map(\.rawValue))),
        .optional("decimals", JSONSchema.integer("Decimals of the shares (default 0)", minimum: 0, maximum: 2)),
    ])
}
