import Foundation

/// Every Mustache template a page is rendered with (`Resources/templates/NAME.mustache`); the
/// renderer checks at start that each is there.
public enum PageTemplate: String, CaseIterable, Sendable {
    case account, article, audit, chapter, cities, entry, error
    case importFile = "import"
    case indicator, indicators, inbox, layout, login, overview, plan, region, review, search, target, targets, task, tasks, unit
    case taskEdit = "task-edit"
    case taskImport = "task-import"
    case orders, order, policies, policy, deliveries, stocktakes, stocktake, diligence
    case assessment, scheme, round, sheet, pool
    case whatIf = "what-if"
    case orderNew = "order-new"
    case projects, project
    case projectDesk = "project-desk"
    case projectDeclare = "project-declare"
    case projectRollup = "project-rollup"
    case projectProblems = "project-problems"
    case projectFeed = "project-feed"
    case articleDelivery = "article-delivery"
}
