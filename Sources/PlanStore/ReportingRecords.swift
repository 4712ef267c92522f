import Foundation
import PlanCore

/// A user account as the application sees it (never the password hash).
public struct UserAccount: Sendable, Hashable {
    public var username: String
    public var displayName: String
    public var unitCode: String
    public var role: Role
    public var disabled: Bool
    public var createdAt: String

    public init(username: String, displayName: String, unitCode: String, role: Role, disabled: Bool = false, createdAt: String = "") {
        self.username = username
        self.displayName = displayName
        self.unitCode = unitCode
        self.role = role
        self.disabled = disabled
        self.createdAt = createdAt
    }
}

/// Who does something, from where and through which channel (`web`, `api`, `cli`).
public struct Actor: Sendable, Hashable {
    public var username: String
    public var unitCode: String
    public var ip: String
    public var channel: String

    public init(username: String, unitCode: String, ip: String, channel: String) {
        self.username = username
        self.unitCode = unitCode
        self.ip = ip
        self.channel = channel
    }
}

/// One line of the append-only audit log: who did what to which unit, when, from where, with
/// the state before and after.
public struct AuditEntry: Sendable, Hashable {
    public var id: Int
    public var at: String
    public var actor: String
    public var actorUnit: String
    public var ip: String
    /// `login`, `login.failed`, `logout`, `password.change`, `user.create`, `user.role`,
    /// `user.disable`, `user.password`, `token.create`, `token.revoke`, `value.change`, `import`,
    /// `calendar.change`, `submission.draft|submit|resubmit|approve|return|reopen`.
    public var action: String
    public var unitCode: String
    public var subject: String
    public var before: String
    public var after: String
    public var detail: String

    public init(
        id: Int = 0, at: String, actor: Actor, action: String, unitCode: String, subject: String, before: String = "",
        after: String = "", detail: String = ""
    ) {
        self.init(
            id: id, at: at, actor: actor.username, actorUnit: actor.unitCode, ip: actor.ip, action: action, unitCode: unitCode,
            subject: subject, before: before, after: after, detail: detail)
    }

    public init(
        id: Int, at: String, actor: String, actorUnit: String, ip: String, action: String, unitCode: String, subject: String,
        before: String, after: String, detail: String
    ) {
        self.id = id
        self.at = at
        self.actor = actor
        self.actorUnit = actorUnit
        self.ip = ip
        self.action = action
        self.unitCode = unitCode
        self.subject = subject
        self.before = before
        self.after = after
        self.detail = detail
    }
}

/// A filter on the audit log; `nil` fields match everything.
public struct AuditQuery: Sendable, Hashable {
    public var actor: String?
    /// An action, or a prefix ending in `.` (`submission.`).
    public var action: String?
    /// Entries about any of these units.
    public var units: [String]?
    public var since: String?
    public var until: String?
    public var limit: Int
    public var offset: Int

    public init(
        actor: String? = nil, action: String? = nil, units: [String]? = nil, since: String? = nil, until: String? = nil, limit: Int = 100,
        offset: Int = 0
    ) {
        self.actor = actor
        self.action = action
        self.units = units
        self.since = since
        self.until = until
        self.limit = limit
        self.offset = offset
    }
}

/// A unit's reported value for one indicator and period, with its approval state.
public struct ReportValue: Sendable, Hashable {
    public var unitCode: String
    public var indicatorKey: String
    public var period: Period
    public var value: Double
    public var comment: String
    public var explanation: String
    /// The validation flags raised when it was saved (`outside_history`, `z_score`).
    public var flags: [String]
    /// The value last approved (and published), if any.
    public var approvedValue: Double?
    public var revision: Int
    public var updatedBy: String
    public var updatedAt: String

    public init(
        unitCode: String, indicatorKey: String, period: Period, value: Double, comment: String = "", explanation: String = "",
        flags: [String] = [], approvedValue: Double? = nil, revision: Int = 1, updatedBy: String = "", updatedAt: String = ""
    ) {
        self.unitCode = unitCode
        self.indicatorKey = indicatorKey
        self.period = period
        self.value = value
        self.comment = comment
        self.explanation = explanation
        self.flags = flags
        self.approvedValue = approvedValue
        self.revision = revision
        self.updatedBy = updatedBy
        self.updatedAt = updatedAt
    }
}

/// What saving a value did (or, in a dry run, would do).
public enum RowOutcome: String, Sendable, Hashable, Codable {
    case new
    case changed
    case unchanged
}

/// One earlier state of a value: every save that changed it leaves one.
public struct ValueRevision: Sendable, Hashable {
    public var indicatorKey: String
    public var period: Period
    public var revision: Int
    public var value: Double
    public var comment: String
    public var explanation: String
    public var changedBy: String
    public var changedAt: String
    public var reason: String
    public var channel: String

    public init(
        indicatorKey: String, period: Period, revision: Int, value: Double, comment: String, explanation: String, changedBy: String,
        changedAt: String, reason: String, channel: String
    ) {
        self.indicatorKey = indicatorKey
        self.period = period
        self.revision = revision
        self.value = value
        self.comment = comment
        self.explanation = explanation
        self.changedBy = changedBy
        self.changedAt = changedAt
        self.reason = reason
        self.channel = channel
    }
}

/// The next state a workflow step leads to, decided by `Workflow` inside the store's transaction.
public struct Transition: Sendable, Hashable {
    public var status: SubmissionStatus
    /// The reason stored with the submission (shown to the other side); `nil` clears it.
    public var reason: String?
    /// Approval: copy the period's values into the published observations.
    public var publish: Bool
    public var reopened: Bool

    public init(status: SubmissionStatus, reason: String? = nil, publish: Bool = false, reopened: Bool = false) {
        self.status = status
        self.reason = reason
        self.publish = publish
        self.reopened = reopened
    }
}

/// Account failures the web layer and the CLI turn into clear messages.
public enum AccountError: Error, Sendable, Equatable {
    case userExists(String)
    case unknownUser(String)
    case unknownUnit(String)
}

/// An API token as its owner sees it: never the secret.
public struct APIToken: Sendable, Hashable {
    public var id: String
    public var label: String
    public var createdAt: String
    public var revoked: Bool

    public init(id: String, label: String, createdAt: String, revoked: Bool) {
        self.id = id
        self.label = label
        self.createdAt = createdAt
        self.revoked = revoked
    }
}
