import Foundation
import PlanCore

/// The responsibility list, task progress with its evidence, and marks on alerts. Every mutation
/// writes its audit entry in the same transaction.
public protocol SupervisionStore: Sendable {
    /// Sets the aliases of units that have none stored yet (a store seeded before aliases existed).
    func addUnitAliases(_ aliases: [String: [String]]) async throws
    /// The tasks of one year (every year for `nil`), in list order.
    func tasks(year: Int?) async throws -> [WorkTask]
    func task(id: String) async throws -> WorkTask?
    /// Inserts or updates tasks by id, all or nothing; returns each task's outcome in order. A
    /// task's milestones keep what was done of them where the due day and deliverable stay the
    /// same. With `dryRun` nothing is kept. `summary` is appended with the counts as `after`.
    func saveTasks(_ tasks: [WorkTask], actor: Actor, dryRun: Bool, summary: AuditEntry?) async throws -> [RowOutcome]
    /// Deletes a task that has no progress reports; `SupervisionError` when it has some.
    func deleteTask(id: String, actor: Actor) async throws
    /// Progress reports of the given tasks and units (all for `nil`), with their evidence listed.
    func progress(taskIDs: [String]?, units: [String]?) async throws -> [ProgressReport]
    /// The latest counting report (submitted or approved) of each task and lead unit, without
    /// evidence: what alerts and lists need, read in one query.
    func latestCountingProgress(taskIDs: [String]?) async throws -> [ProgressReport]
    /// The last `count` counting reports (submitted or approved) of each task and lead unit, without
    /// evidence, newest first: what divergence is judged on.
    func recentCountingProgress(taskIDs: [String]?, count: Int) async throws -> [ProgressReport]
    /// Saves a unit's report for a month with new evidence files and milestones it reports done
    /// (on `day`), in one transaction. `decide` sees the stored report (if any) and returns the new state;
    /// throwing refuses the save.
    func saveProgress(
        _ report: ProgressReport, evidence: [NewEvidence], milestonesDone: [Int], on day: Day, actor: Actor,
        decide: @escaping @Sendable (ProgressReport?) throws -> ProgressState
    ) async throws -> ProgressReport
    /// Moves a report along its workflow: `decide` sees it and returns the new state.
    func transitionProgress(
        taskID: String, unit: String, period: Period, actor: Actor, action: String, reason: String?,
        decide: @escaping @Sendable (ProgressReport?) throws -> ProgressState
    ) async throws -> ProgressReport
    /// An evidence file with the report it belongs to.
    func evidenceFile(id: String) async throws -> StoredEvidence?
    /// What reporting diligence is counted from, for one unit or every unit (`nil`): each entered
    /// figure, the task reports of months `from`…`through` (every month for `nil`), the month
    /// each task was first reported done, and the day each task was listed.
    func diligenceFacts(unit: String?, from: Period?, through: Period?) async throws -> DiligenceFacts
    /// Changes whenever anything alerts are computed from changes: tasks, progress, the calendar
    /// (the supervision version), observations (the data version) or a submission's status.
    func alertInputsStamp() async throws -> String
    /// Every person's marks on alerts.
    func alertMarks() async throws -> [AlertMark]
    /// Sets (or with `mark` nil, clears) a person's mark on an alert.
    func markAlert(key: String, username: String, mark: AlertMark.Kind?, actor: Actor, unitCode: String) async throws
}

/// An evidence file to store.
public struct NewEvidence: Sendable {
    public var fileName: String
    public var contentType: String
    public var data: Data
    /// Hex SHA-256 of `data`.
    public var sha256: String

    public init(fileName: String, contentType: String, data: Data, sha256: String) {
        self.fileName = fileName
        self.contentType = contentType
        self.data = data
        self.sha256 = sha256
    }
}

/// A stored evidence file: its description, whose report it belongs to, and the bytes.
public struct StoredEvidence: Sendable {
    public var info: EvidenceInfo
    public var taskID: String
    public var unitCode: String
    public var period: Period
    public var data: Data
}

/// What a person did with an alert.
public struct AlertMark: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Seen and being dealt with: stops its escalation.
        case acknowledged
        /// Not shown in this person's inbox any more.
        case muted
    }

    public var key: String
    public var username: String
    public var kind: Kind
    public var at: String

    public init(key: String, username: String, kind: Kind, at: String) {
        self.key = key
        self.username = username
        self.kind = kind
        self.at = at
    }
}

/// What reporting diligence is counted from (besides the calendar and the submissions).
public struct DiligenceFacts: Sendable {
    /// An entered figure: whether it carries an outlier flag, and when it was last changed after
    /// its first entry.
    public struct Figure: Sendable, Hashable {
        public var unitCode: String
        public var period: Period
        public var indicatorKey: String
        public var flagged: Bool
        public var changedAt: String?

        public init(unitCode: String, period: Period, indicatorKey: String, flagged: Bool, changedAt: String?) {
            self.unitCode = unitCode
            self.period = period
            self.indicatorKey = indicatorKey
            self.flagged = flagged
            self.changedAt = changedAt
        }
    }

    public var figures: [Figure]
    public var progress: [ProgressFact]
    /// The month of each task's first submitted or approved report saying it is done, keyed
    /// `task|unit`.
    public var doneIn: [String: Period]
    /// The day each task (by id) entered the list.
    public var listedOn: [String: Day]

    public init(figures: [Figure], progress: [ProgressFact], doneIn: [String: Period], listedOn: [String: Day]) {
        self.figures = figures
        self.progress = progress
        self.doneIn = doneIn
        self.listedOn = listedOn
    }
}
