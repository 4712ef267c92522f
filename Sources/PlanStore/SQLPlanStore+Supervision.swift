import Foundation
import PlanCore
import SQLKit

extension SQLPlanStore {
    /// Carries a dry run's outcomes out of the transaction it rolls back.
    private struct DryRunTasks: Error {
        var outcomes: [RowOutcome]
    }

    public func addUnitAliases(_ aliases: [String: [String]]) async throws {
        try await provider.transaction { db in
            for (code, names) in aliases.sorted(by: { $0.key < $1.key }) where !names.isEmpty {
                try await db.raw(
                    "UPDATE units SET aliases = \(bind: names.joined(separator: "|")) WHERE code = \(bind: code) AND aliases = ''"
                ).run()
            }
        }
    }

    /// Moves the supervision version on, inside the caller's transaction: alerts computed before
    /// are out of date.
    static func bumpSupervisionVersion(_ db: any SQLDatabase) async throws {
        let current = try await db.raw("SELECT value FROM plan_meta WHERE name = 'supervision_version'").first()
            .flatMap { Int(try $0.decode(column: "value", as: String.self)) }
        if let current {
            try await db.raw("UPDATE plan_meta SET value = \(bind: String(current + 1)) WHERE name = 'supervision_version'").run()
        } else {
            try await db.raw("INSERT INTO plan_meta (name, value) VALUES ('supervision_version', '1')").run()
        }
    }

    public func alertInputsStamp() async throws -> String {
        try await provider.withDatabase { db in
            let row = try await db.raw(
                """
                SELECT (SELECT value FROM plan_meta WHERE name = 'supervision_version') AS supervision,
                  (SELECT value FROM plan_meta WHERE name = 'data_version') AS data,
                  (SELECT MAX(updated_at) FROM submissions) AS submissions
                """
            ).first()
            let parts = try ["supervision", "data", "submissions"].map { try row?.decode(column: $0, as: String?.self) ?? "" }
            return parts.joined(separator: "|")
        }
    }

    // MARK: Tasks

    public func tasks(year: Int?) async throws -> [WorkTask] {
        try await provider.withDatabase { db in try await Self.readTasks(db, year: year, id: nil) }
    }

    public func task(id: String) async throws -> WorkTask? {
        try await provider.withDatabase { db in try await Self.readTasks(db, year: nil, id: id).first }
    }

    static func readTasks(_ db: any SQLDatabase, year: Int?, id: String?) async throws -> [WorkTask] {
        var filter = SQLQueryString(" WHERE 1 = 1")
        if let year { filter.appendInterpolation(" AND year = \(bind: year)" as SQLQueryString) }
        if let id { filter.appendInterpolation(" AND id = \(bind: id)" as SQLQueryString) }
        var select = SQLQueryString("SELECT * FROM work_tasks")
        select.appendInterpolation(filter)
        select.appendLiteral(" ORDER BY year, position")
        var tasks: [WorkTask] = []
        for row in try await db.raw(select).all() {
            let number = try row.decode(column: "number", as: String.self)
            let dueText = try row.decode(column: "due_text", as: String.self)
            let targets = try row.decode(column: "target_ids", as: String.self)
            tasks.append(
                WorkTask(
                    year: try row.decode(column: "year", as: Int.self), number: number, position: try row.decode(column: "position", as: Int.self),
                    title: try row.decode(column: "title", as: String.self), article: try row.decode(column: "article", as: Int?.self),
                    leadUnits: [], due: try row.decode(column: "due", as: String?.self).flatMap(Day.init), dueText: dueText,
                    deliverable: try row.decode(column: "deliverable", as: String.self),
                    targetIDs: targets.split(separator: ",").map(String.init)))
        }
        guard !tasks.isEmpty else { return [] }
        let index = Dictionary(uniqueKeysWithValues: tasks.enumerated().map { ($1.id, $0) })
        var unitsQuery = SQLQueryString("SELECT tu.task_id, tu.unit_code, tu.role FROM task_units tu JOIN work_tasks t ON t.id = tu.task_id")
        unitsQuery.appendInterpolation(filter)
        unitsQuery.appendLiteral(" ORDER BY tu.task_id, tu.position")
        for row in try await db.raw(unitsQuery).all() {
            guard let i = index[try row.decode(column: "task_id", as: String.self)] else { continue }
            let code = try row.decode(column: "unit_code", as: String.self)
            if try row.decode(column: "role", as: String.self) == "lead" {
                tasks[i].leadUnits.append(code)
            } else {
                tasks[i].supportUnits.append(code)
            }
        }
        var milestones = SQLQueryString("SELECT m.* FROM task_milestones m JOIN work_tasks t ON t.id = m.task_id")
        milestones.appendInterpolation(filter)
        milestones.appendLiteral(" ORDER BY m.task_id, m.seq")
        for row in try await db.raw(milestones).all() {
            guard let i = index[try row.decode(column: "task_id", as: String.self)],
                let due = Day(try row.decode(column: "due", as: String.self))
            else { continue }
            tasks[i].milestones.append(
                Milestone(
                    due: due, deliverable: try row.decode(column: "deliverable", as: String.self),
                    doneOn: try row.decode(column: "done_on", as: String?.self).flatMap(Day.init),
                    doneBy: try row.decode(column: "done_by", as: String?.self)))
        }
        return tasks
    }

    public func saveTasks(_ tasks: [WorkTask], actor: Actor, dryRun: Bool, summary: AuditEntry?) async throws -> [RowOutcome] {
        do {
            return try await provider.transaction { db in
                let now = timestamp()
                var outcomes: [RowOutcome] = []
                for task in tasks {
                    let old = try await Self.readTasks(db, year: nil, id: task.id).first
                    if let old, old.sameContent(as: task) {
                        if old.position != task.position {
                            try await db.raw("UPDATE work_tasks SET position = \(bind: task.position) WHERE id = \(bind: task.id)").run()
                        }
                        outcomes.append(.unchanged)
                        continue
                    }
                    outcomes.append(old == nil ? .new : .changed)
                    try await Self.writeTask(task, old: old, actor: actor, now: now, on: db)
                    try await Self.insertAudit(
                        [
                            AuditEntry(
                                at: now, actor: actor, action: old == nil ? "task.create" : "task.change",
                                unitCode: task.leadUnits.first ?? actor.unitCode,
                                subject: task.id, before: old.map { String($0.title.prefix(200)) } ?? "", after: String(task.title.prefix(200)))
                        ], on: db)
                }
                if dryRun { throw DryRunTasks(outcomes: outcomes) }
                try await Self.bumpSupervisionVersion(db)
                if var summary {
                    summary.after =
                        "new=\(outcomes.filter { $0 == .new }.count) changed=\(outcomes.filter { $0 == .changed }.count) unchanged=\(outcomes.filter { $0 == .unchanged }.count)"
                    try await Self.insertAudit([summary], on: db)
                }
                return outcomes
            }
        } catch let dry as DryRunTasks {
            return dry.outcomes
        }
    }

    static func writeTask(_ task: WorkTask, old: WorkTask?, actor: Actor, now: String, on db: any SQLDatabase) async throws {
        if old == nil {
            try await db.raw(
                """
                INSERT INTO work_tasks (id, year, number, position, title, article, due, due_text, deliverable, target_ids, updated_by, updated_at)
                VALUES (\(bind: task.id), \(bind: task.year), \(bind: task.number), \(bind: task.position), \(bind: task.title),
                  \(bind: task.article), \(bind: task.due?.description), \(bind: task.dueText), \(bind: task.deliverable),
                  \(bind: task.targetIDs.joined(separator: ",")), \(bind: actor.username), \(bind: now))
                """
            ).run()
        } else {
            try await db.raw(
                """
                UPDATE work_tasks SET position = \(bind: task.position), title = \(bind: task.title), article = \(bind: task.article),
                  due = \(bind: task.due?.description), due_text = \(bind: task.dueText), deliverable = \(bind: task.deliverable),
                  target_ids = \(bind: task.targetIDs.joined(separator: ",")), updated_by = \(bind: actor.username), updated_at = \(bind: now)
                WHERE id = \(bind: task.id)
                """
            ).run()
            try await db.raw("DELETE FROM task_units WHERE task_id = \(bind: task.id)").run()
            try await db.raw("DELETE FROM task_milestones WHERE task_id = \(bind: task.id)").run()
        }
        var unitRows: [[any Encodable & Sendable]] = []
        for (i, code) in task.units.enumerated() { unitRows.append([task.id, code, task.leadUnits.contains(code) ? "lead" : "support", i]) }
        try await BatchInsert.insert(into: "task_units", columns: ["task_id", "unit_code", "role", "position"], rows: unitRows, on: db)
        let done = Dictionary(
            (old?.milestones ?? []).filter { $0.doneOn != nil }.map { ("\($0.due)|\($0.deliverable)", $0) }, uniquingKeysWith: { a, _ in a })
        let milestoneRows: [[any Encodable & Sendable]] = task.milestones.enumerated().map { i, m in
            let kept = done["\(m.due)|\(m.deliverable)"]
            return [task.id, i + 1, m.due.description, m.deliverable, kept?.doneOn?.description, kept?.doneBy]
        }
        try await BatchInsert.insert(
            into: "task_milestones", columns: ["task_id", "seq", "due", "deliverable", "done_on", "done_by"], rows: milestoneRows, on: db)
    }

    public func deleteTask(id: String, actor: Actor) async throws {
        try await provider.transaction { db in
            guard let task = try await Self.readTasks(db, year: nil, id: id).first else { throw StoreError("no task \(id)") }
            if try await db.raw("SELECT task_id FROM task_progress WHERE task_id = \(bind: id) LIMIT 1").first() != nil {
                throw SupervisionError(zh: "该任务已有进展报告，不能删除", en: "The task has progress reports: it cannot be deleted")
            }
            try await db.raw("DELETE FROM task_milestones WHERE task_id = \(bind: id)").run()
            try await db.raw("DELETE FROM task_units WHERE task_id = \(bind: id)").run()
            try await db.raw("DELETE FROM work_tasks WHERE id = \(bind: id)").run()
            try await Self.bumpSupervisionVersion(db)
            try await Self.insertAudit(
                [
                    AuditEntry(
                        at: timestamp(), actor: actor, action: "task.delete", unitCode: task.leadUnits.first ?? actor.unitCode, subject: id,
                        before: String(task.title.prefix(200)))
                ], on: db)
        }
    }

    // MARK: Progress

    public func progress(taskIDs: [String]?, units: [String]?) async throws -> [ProgressReport] {
        try await provider.withDatabase { db in try await Self.readProgress(db, taskIDs: taskIDs, units: units, period: nil) }
    }

    public func latestCountingProgress(taskIDs: [String]?) async throws -> [ProgressReport] {
        if taskIDs?.isEmpty == true { return [] }
        return try await provider.withDatabase { db in
            var filter = SQLQueryString("")
            if let taskIDs { filter.appendInterpolation(" AND task_id IN (\(binds: taskIDs))" as SQLQueryString) }
            var select = SQLQueryString(
                """
                SELECT p.* FROM task_progress p JOIN (SELECT task_id AS t, unit_code AS u, MAX(period) AS latest FROM task_progress
                  WHERE state IN ('submitted', 'approved')
                """)
            select.appendInterpolation(filter)
            select.appendLiteral(" GROUP BY task_id, unit_code) m ON p.task_id = m.t AND p.unit_code = m.u AND p.period = m.latest")
            return try await db.raw(select).all().compactMap { try Self.progressRow($0) }
        }
    }

    static func progressRow(_ row: any SQLRow) throws -> ProgressReport? {
        guard let period = Period(try row.decode(column: "period", as: String.self)) else { return nil }
        return ProgressReport(
            taskID: try row.decode(column: "task_id", as: String.self), unitCode: try row.decode(column: "unit_code", as: String.self),
            period: period, status: TaskStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .notStarted,
            confidence: DeliveryConfidence(rawValue: try row.decode(column: "confidence", as: String.self)) ?? .mediumLow,
            narrative: try row.decode(column: "narrative", as: String.self),
            state: ProgressState(rawValue: try row.decode(column: "state", as: String.self)) ?? .draft,
            reason: try row.decode(column: "reason", as: String?.self), updatedBy: try row.decode(column: "updated_by", as: String.self),
            updatedAt: try row.decode(column: "updated_at", as: String.self), submittedBy: try row.decode(column: "submitted_by", as: String?.self),
            reviewedBy: try row.decode(column: "reviewed_by", as: String?.self))
    }

    static func readProgress(_ db: any SQLDatabase, taskIDs: [String]?, units: [String]?, period: String?) async throws -> [ProgressReport] {
        if taskIDs?.isEmpty == true || units?.isEmpty == true { return [] }
        var filter = SQLQueryString(" WHERE 1 = 1")
        if let taskIDs { filter.appendInterpolation(" AND task_id IN (\(binds: taskIDs))" as SQLQueryString) }
        if let units { filter.appendInterpolation(" AND unit_code IN (\(binds: units))" as SQLQueryString) }
        if let period { filter.appendInterpolation(" AND period = \(bind: period)" as SQLQueryString) }
        var select = SQLQueryString("SELECT * FROM task_progress")
        select.appendInterpolation(filter)
        select.appendLiteral(" ORDER BY task_id, unit_code, period")
        var reports = try await db.raw(select).all().compactMap { try progressRow($0) }
        guard !reports.isEmpty else { return [] }
        let index = Dictionary(uniqueKeysWithValues: reports.enumerated().map { ("\($1.taskID)|\($1.unitCode)|\($1.period)", $0) })
        var files = SQLQueryString(
            "SELECT id, task_id, unit_code, period, file_name, content_type, size, sha256, uploaded_by, uploaded_at FROM evidence_files")
        files.appendInterpolation(filter)
        files.appendLiteral(" ORDER BY uploaded_at, id")
        for row in try await db.raw(files).all() {
            let key =
                "\(try row.decode(column: "task_id", as: String.self))|\(try row.decode(column: "unit_code", as: String.self))|\(try row.decode(column: "period", as: String.self))"
            guard let i = index[key] else { continue }
            reports[i].evidence.append(try evidenceInfo(row))
        }
        return reports
    }

    static func evidenceInfo(_ row: any SQLRow) throws -> EvidenceInfo {
        EvidenceInfo(
            id: try row.decode(column: "id", as: String.self), fileName: try row.decode(column: "file_name", as: String.self),
            contentType: try row.decode(column: "content_type", as: String.self), size: try row.decode(column: "size", as: Int.self),
            sha256: try row.decode(column: "sha256", as: String.self), uploadedBy: try row.decode(column: "uploaded_by", as: String.self),
            uploadedAt: try row.decode(column: "uploaded_at", as: String.self))
    }

    /// The stored report, locked for the rest of the transaction on PostgreSQL (the task row is
    /// locked: saves and steps on one task's reports take turns).
    static func lockProgress(_ db: any SQLDatabase, taskID: String, unit: String, period: String, postgres: Bool) async throws -> ProgressReport? {
        var lock: SQLQueryString = "SELECT id FROM work_tasks WHERE id = \(bind: taskID)"
        if postgres { lock.appendLiteral(" FOR UPDATE") }
        guard try await db.raw(lock).first() != nil else { throw StoreError("no task \(taskID)") }
        return try await readProgress(db, taskIDs: [taskID], units: [unit], period: period).first
    }

    public func saveProgress(
        _ report: ProgressReport, evidence: [NewEvidence], milestonesDone: [Int], on day: Day, actor: Actor,
        decide: @escaping @Sendable (ProgressReport?) throws -> ProgressState
    ) async throws -> ProgressReport {
        let postgres = provider.dialectName == "postgresql"
        return try await provider.transaction { db in
            let now = timestamp()
            let period = report.period.description
            let old = try await Self.lockProgress(db, taskID: report.taskID, unit: report.unitCode, period: period, postgres: postgres)
            let state = try decide(old)
            if old == nil {
                try await db.raw(
                    """
                    INSERT INTO task_progress (task_id, unit_code, period, status, confidence, narrative, state, reason, updated_by, updated_at)
                    VALUES (\(bind: report.taskID), \(bind: report.unitCode), \(bind: period), \(bind: report.status.rawValue),
                      \(bind: report.confidence.rawValue), \(bind: report.narrative), \(bind: state.rawValue), \(bind: String?.none),
                      \(bind: actor.username), \(bind: now))
                    """
                ).run()
            } else {
                try await db.raw(
                    """
                    UPDATE task_progress SET status = \(bind: report.status.rawValue), confidence = \(bind: report.confidence.rawValue),
                      narrative = \(bind: report.narrative), state = \(bind: state.rawValue), updated_by = \(bind: actor.username),
                      updated_at = \(bind: now)
                    WHERE task_id = \(bind: report.taskID) AND unit_code = \(bind: report.unitCode) AND period = \(bind: period)
                    """
                ).run()
            }
            // Ids sort in upload order: the time, the file's place in this upload, then randomness.
            let stamp = now.filter(\.isNumber)
            for (i, file) in evidence.enumerated() {
                try await db.raw(
                    """
                    INSERT INTO evidence_files (id, task_id, unit_code, period, file_name, content_type, size, sha256, uploaded_by, uploaded_at, data)
                    VALUES (\(bind: "\(stamp)-\(i)-\(UUID().uuidString.prefix(8).lowercased())"), \(bind: report.taskID), \(bind: report.unitCode), \(bind: period),
                      \(bind: file.fileName), \(bind: file.contentType), \(bind: file.data.count), \(bind: file.sha256), \(bind: actor.username),
                      \(bind: now), \(bind: file.data))
                    """
                ).run()
            }
            for seq in Set(milestonesDone).sorted() {
                try await db.raw(
                    """
                    UPDATE task_milestones SET done_on = \(bind: day.description), done_by = \(bind: report.unitCode)
                    WHERE task_id = \(bind: report.taskID) AND seq = \(bind: seq) AND done_on IS NULL
                    """
                ).run()
            }
            try await Self.bumpSupervisionVersion(db)
            let before = old.map { "\($0.state.rawValue) \($0.status.rawValue) \($0.confidence.rawValue)" } ?? ""
            var detail = evidence.isEmpty ? "" : "evidence: " + evidence.map(\.fileName).joined(separator: ", ")
            if !milestonesDone.isEmpty {
                detail += (detail.isEmpty ? "" : "; ") + "milestones done: \(milestonesDone.map(String.init).joined(separator: ","))"
            }
            try await Self.insertAudit(
                [
                    AuditEntry(
                        at: now, actor: actor, action: "progress.save", unitCode: report.unitCode, subject: "\(report.taskID) \(period)",
                        before: before, after: "\(state.rawValue) \(report.status.rawValue) \(report.confidence.rawValue)", detail: detail)
                ], on: db)
            guard let saved = try await Self.readProgress(db, taskIDs: [report.taskID], units: [report.unitCode], period: period).first else {
                throw StoreError("progress \(report.taskID) vanished")
            }
            return saved
        }
    }

    public func transitionProgress(
        taskID: String, unit: String, period: Period, actor: Actor, action: String, reason: String?,
        decide: @escaping @Sendable (ProgressReport?) throws -> ProgressState
    ) async throws -> ProgressReport {
        let postgres = provider.dialectName == "postgresql"
        return try await provider.transaction { db in
            let now = timestamp()
            let old = try await Self.lockProgress(db, taskID: taskID, unit: unit, period: period.description, postgres: postgres)
            let state = try decide(old)
            guard let old else { throw StoreError("no progress \(taskID) \(unit) \(period)") }
            let submitted = state == .submitted
            try await Self.bumpSupervisionVersion(db)
            try await db.raw(
                """
                UPDATE task_progress SET state = \(bind: state.rawValue), updated_at = \(bind: now),
                  reason = \(bind: state == .returned ? reason : submitted ? nil : old.reason),
                  submitted_by = \(bind: submitted ? actor.username : old.submittedBy),
                  reviewed_by = \(bind: state == .approved || state == .returned ? actor.username : old.reviewedBy)
                WHERE task_id = \(bind: taskID) AND unit_code = \(bind: unit) AND period = \(bind: period.description)
                """
            ).run()
            try await Self.insertAudit(
                [
                    AuditEntry(
                        at: now, actor: actor, action: "progress.\(action)", unitCode: unit, subject: "\(taskID) \(period)",
                        before: old.state.rawValue, after: state.rawValue, detail: reason ?? "")
                ], on: db)
            guard let saved = try await Self.readProgress(db, taskIDs: [taskID], units: [unit], period: period.description).first else {
                throw StoreError("progress \(taskID) vanished")
            }
            return saved
        }
    }

    public func evidenceFile(id: String) async throws -> StoredEvidence? {
        try await provider.withDatabase { db in
            guard let row = try await db.raw("SELECT * FROM evidence_files WHERE id = \(bind: id)").first(),
                let period = Period(try row.decode(column: "period", as: String.self))
            else { return nil }
            return StoredEvidence(
                info: try Self.evidenceInfo(row), taskID: try row.decode(column: "task_id", as: String.self),
                unitCode: try row.decode(column: "unit_code", as: String.self), period: period, data: try row.decode(column: "data", as: Data.self))
        }
    }

    // MARK: Alerts

    public func alertMarks() async throws -> [AlertMark] {
        try await provider.withDatabase { db in
            try await db.raw("SELECT * FROM alert_marks ORDER BY alert_key, username").all().compactMap { row in
                guard let kind = AlertMark.Kind(rawValue: try row.decode(column: "mark", as: String.self)) else { return nil }
                return AlertMark(
                    key: try row.decode(column: "alert_key", as: String.self), username: try row.decode(column: "username", as: String.self),
                    kind: kind, at: try row.decode(column: "at", as: String.self))
            }
        }
    }

    public func markAlert(key: String, username: String, mark: AlertMark.Kind?, actor: Actor, unitCode: String) async throws {
        try await provider.transaction { db in
            let now = timestamp()
            let before = try await db.raw("SELECT mark FROM alert_marks WHERE alert_key = \(bind: key) AND username = \(bind: username)").first()
                .map { try $0.decode(column: "mark", as: String.self) }
            try await db.raw("DELETE FROM alert_marks WHERE alert_key = \(bind: key) AND username = \(bind: username)").run()
            if let mark {
                try await db.raw(
                    "INSERT INTO alert_marks (alert_key, username, mark, at) VALUES (\(bind: key), \(bind: username), \(bind: mark.rawValue), \(bind: now))"
                ).run()
            }
            try await Self.insertAudit(
                [
                    AuditEntry(
                        at: now, actor: actor, action: "alert.\(mark?.rawValue ?? "unmark")", unitCode: unitCode, subject: key, before: before ?? "",
                        after: mark?.rawValue ?? "")
                ], on: db)
        }
    }
}
