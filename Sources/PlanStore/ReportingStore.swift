import Foundation
import PlanCore

/// Accounts, sessions and API tokens. Every mutation writes its audit entry in the same
/// transaction.
public protocol AccountStore: Sendable {
    /// The reporting units (regions, departments, enterprises), parents before children.
    func units() async throws -> [ReportingUnit]
    /// Creates a user; `AccountError.userExists` if the name is taken.
    func createUser(_ user: UserAccount, passwordHash: String, audit: AuditEntry) async throws
    /// The user and its password hash.
    func user(named username: String) async throws -> (account: UserAccount, passwordHash: String)?
    func users() async throws -> [UserAccount]
    /// Changes a user's role, unit, disabled flag or password hash (and ends its sessions when the
    /// password changes or the account is disabled).
    func updateUser(_ username: String, role: Role?, unitCode: String?, disabled: Bool?, passwordHash: String?, audit: AuditEntry) async throws
        -> UserAccount
    func createSession(tokenHash: String, username: String, csrfToken: String, expiresAt: String, ip: String, audit: AuditEntry) async throws
    /// The session's user and CSRF token, if the session exists, has not expired (`expires_at >
    /// now`) and the user is enabled.
    func session(tokenHash: String, now: String) async throws -> (account: UserAccount, csrfToken: String)?
    func deleteSession(tokenHash: String, audit: AuditEntry?) async throws
    func createAPIToken(tokenHash: String, username: String, label: String, audit: AuditEntry) async throws
    /// The enabled user owning an unrevoked token.
    func apiTokenUser(tokenHash: String) async throws -> UserAccount?
    /// A user's API tokens, newest first; `id` is the first 12 hex digits of the token's digest.
    func apiTokens(username: String) async throws -> [APIToken]
    /// Revokes one of a user's tokens; `false` when it has no such (unrevoked) token.
    func revokeAPIToken(username: String, id: String, audit: AuditEntry) async throws -> Bool
}

/// The reporting calendar, submissions, values and revisions.
public protocol ReportingStore: Sendable {
    /// Loads units, the calendar and reconciliation tolerances once, when none are stored yet.
    /// `since` is the day the calendar starts to count: periods locked before it are backfill,
    /// never overdue.
    func seedReporting(units: [ReportingUnit], schedule: [ScheduleEntry], tolerances: [String: Double], since: Day?) async throws
    /// The day the calendar was set up (`nil` for a store seeded before it was recorded).
    func calendarSince() async throws -> Day?
    /// The calendar of one unit, or of every unit.
    func schedule(unit: String?) async throws -> [ScheduleEntry]
    /// Replaces one unit's calendar.
    func replaceSchedule(unit: String, entries: [ScheduleEntry], audit: AuditEntry) async throws
    /// The relative tolerance of vertical reconciliation per indicator.
    func reconciliationTolerances() async throws -> [String: Double]
    /// The stored submissions of the given units (every unit for `nil`).
    func submissions(units: [String]?) async throws -> [Submission]
    /// A unit's submission for a period (status `.empty` when none is stored).
    func submission(unit: String, period: Period) async throws -> Submission
    /// A unit's values, of one period or all.
    func reportValues(unit: String, period: Period?) async throws -> [ReportValue]
    /// Every unit's values for one period.
    func reportValues(period: Period) async throws -> [ReportValue]
    /// The revisions of a unit's values for one period, newest first.
    func revisions(unit: String, period: Period) async throws -> [ValueRevision]
    /// Saves values all-or-nothing. For each period with a new or changed value, `decide` turns
    /// the period's submission into its next status (throwing refuses the whole save). Returns
    /// each change's outcome in order; with `dryRun` nothing is kept. `progress` hears how many
    /// of the changed values are written, as the writing goes on. `summary`, when given, is
    /// appended to the audit log in the same transaction with the counts as its `after`
    /// (`new=… changed=… unchanged=…`): an import's own entry.
    func saveValues(
        unit: String, changes: [ValueChange], actor: Actor, reason: String, dryRun: Bool, summary: AuditEntry?,
        progress: (@Sendable (_ written: Int, _ total: Int) -> Void)?,
        decide: @escaping @Sendable (Submission) throws -> SubmissionStatus
    ) async throws -> [RowOutcome]
    /// Moves a submission along the workflow: `decide` sees it and its values and returns the
    /// transition; approval publishes the values as observations (moving the data version on).
    func transition(
        unit: String, period: Period, actor: Actor, action: String,
        decide: @escaping @Sendable (Submission, [ReportValue]) throws -> Transition
    ) async throws -> Submission
}

/// The append-only audit log.
public protocol AuditStore: Sendable {
    func appendAudit(_ entries: [AuditEntry]) async throws
    func audit(_ query: AuditQuery) async throws -> (entries: [AuditEntry], total: Int)
    /// How many `login.failed` entries since `since` name `username` and came from `ip` (after
    /// the name's last successful login from there), and how many came from `ip` for any name.
    func failedLogins(username: String, ip: String, since: String) async throws -> (byNameFromAddress: Int, byAddress: Int)
}
