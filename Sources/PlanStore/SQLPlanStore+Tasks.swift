import Foundation
import PlanCore
import SQLKit

/// The responsibility list's tasks, their units and milestones.
extension SQLPlanStore {
    /// Carries a dry run's outcomes out of the transaction it rolls back.
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
                return try await Self.finishListSave(outcomes, dryRun: dryRun, summary: summary, on: db)
            }
        } catch let dry as DryRunList {
            return dry.outcomes
        }
    }

    /// Ends saving a list inside its transaction: a dry run throws its outcomes (rolling
    /// everything back); otherwise the supervision version moves and `summary` is appended with
    /// the counts as `after`.
    static func finishListSave(_ outcomes: [RowOutcome], dryRun: Bool, summary: AuditEntry?, on db: any SQLDatabase) async throws -> [RowOutcome] {
        if dryRun { throw DryRunList(outcomes: outcomes) }
        try await bumpSupervisionVersion(db)
        if var summary {
            summary.after =
                "new=\(outcomes.filter { $0 == .new }.count) changed=\(outcomes.filter { $0 == .changed }.count) unchanged=\(outcomes.filter { $0 == .unchanged }.count)"
            try await insertAudit([summary], on: db)
        }
        return outcomes
    }

    static func writeTask(_ task: WorkTask, old: WorkTask?, actor: Actor, now: String, on db: any SQLDatabase) async throws {
        if old == nil {
            try await db.raw(
                """
                INSERT INTO work_tasks (id, year, number, position, title, article, due, due_text, deliverable, target_ids, updated_by, updated_at,
                  listed_on)
                VALUES (\(bind: task.id), \(bind: task.year), \(bind: task.number), \(bind: task.position), \(bind: task.title),
                  \(bind: task.article), \(bind: task.due?.description), \(bind: task.dueText), \(bind: task.deliverable),
                  \(bind: task.targetIDs.joined(separator: ",")), \(bind: actor.username), \(bind: now),
                  \(bind: Day.china(ofTimestamp: now)?.description))
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
}

/// What a dry run of a list save found, thrown to roll its transaction back.
struct DryRunList: Error {
    var outcomes: [RowOutcome]
}
