import Foundation

/// Everything a user can ask to do to a unit's reporting.
public enum ReportingAction: String, Sendable, Hashable, CaseIterable {
    /// See the unit's calendar, statuses and completeness.
    case viewStatus
    /// Read values that are not approved yet (drafts, submitted, returned).
    case readDrafts
    /// Save values (draft), by form, API batch or import.
    case enterData
    /// Submit a period for approval.
    case submit
    /// Approve a submitted period.
    case approve
    /// Return a submitted period with a reason.
    case returnSubmission
    /// Reopen an approved or locked period for changes.
    case reopen
    /// Change the reporting calendar.
    case manageCalendar
    /// Read the audit log about the unit.
    case readAudit
    /// Create users, change roles, disable accounts.
    case manageUsers
    /// Import, edit and delete the responsibility list's tasks and the policy list (asked of the
    /// province).
    case manageTasks
    /// Report a task's progress with evidence, and submit it.
    case reportProgress
    /// Issue a supervision order to the unit, and accept (close) or send back its answer.
    case issueOrders
    /// Sign for and answer the unit's supervision orders.
    case answerOrders
    /// Send the unit's alerts to a webhook, a work-chat robot or an e-mail address.
    case manageSubscriptions
    /// Edit assessment schemes; open, freeze and publish assessment rounds (asked of the province).
    case manageAssessment
    /// Appeal a line of the unit's own assessment score sheet (the unit's reporters and reviewers).
    case appealAssessment
}

/// The permission rules: one pure function, tested as a matrix.
public enum Access {
    /// Whether a user with `role` belonging to `userUnit` may do `action` to `unit`.
    ///
    /// - administrator: everything, everywhere.
    /// - leading-group office: everything but entering figures, reporting progress, answering
    ///   supervision orders, appealing assessment scores and managing users, everywhere.
    /// - reporter: enter, import, submit and read drafts of its own unit only, report its tasks'
    ///   progress, answer its supervision orders and appeal its assessment score sheet; see the
    ///   status of its own unit.
    /// - reviewer: read drafts, approve, return and reopen in its own unit and every unit below
    ///   it (figures and progress reports alike); read their audit trail; issue supervision
    ///   orders to the units below it; answer its own unit's orders, send its alerts on and
    ///   appeal its score sheet.
    /// - viewer: see the status of its own unit and the units below it.
    public static func allows(_ role: Role, userUnit: String, action: ReportingAction, unit: String, tree: UnitTree) -> Bool {
        switch role {
        case .admin:
            return true
        case .office:
            return ![.enterData, .submit, .manageUsers, .reportProgress, .answerOrders, .appealAssessment].contains(action)
        case .reporter:
            guard unit == userUnit else { return false }
            return [.viewStatus, .readDrafts, .enterData, .submit, .reportProgress, .answerOrders, .appealAssessment].contains(action)
        case .reviewer:
            guard tree.contains(unit, within: userUnit) else { return false }
            if action == .issueOrders { return unit != userUnit }
            if [.answerOrders, .manageSubscriptions, .appealAssessment].contains(action) { return unit == userUnit }
            return [.viewStatus, .readDrafts, .approve, .returnSubmission, .reopen, .readAudit].contains(action)
        case .viewer:
            guard tree.contains(unit, within: userUnit) else { return false }
            return action == .viewStatus
        }
    }
}
