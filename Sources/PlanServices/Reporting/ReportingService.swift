import Foundation
import Metrics
import NIOPosix
import PlanCore
import PlanStore

/// Data collection over the store: permissions, the calendar, checking and saving figures,
/// imports, the approval workflow, reconciliation and the audit log. The web routes and the
/// command line both call it; it knows nothing of HTTP.
public struct ReportingService: Sendable {
    public let store: any PlanStore
    public let plans: PlanService
    public let clock: PlanClock
    /// A crash test's stopping point, if the configuration names one.
    let failPoint: FailPoint?
    private let directory: UnitDirectory

    public init(store: any PlanStore, plans: PlanService, clock: PlanClock = .system, failPoint: FailPoint? = nil) {
        self.store = store
        self.plans = plans
        self.clock = clock
        self.failPoint = failPoint
        directory = UnitDirectory(store: store)
    }

    /// Today in the reporting calendar.
    public func today() -> Day { clock.today() }

    /// The reporting hierarchy.
    public func tree() async throws -> UnitTree { try await directory.tree() }

    /// The unit with `code`, or 404.
    public func unit(_ code: String) async throws -> ReportingUnit {
        guard let unit = try await tree()[code] else { throw ServiceError.notFound(what: code) }
        return unit
    }

    /// Checks that `identity` may do `action` to `unit`: 401 without an identity, 403 without the
    /// permission, 404 for an unknown unit.
    @discardableResult
    public func authorize(_ identity: Identity?, _ action: ReportingAction, unit code: String) async throws -> (Identity, ReportingUnit) {
        guard let identity else { throw ServiceError.notAuthenticated }
        let tree = try await tree()
        guard let unit = tree[code] else { throw ServiceError.notFound(what: code) }
        guard Access.allows(identity.account.role, userUnit: identity.account.unitCode, action: action, unit: code, tree: tree) else {
            throw ServiceError.notAllowed(action.rawValue, unit: code)
        }
        return (identity, unit)
    }

    /// Whether `identity` may do `action` to `unit` (no throwing).
    public func allows(_ identity: Identity?, _ action: ReportingAction, unit: String) async throws -> Bool {
        guard let identity else { return false }
        return Access.allows(identity.account.role, userUnit: identity.account.unitCode, action: action, unit: unit, tree: try await tree())
    }

    // MARK: Calendar

    /// A unit's calendar, newest period first.
    public func calendar(unit: String) async throws -> [CalendarPeriod] {
        let schedule = try await store.schedule(unit: unit)
        let submissions = try await store.submissions(units: [unit])
        let values = try await store.reportValues(unit: unit, period: nil)
        var entered: [Period: Set<String>] = [:]
        for v in values { entered[v.period, default: []].insert(v.indicatorKey) }
        return ReportingCalendar.periods(
            unit: unit, schedule: schedule, submissions: submissions, entered: { entered[$0] ?? [] }, today: today(),
            since: try await store.calendarSince())
    }

    /// The period's calendar entry; for a period the calendar no longer lists, one made from its
    /// submission; 404 when there is neither.
    func calendarPeriod(unit: String, period: Period) async throws -> CalendarPeriod {
        if let entry = try await calendar(unit: unit).first(where: { $0.period == period }) { return entry }
        let submission = try await store.submission(unit: unit, period: period)
        guard submission.status != .empty else { throw ServiceError.notFound(what: "\(unit) \(period)") }
        let keys = try await store.reportValues(unit: unit, period: period).map(\.indicatorKey)
        return ReportingCalendar.offCalendar(submission, indicatorKeys: keys, today: today())
    }

    // MARK: Saving figures

    /// What a save or an import did: every row's check, and (when all rows were valid) every
    /// row's outcome.
    public struct SaveResult: Sendable {
        public var checked: [CheckedRow]
        public var outcomes: [RowOutcome]?
        public var dryRun: Bool

        public var errorCount: Int { checked.filter { !$0.errors.isEmpty }.count }
        public func count(_ outcome: RowOutcome) -> Int { outcomes?.filter { $0 == outcome }.count ?? 0 }
    }

    /// Checks rows and, when every row is valid, saves them all in one transaction (or, with
    /// `dryRun`, reports what saving would do and keeps nothing). Refuses the whole batch when
    /// any row is invalid: the result then has no outcomes.
    public func save(
        _ rows: [ReportRow], unit code: String, actor: Actor, identity: Identity, reason: String, dryRun: Bool,
        workflowReason: String? = nil, summary: AuditEntry? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> SaveResult {
        try await authorize(identity, .enterData, unit: code)
        try Self.checkReason(workflowReason ?? reason)
        try Self.checkText(rows)
        let unit = try await unit(code)
        let snapshot = try await plans.current()
        let indicators = Dictionary(snapshot.plan.indicators.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let schedule = try await store.schedule(unit: code)
        let today = today()
        let checked = ReportBatch.check(rows, unit: code, indicators: indicators, schedule: schedule, today: today) { key, period in
            Self.history(snapshot.index[key, unit.regionCode], before: period)
        }
        guard checked.allSatisfy({ $0.errors.isEmpty }) else { return SaveResult(checked: checked, outcomes: nil, dryRun: dryRun) }
        let changes = checked.compactMap(\.change)
        let unexplained = Dictionary(grouping: checked.filter(\.needsExplanation).compactMap(\.change), by: \.period).mapValues {
            $0.map(\.indicatorKey)
        }
        let lockDays = Dictionary(
            Set(changes.map(\.period)).map { ($0, ReportingCalendar.lockDay(unit: code, period: $0, schedule: schedule)) },
            uniquingKeysWith: { a, _ in a })
        let outcomes = try await store.saveValues(
            unit: code, changes: changes, actor: actor, reason: reason, dryRun: dryRun, summary: summary, progress: progress
        ) { submission in
            try Workflow.save(
                submission, today: today, lockDay: lockDays[submission.period] ?? nil, reason: workflowReason ?? reason,
                unexplained: unexplained[submission.period] ?? [])
        }
        if !dryRun { await plans.refresh() }
        return SaveResult(checked: checked, outcomes: outcomes, dryRun: dryRun)
    }

    /// The unit's earlier values at the period's frequency, oldest first.
    static func history(_ observations: [Observation], before period: Period) -> [Double] {
        let frequency = Frequency(of: period)
        return observations.filter { Frequency(of: $0.period) == frequency && $0.period < period }.sorted { $0.period < $1.period }.map(\.value)
    }

    /// An import: reads the file (CSV in UTF-8 or GBK, or XLSX), then saves like `save`.
    /// `reason` is the user's reason, needed when the file changes approved figures.
    public func importFile(
        _ data: Data, sheet: String?, fileName: String, unit code: String, actor: Actor, identity: Identity, dryRun: Bool,
        reason: String = "", progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> (format: ReportFile.Format, result: SaveResult) {
        try await authorize(identity, .enterData, unit: code)
        try Self.checkReason(reason)
        try TextInput.check(["filename": fileName, "sheet": sheet ?? ""])
        let fileName = String(fileName.prefix(100))
        // Reading a large workbook takes seconds of CPU: off the cooperative pool.
        let outcome = try await NIOThreadPool.singleton.runIfActive { () -> Result<(format: ReportFile.Format, rows: [ReportRow]), ReportFileError> in
            do throws(ReportFileError) { return .success(try ReportFile.parse(data, sheet: sheet)) } catch { return .failure(error) }
        }
        let parsed: (format: ReportFile.Format, rows: [ReportRow])
        switch outcome {
        case .success(let value): parsed = value
        case .failure(let error): throw ServiceError.invalid(zh: error.zh, en: error.en, problems: [])
        }
        let progress = FailPoint.importAfterFirstBatch.wrap(progress, active: failPoint)
        let summary = AuditEntry(
            at: timestamp(), actor: actor, action: "import", unitCode: code, subject: fileName,
            detail: "\(parsed.format.rawValue), \(parsed.rows.count) rows")
        let result = try await save(
            parsed.rows, unit: code, actor: actor, identity: identity, reason: reason.isEmpty ? "导入 \(fileName)" : "导入 \(fileName)：\(reason)",
            dryRun: dryRun, workflowReason: reason, summary: summary, progress: progress)
        if !dryRun { ImportMetrics.count(parsed.rows.count, kind: "values") }
        return (parsed.format, result)
    }

    // MARK: Workflow

    /// Submits, approves, returns or reopens a unit's period.
    public func step(_ step: WorkflowStep, unit code: String, period: Period, reason: String?, actor: Actor, identity: Identity) async throws
        -> Submission
    {
        let action: ReportingAction =
            switch step {
            case .save: .enterData
            case .submit: .submit
            case .approve: .approve
            case .returnSubmission: .returnSubmission
            case .reopen: .reopen
            }
        try await authorize(identity, action, unit: code)
        try Self.checkReason(reason ?? "")
        // A period the calendar no longer lists can still be reviewed; it has no lock day then.
        let lockDay = try await calendar(unit: code).first { $0.period == period }?.lockDay
        let today = today()
        let user = identity.account.username
        let submission = try await store.transition(unit: code, period: period, actor: actor, action: step.rawValue) { submission, values in
            switch step {
            case .save:
                // Saving is `save(_:…)`, not a workflow step of its own.
                throw WorkflowError.wrongState(submission.status, action: .save)
            case .submit:
                let unexplained = values.filter { !$0.flags.isEmpty && $0.explanation.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }.map(
                    \.indicatorKey)
                let status = try Workflow.submit(submission, today: today, lockDay: lockDay, valueCount: values.count, unexplained: unexplained)
                // A return's reason is answered by the new submission: it is cleared.
                return Transition(status: status, reason: nil, reopened: submission.reopened)
            case .approve:
                return Transition(status: try Workflow.approve(submission, by: user), reason: reason, publish: true, reopened: false)
            case .returnSubmission:
                return Transition(status: try Workflow.returnSubmission(submission, reason: reason), reason: reason, reopened: submission.reopened)
            case .reopen:
                return Transition(
                    status: try Workflow.reopen(submission, today: today, lockDay: lockDay, reason: reason), reason: reason, reopened: true)
            }
        }
        if step == .approve { await plans.refresh() }
        return submission
    }

    // MARK: Reading

    /// One unit's period as `identity` may see it (``DraftVisibility``): the submission, the values,
    /// the revisions and the calendar entry.
    public struct PeriodData: Sendable {
        public var unit: ReportingUnit
        public var entry: CalendarPeriod
        public var submission: Submission
        /// The values: the latest reported ones with their comments, flags and revision for those
        /// who may read drafts; otherwise only approved values, and nothing of the drafts.
        public var values: [ReportValue]
        /// Every revision (empty for those who may not read drafts).
        public var revisions: [ValueRevision]
        /// Whether `values` show drafts.
        public var drafts: Bool
    }

    /// The period of a unit as `identity` may see it (nothing without `.viewStatus` on the unit).
    public func periodData(unit code: String, period: Period, identity: Identity?) async throws -> PeriodData {
        let (identity, unit) = try await authorize(identity, .viewStatus, unit: code)
        let entry = try await calendarPeriod(unit: code, period: period)
        let tree = try await tree()
        let drafts = DraftVisibility.readsDrafts(identity, unit: code, tree: tree)
        return DraftVisibility.apply(
            PeriodData(
                unit: unit, entry: entry, submission: try await store.submission(unit: code, period: period),
                values: try await store.reportValues(unit: code, period: period), revisions: try await store.revisions(unit: code, period: period),
                drafts: true),
            drafts: drafts)
    }

    /// Submissions waiting for `identity`'s review: submitted periods in units it may approve.
    public func reviewQueue(_ identity: Identity) async throws -> [Submission] {
        let tree = try await tree()
        let account = identity.account
        let units = tree.units.keys.filter { Access.allows(account.role, userUnit: account.unitCode, action: .approve, unit: $0, tree: tree) }
        return try await store.submissions(units: units).filter { $0.status == .submitted }
    }

    /// Vertical reconciliation for a period, for every indicator that adds up across regions:
    /// approved figures, overlaid with the latest reported ones of the units whose drafts
    /// `identity` may read (`nil`: every unit's, for the command line and tests).
    public func reconciliation(period: Period, identity: Identity?) async throws -> [ReconciliationRow] {
        let snapshot = try await plans.current()
        let tree = try await tree()
        let tolerances = try await store.reconciliationTolerances()
        let reported = try await store.reportValues(period: period)
        var values: [String: [String: Double]] = [:]
        for indicator in snapshot.plan.indicators where indicator.aggregation == .sum {
            for region in snapshot.index.regions(for: indicator.key) {
                if let o = snapshot.index[indicator.key, region].first(where: { $0.period == period }) {
                    values[indicator.key, default: [:]][region] = o.value
                }
            }
        }
        for value in reported {
            guard let region = tree[value.unitCode]?.regionCode, snapshot.plan.indicator(value.indicatorKey)?.aggregation == .sum else { continue }
            if let identity, !DraftVisibility.readsDrafts(identity, unit: value.unitCode, tree: tree) { continue }
            values[value.indicatorKey, default: [:]][region] = value.value
        }
        let regionTree = UnitTree(tree.units.values.filter { $0.kind == .region })
        return values.keys.sorted().flatMap { key in
            Reconciliation.check(indicatorKey: key, values: values[key] ?? [:], tree: regionTree, tolerance: tolerances[key] ?? 0.01)
        }
    }

    /// The audit log as `identity` may read it (`Access`, `.readAudit`): everything for those
    /// who may read the root unit's (the administrator and the office), entries about the units
    /// they may read otherwise (a reviewer's subtree); refused for no unit at all.
    public func audit(_ filter: AuditFilter, identity: Identity?) async throws -> (entries: [AuditEntry], total: Int) {
        guard let identity else { throw ServiceError.notAuthenticated }
        try TextInput.check(["actor": filter.actor ?? "", "action": filter.action ?? "", "unit": filter.unit ?? ""])
        var query = try filter.query()
        let tree = try await tree()
        if try await !allows(identity, .readAudit, unit: tree.root) {
            let readable = Set(
                tree.units.keys.filter {
                    Access.allows(identity.account.role, userUnit: identity.account.unitCode, action: .readAudit, unit: $0, tree: tree)
                })
            guard !readable.isEmpty else { throw ServiceError.notAllowed(ReportingAction.readAudit.rawValue, unit: identity.account.unitCode) }
            query.units = query.units.map { $0.filter(readable.contains) } ?? tree.subtree(of: tree.root).filter(readable.contains)
        }
        return try await store.audit(query)
    }

    func timestamp() -> String { clock.timestamp() }

    /// The largest file of figures accepted through the pages and the API.
    public static let maxUploadBytes = 20 * 1024 * 1024

    /// The longest reason accepted (it is copied into every revision and audit entry it explains).
    public static let maxReasonLength = 500

    static func checkReason(_ reason: String) throws {
        guard reason.count <= maxReasonLength else {
            throw ServiceError.invalid(
                zh: "理由过长（上限 \(maxReasonLength) 字）", en: "The reason is too long (at most \(maxReasonLength) characters)", problems: [])
        }
        try TextInput.check(["reason": reason], multiline: ["reason"])
    }

    /// Refuses rows with control characters in any field, naming every such row.
    static func checkText(_ rows: [ReportRow]) throws {
        let problems = rows.compactMap { row -> RowProblem? in
            let single = [row.indicatorKey, row.period, row.value, row.unit]
            let multi = [row.comment, row.explanation]
            guard
                single.contains(where: { TextInput.hasControlCharacters($0, multiline: false) })
                    || multi.contains(where: { TextInput.hasControlCharacters($0, multiline: true) })
            else { return nil }
            return RowProblem(
                line: row.line, indicatorKey: TextInput.visible(row.indicatorKey), message: "contains a control character (such as NUL or ESC)",
                messageZh: "含有不允许的控制字符（如 NUL 或转义符）")
        }
        guard problems.isEmpty else {
            throw ServiceError.invalid(
                zh: "\(problems.count) 行含有控制字符，未写入任何数据", en: "\(problems.count) rows contain control characters: nothing was written",
                problems: problems)
        }
    }
}

/// The reporting units, loaded once (they change only with a new catalog).
actor UnitDirectory {
    private let store: any PlanStore
    private var cached: UnitTree?

    init(store: any PlanStore) {
        self.store = store
    }

    func tree() async throws -> UnitTree {
        if let cached { return cached }
        let tree = UnitTree(try await store.units())
        cached = tree
        return tree
    }
}
