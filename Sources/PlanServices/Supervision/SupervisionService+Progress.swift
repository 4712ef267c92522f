import Foundation
import PlanCore
import PlanStore

extension SupervisionService {
    /// What a person sees of a task: the task, the reports of the units they may see, the units
    /// they may report for or review, and each lead unit's divergence.
    public struct TaskView: Sendable {
        public var task: WorkTask
        /// Reports the person may read, newest month first.
        public var reports: [ProgressReport]
        /// Lead units whose progress this person may report.
        public var reportable: [String]
        /// Units whose reports this person may approve or return.
        public var reviewable: [String]
        /// Lead units whose last two reports say on schedule while the task's targets are off track.
        public var divergent: [String]
        /// The latest counting report of each lead unit (readable by anyone).
        public var latest: [String: ProgressReport]
        /// The month reports are due for now.
        public var currentPeriod: Period
        /// Statuses of the targets the task serves.
        public var targetStatuses: [String: EvaluationStatus]
    }

    /// The month a report made today is about: the current month.
    public func currentPeriod() -> Period {
        let today = clock.today()
        return Period(year: today.year, span: .month(today.month))
    }

    public func taskView(_ id: String, identity: Identity?) async throws -> TaskView {
        let task = try await task(id)
        let all = try await store.progress(taskIDs: [id], units: nil)
        var readable: [ProgressReport] = []
        var reportable: [String] = []
        var reviewable: [String] = []
        for unit in task.leadUnits {
            if try await reporting.allows(identity, .reportProgress, unit: unit) { reportable.append(unit) }
            if try await reporting.allows(identity, .approve, unit: unit) { reviewable.append(unit) }
        }
        for report in all where try await reporting.allows(identity, .readDrafts, unit: report.unitCode) || report.state == .approved {
            if try await reporting.allows(identity, .viewStatus, unit: report.unitCode) { readable.append(report) }
        }
        let statuses = try await targetStatuses(task)
        let latest = Dictionary(ProgressReport.latestCounting(all).values.map { ($0.unitCode, $0) }, uniquingKeysWith: { a, _ in a })
        let divergent = task.leadUnits.filter { unit in
            Divergence.diverges(reports: all.filter { $0.unitCode == unit }, targetStatuses: Array(statuses.values))
        }
        return TaskView(
            task: task, reports: readable.sorted { ($0.period, $0.unitCode) > ($1.period, $1.unitCode) }, reportable: reportable,
            reviewable: reviewable, divergent: divergent, latest: latest, currentPeriod: currentPeriod(), targetStatuses: statuses)
    }

    /// A task a unit leads, with the unit's latest counting report and whether its judgement
    /// diverges from the targets.
    public struct LedTask: Sendable {
        public var task: WorkTask
        public var latest: ProgressReport?
        public var divergent: Bool
    }

    /// The tasks of the latest year that `unit` leads (anyone may see them, like the list).
    public func ledTasks(unit: String) async throws -> [LedTask] {
        let all = try await allTasks()
        guard let year = all.map(\.year).max() else { return [] }
        let tasks = all.filter { $0.year == year && $0.leadUnits.contains(unit) }
        let reports = try await store.progress(taskIDs: tasks.map(\.id), units: [unit])
        let (snapshot, evaluations) = try await plans.evaluations()
        let statuses = Dictionary(evaluations.map { ($0.targetID, $0.status) }, uniquingKeysWith: { a, _ in a })
        return tasks.map { task in
            let own = reports.filter { $0.taskID == task.id }
            let targets = Self.targetIDs(of: task, plan: snapshot.plan).compactMap { statuses[$0] }
            return LedTask(
                task: task, latest: ProgressReport.latestCounting(own).values.first,
                divergent: Divergence.diverges(reports: own, targetStatuses: targets))
        }
    }

    /// The targets a task serves: those it names, or else those its article states.
    static func targetIDs(of task: WorkTask, plan: Plan) -> [String] {
        if !task.targetIDs.isEmpty { return task.targetIDs }
        guard let article = task.article else { return [] }
        return plan.targets.filter { $0.source == .article(article) }.map(\.id)
    }

    /// The statuses of a task's targets (named, or else those its article states), as of the
    /// latest year.
    func targetStatuses(_ task: WorkTask) async throws -> [String: EvaluationStatus] {
        let (snapshot, evaluations) = try await plans.evaluations()
        let ids = Set(Self.targetIDs(of: task, plan: snapshot.plan))
        var result: [String: EvaluationStatus] = [:]
        for evaluation in evaluations where ids.contains(evaluation.targetID) { result[evaluation.targetID] = evaluation.status }
        return result
    }

    /// A report as a lead unit sends it.
    public struct ProgressForm: Sendable {
        public var status: TaskStatus
        public var confidence: DeliveryConfidence
        public var narrative: String
        /// Uploaded files by name.
        public var files: [(name: String, data: Data)]
        /// Milestones reported done, by number (1-based).
        public var milestonesDone: [Int]
        /// Submit for review after saving.
        public var submit: Bool

        public init(
            status: TaskStatus, confidence: DeliveryConfidence, narrative: String, files: [(name: String, data: Data)] = [],
            milestonesDone: [Int] = [],
            submit: Bool = false
        ) {
            self.status = status
            self.confidence = confidence
            self.narrative = narrative
            self.files = files
            self.milestonesDone = milestonesDone
            self.submit = submit
        }
    }

    public static let maxNarrative = 5000

    /// Saves a lead unit's report for a month (this month by default) with its evidence and,
    /// with `submit`, submits it. Bad files or text refuse the whole report.
    public func reportProgress(
        task id: String, unit: String, period: Period? = nil, form: ProgressForm, identity: Identity?, actor: Actor
    ) async throws -> ProgressReport {
        try await reporting.authorize(identity, .reportProgress, unit: unit)
        let task = try await task(id)
        guard task.leadUnits.contains(unit) else {
            throw ServiceError.forbidden(zh: "\(unit) 不是任务 \(task.number) 的牵头单位", en: "\(unit) is not a lead unit of task \(task.number)")
        }
        let period = period ?? currentPeriod()
        guard case .month = period.span else { throw ServiceError.badParameter(name: "period", message: "a month such as 2026-11") }
        guard period <= currentPeriod() else {
            throw ServiceError.badParameter(name: "period", message: "\(period) has not begun")
        }
        let narrative = form.narrative.trimmingCharacters(in: .whitespacesAndNewlines)
        try TextInput.check(["narrative": narrative], multiline: ["narrative"])
        guard narrative.count <= Self.maxNarrative else {
            throw ServiceError.invalid(zh: "进展说明过长（上限 \(Self.maxNarrative) 字）", en: "The narrative is too long (at most \(Self.maxNarrative))")
        }
        if form.status == .behind || form.status == .blocked, narrative.isEmpty {
            throw ServiceError.invalid(zh: "任务滞后或受阻时须说明原因和措施", en: "A task behind or blocked needs a narrative: why, and what is done")
        }
        let stored = try await store.progress(taskIDs: [id], units: [unit]).first { $0.period == period }?.evidence.count ?? 0
        guard stored + form.files.count <= EvidenceRules.maxFiles else {
            throw ServiceError.invalid(
                zh: "每份进展报告最多 \(EvidenceRules.maxFiles) 个证明材料（已有 \(stored) 个）",
                en: "At most \(EvidenceRules.maxFiles) evidence files per report (\(stored) already)")
        }
        let evidence = try form.files.map { try EvidenceRules.check(fileName: $0.name, data: $0.data) }
        let unknown = form.milestonesDone.filter { !(1...max(1, task.milestones.count)).contains($0) || task.milestones.isEmpty }
        guard unknown.isEmpty else { throw ServiceError.badParameter(name: "milestones", message: "no milestone \(unknown[0])") }
        let report = ProgressReport(
            taskID: id, unitCode: unit, period: period, status: form.status, confidence: form.confidence, narrative: narrative)
        var saved: ProgressReport
        do {
            saved = try await store.saveProgress(report, evidence: evidence, milestonesDone: form.milestonesDone, on: clock.today(), actor: actor) {
                old in
                try ProgressWorkflow.save(old?.state)
            }
            if form.submit {
                saved = try await store.transitionProgress(
                    taskID: id, unit: unit, period: period, actor: actor, action: "submit", reason: nil
                ) { old in try ProgressWorkflow.submit(old?.state) }
            }
        } catch let error as SupervisionError {
            throw ServiceError.conflict(zh: error.zh, en: error.en)
        }
        return saved
    }

    /// Adds one evidence file to a report that can still be changed (a draft or a returned one).
    public func addEvidence(
        task id: String, unit: String, period: Period, fileName: String, data: Data, identity: Identity?, actor: Actor
    ) async throws -> ProgressReport {
        try await reporting.authorize(identity, .reportProgress, unit: unit)
        guard let existing = try await store.progress(taskIDs: [id], units: [unit]).first(where: { $0.period == period }) else {
            throw ServiceError.notFound(what: "\(id) \(unit) \(period)")
        }
        return try await reportProgress(
            task: id, unit: unit, period: period,
            form: ProgressForm(
                status: existing.status, confidence: existing.confidence, narrative: existing.narrative, files: [(name: fileName, data: data)]),
            identity: identity, actor: actor)
    }

    /// The steps of a report's workflow after saving.
    public enum ProgressStep: String, Sendable, CaseIterable {
        case submit
        case approve
        case returnReport = "return"
    }

    public func stepProgress(
        _ step: ProgressStep, task id: String, unit: String, period: Period, reason: String?, identity: Identity?, actor: Actor
    ) async throws -> ProgressReport {
        let action: ReportingAction =
            switch step {
            case .submit: .reportProgress
            case .approve: .approve
            case .returnReport: .returnSubmission
            }
        let (identity, _) = try await reporting.authorize(identity, action, unit: unit)
        _ = try await task(id)
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        try TextInput.check(["reason": reason ?? ""], multiline: ["reason"])
        let user = identity.account.username
        do {
            let report = try await store.transitionProgress(
                taskID: id, unit: unit, period: period, actor: actor, action: step.rawValue, reason: reason
            ) { old in
                switch step {
                case .submit: return try ProgressWorkflow.submit(old?.state)
                case .approve: return try ProgressWorkflow.approve(old?.state, submittedBy: old?.submittedBy, by: user)
                case .returnReport: return try ProgressWorkflow.returnReport(old?.state, reason: reason)
                }
            }
            return report
        } catch let error as SupervisionError {
            throw ServiceError.conflict(zh: error.zh, en: error.en)
        } catch let error as StoreError where error.description.hasPrefix("no progress") {
            throw ServiceError.notFound(what: "\(id) \(unit) \(period)")
        }
    }

    /// An evidence file, for a person who may read its unit's reports (approved ones: anyone
    /// who may see the unit's status).
    public func evidence(_ id: String, identity: Identity?) async throws -> StoredEvidence {
        guard identity != nil else { throw ServiceError.notAuthenticated }
        guard let file = try await store.evidenceFile(id: id) else { throw ServiceError.notFound(what: "evidence \(id)") }
        try await reporting.authorize(identity, .viewStatus, unit: file.unitCode)
        let report = try await store.progress(taskIDs: [file.taskID], units: [file.unitCode]).first { $0.period == file.period }
        if report?.state != .approved { try await reporting.authorize(identity, .readDrafts, unit: file.unitCode) }
        return file
    }
}
