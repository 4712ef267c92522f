import Foundation
import NIOPosix
import PlanCore
import PlanStore

/// Supervision over the store: the responsibility list (import, export, editing), task progress
/// with evidence and its review, and the alerts of each person's inbox. It knows nothing of
/// HTTP; permissions go through the same `Access` rules as data collection.
public struct SupervisionService: Sendable {
    public let store: any PlanStore
    public let reporting: ReportingService
    public let plans: PlanService
    public let clock: PlanClock
    public let settings: AlertSettings
    let alertCache = AlertCache()
    let taskCache = TaskCache()
    let diligenceCache = DiligenceCache()

    public init(store: any PlanStore, reporting: ReportingService, plans: PlanService, clock: PlanClock, settings: AlertSettings = AlertSettings()) {
        self.store = store
        self.reporting = reporting
        self.plans = plans
        self.clock = clock
        self.settings = settings
    }

    func timestamp() -> String { Timestamp.string(clock.now()) }

    /// Checks that `identity` may manage the responsibility list (the office and administrators).
    @discardableResult
    public func authorizeList(_ identity: Identity?) async throws -> Identity {
        let tree = try await reporting.tree()
        return try await reporting.authorize(identity, .manageTasks, unit: tree.root).0
    }

    // MARK: The list

    /// The tasks of a year (every year for `nil`), optionally only those naming `unit` (as lead
    /// or cooperating unit). Readable by anyone, like the plan.
    public func tasks(year: Int?, unit: String? = nil, article: Int? = nil) async throws -> [WorkTask] {
        try await allTasks().filter { task in
            (year.map { task.year == $0 } ?? true) && (unit.map { task.units.contains($0) } ?? true) && (article.map { task.article == $0 } ?? true)
        }
    }

    /// Every task of every year, in list order: read again only when the supervision version (or
    /// anything else alerts are computed from) has moved.
    func allTasks() async throws -> [WorkTask] {
        let stamp = try await store.alertInputsStamp()
        if let tasks = await taskCache.tasks(for: stamp) { return tasks }
        let tasks = try await store.tasks(year: nil)
        await taskCache.keep(tasks, for: stamp)
        return tasks
    }

    public func task(_ id: String) async throws -> WorkTask {
        guard let task = try await store.task(id: id) else { throw ServiceError.notFound(what: "task \(id)") }
        return task
    }

    /// The latest counting report (submitted or approved) of each task and lead unit, keyed
    /// `task|unit`: readable by anyone, like the list.
    public func latestReports(taskIDs: [String]) async throws -> [String: ProgressReport] {
        ProgressReport.latestCounting(try await store.latestCountingProgress(taskIDs: taskIDs))
    }

    /// The years that have tasks, newest first.
    public func years() async throws -> [Int] {
        Array(Set(try await allTasks().map(\.year))).sorted(by: >)
    }

    /// What an import of a responsibility list did: every row's tasks or problems and, when every
    /// row was valid, every row's outcome.
    public struct ListImport: Sendable {
        public var format: ReportFile.Format
        public var rows: [(row: ResponsibilityFile.Row, task: WorkTask?, problems: [RowProblem])]
        public var outcomes: [RowOutcome]?
        public var dryRun: Bool

        public var problemCount: Int { rows.reduce(0) { $0 + $1.problems.count } }
        public func count(_ outcome: RowOutcome) -> Int { outcomes?.filter { $0 == outcome }.count ?? 0 }
    }

    /// Reads a responsibility list and, when every row resolves, saves its tasks in one
    /// transaction (or, with `dryRun`, reports what saving would do). Rows without 年度 belong to
    /// `year` (this year by default).
    public func importList(
        _ data: Data, sheet: String?, fileName: String, year: Int?, identity: Identity?, actor: Actor, dryRun: Bool
    ) async throws -> ListImport {
        try await authorizeList(identity)
        try TextInput.check(["filename": fileName, "sheet": sheet ?? ""])
        let outcome = try await NIOThreadPool.singleton.runIfActive {
            () -> Result<(format: ReportFile.Format, rows: [ResponsibilityFile.Row]), ReportFileError> in
            do throws(ReportFileError) { return .success(try ResponsibilityFile.parse(data, sheet: sheet)) } catch { return .failure(error) }
        }
        let parsed: (format: ReportFile.Format, rows: [ResponsibilityFile.Row])
        switch outcome {
        case .success(let value): parsed = value
        case .failure(let error): throw ServiceError.invalid(zh: error.zh, en: error.en, problems: [])
        }
        let plan = try await plans.current().plan
        let context = ResponsibilityFile.Context(
            units: try await store.units(), articleCount: plan.articles.count, targetIDs: Set(plan.targets.map(\.id)),
            year: year ?? clock.today().year)
        let rows = ResponsibilityFile.tasks(parsed.rows, context: context)
        for (row, _, _) in rows {
            let cells = Dictionary(row.cells.map { ("line \(row.line) \($0.key)", $0.value) }, uniquingKeysWith: { a, _ in a })
            try TextInput.check(cells, multiline: Set(cells.keys))
        }
        guard rows.allSatisfy({ $0.problems.isEmpty }) else {
            return ListImport(format: parsed.format, rows: rows, outcomes: nil, dryRun: dryRun)
        }
        let summary = AuditEntry(
            at: timestamp(), actor: actor, action: "tasks.import", unitCode: actor.unitCode, subject: String(fileName.prefix(100)),
            detail: "\(parsed.format.rawValue), \(rows.count) rows")
        let outcomes = try await store.saveTasks(rows.compactMap(\.task), actor: actor, dryRun: dryRun, summary: summary)
        return ListImport(format: parsed.format, rows: rows, outcomes: outcomes, dryRun: dryRun)
    }

    /// A year's list as XLSX in the layout it is imported in.
    public func exportList(year: Int?) async throws -> Data {
        let tasks = try await store.tasks(year: year)
        let units = try await store.units()
        return try await NIOThreadPool.singleton.runIfActive { try ResponsibilityFile.xlsx(tasks, units: units) }
    }

    /// One task as the browser's form sends it: the same fields as a list row.
    public struct TaskForm: Sendable {
        public var year: Int
        public var number, title, lead, support, due, article, targets, milestones, deliverable: String

        public init(
            year: Int, number: String, title: String, lead: String, support: String, due: String, article: String, targets: String,
            milestones: String,
            deliverable: String
        ) {
            self.year = year
            self.number = number
            self.title = title
            self.lead = lead
            self.support = support
            self.due = due
            self.article = article
            self.targets = targets
            self.milestones = milestones
            self.deliverable = deliverable
        }

        public init(_ task: WorkTask, units: [String: ReportingUnit]) {
            func names(_ codes: [String]) -> String { codes.map { units[$0].map { $0.aliases.first ?? $0.nameZh } ?? $0 }.joined(separator: "、") }
            self.init(
                year: task.year, number: task.number, title: task.title, lead: names(task.leadUnits), support: names(task.supportUnits),
                due: task.dueText, article: task.article.map(String.init) ?? "", targets: task.targetIDs.joined(separator: "、"),
                milestones: task.milestones.map { "\($0.due) \($0.deliverable)" }.joined(separator: "\n"), deliverable: task.deliverable)
        }
    }

    /// Adds a task or changes one (`id` names the task being edited: its year and number stay).
    /// Problems come back as `ServiceError.invalid` with the fields' messages.
    public func saveTask(_ form: TaskForm, editing id: String?, identity: Identity?, actor: Actor) async throws -> WorkTask {
        try await authorizeList(identity)
        let cells = [
            "number": form.number, "title": form.title, "lead": form.lead, "support": form.support, "due": form.due, "article": form.article,
            "targets": form.targets, "milestones": form.milestones, "deliverable": form.deliverable, "year": String(form.year),
        ].mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        try TextInput.check(cells, multiline: ["title", "lead", "support", "milestones", "deliverable"])
        let plan = try await plans.current().plan
        let existing = try await store.tasks(year: form.year)
        var old: WorkTask?
        if let id { old = try await task(id) }
        if let old, old.year != form.year || old.number != cells["number"] {
            throw ServiceError.badParameter(name: "number", message: "the year and number of a task stay as they are")
        }
        if old == nil, existing.contains(where: { $0.number == cells["number"] }) {
            throw ServiceError.conflict(
                zh: "\(form.year) 年度已有序号 \(cells["number"] ?? "") 的任务", en: "\(form.year) already has a task numbered \(cells["number"] ?? "")")
        }
        let context = ResponsibilityFile.Context(
            units: try await store.units(), articleCount: plan.articles.count, targetIDs: Set(plan.targets.map(\.id)), year: form.year)
        let resolved = ResponsibilityFile.tasks([ResponsibilityFile.Row(line: 1, cells: cells)], context: context)[0]
        guard var task = resolved.task else {
            throw ServiceError.invalid(
                zh: resolved.problems.map(\.messageZh).joined(separator: "；"), en: resolved.problems.map(\.message).joined(separator: "; "),
                problems: resolved.problems)
        }
        task.position = old?.position ?? ((existing.map(\.position).max() ?? 0) + 1)
        _ = try await store.saveTasks([task], actor: actor, dryRun: false, summary: nil)
        return try await self.task(task.id)
    }

    public func deleteTask(_ id: String, identity: Identity?, actor: Actor) async throws {
        try await authorizeList(identity)
        _ = try await task(id)
        do {
            try await store.deleteTask(id: id, actor: actor)
        } catch let error as SupervisionError {
            throw ServiceError.conflict(zh: error.zh, en: error.en)
        }
    }

    /// Each article's lead and cooperating units in a year, from its tasks.
    public func responsibility(year: Int) async throws -> [Int: (lead: [String], support: [String])] {
        var result: [Int: (lead: [String], support: [String])] = [:]
        for task in try await store.tasks(year: year) {
            guard let article = task.article else { continue }
            var entry = result[article] ?? ([], [])
            for code in task.leadUnits where !entry.lead.contains(code) { entry.lead.append(code) }
            for code in task.supportUnits where !entry.support.contains(code) && !entry.lead.contains(code) { entry.support.append(code) }
            result[article] = entry
        }
        for (article, entry) in result { result[article]?.support = entry.support.filter { !entry.lead.contains($0) } }
        return result
    }
}

/// The tasks of the latest supervision version.
actor TaskCache {
    private var stamp = ""
    private var tasks: [WorkTask] = []

    func tasks(for stamp: String) -> [WorkTask]? { stamp == self.stamp ? tasks : nil }

    func keep(_ tasks: [WorkTask], for stamp: String) {
        self.stamp = stamp
        self.tasks = tasks
    }
}
