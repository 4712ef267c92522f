import Foundation
import PlanCore
import SQLKit

extension SQLPlanStore {
    public func diligenceFacts(unit: String?, from: Period?, through: Period?) async throws -> DiligenceFacts {
        try await provider.withDatabase { db in
            let unitFilter: SQLQueryString = unit.map { "v.unit_code = \(bind: $0)" } ?? "1 = 1"
            let figures = try await db.raw(
                """
                SELECT v.unit_code, v.period, v.indicator_key, v.flags,
                  (SELECT MAX(r.changed_at) FROM value_revisions r WHERE r.unit_code = v.unit_code AND r.period = v.period
                    AND r.indicator_key = v.indicator_key AND r.revision > 1) AS changed_at
                FROM report_values v WHERE \(unitFilter)
                """
            ).all().compactMap { row -> DiligenceFacts.Figure? in
                guard let period = Period(try row.decode(column: "period", as: String.self)) else { return nil }
                return DiligenceFacts.Figure(
                    unitCode: try row.decode(column: "unit_code", as: String.self), period: period,
                    indicatorKey: try row.decode(column: "indicator_key", as: String.self),
                    flagged: !(try row.decode(column: "flags", as: String.self)).isEmpty,
                    changedAt: try row.decode(column: "changed_at", as: String?.self))
            }
            var filters: [SQLQueryString] = []
            if let unit { filters.append("p.unit_code = \(bind: unit)") }
            if let from { filters.append("p.period >= \(bind: from.description)") }
            if let through { filters.append("p.period <= \(bind: through.description)") }
            let condition = filters.dropFirst().reduce(filters.first ?? "1 = 1") { "\($0) AND \($1)" }
            let progress = try await db.raw(
                """
                SELECT p.task_id, p.unit_code, p.period, p.state, p.status, p.first_submitted_at,
                  (SELECT COUNT(*) FROM evidence_files e WHERE e.task_id = p.task_id AND e.unit_code = p.unit_code AND e.period = p.period)
                    AS evidence
                FROM task_progress p WHERE \(condition)
                """
            ).all().compactMap { row -> ProgressFact? in
                guard let period = Period(try row.decode(column: "period", as: String.self)),
                    let state = ProgressState(rawValue: try row.decode(column: "state", as: String.self)),
                    let status = TaskStatus(rawValue: try row.decode(column: "status", as: String.self))
                else { return nil }
                return ProgressFact(
                    taskID: try row.decode(column: "task_id", as: String.self), unitCode: try row.decode(column: "unit_code", as: String.self),
                    period: period, state: state, status: status, firstSubmittedAt: try row.decode(column: "first_submitted_at", as: String?.self),
                    evidence: try row.decode(column: "evidence", as: Int.self))
            }
            // The partial index of reports saying done answers this without reading the others.
            let doneUnit: SQLQueryString = unit.map { " AND unit_code = \(bind: $0)" } ?? ""
            var doneIn: [String: Period] = [:]
            for row in try await db.raw(
                """
                SELECT task_id, unit_code, MIN(period) AS period FROM task_progress
                WHERE status = 'done' AND state IN ('submitted', 'approved')\(doneUnit) GROUP BY task_id, unit_code
                """
            ).all() {
                guard let period = Period(try row.decode(column: "period", as: String.self)) else { continue }
                doneIn["\(try row.decode(column: "task_id", as: String.self))|\(try row.decode(column: "unit_code", as: String.self))"] = period
            }
            var listedOn: [String: Day] = [:]
            for row in try await db.raw("SELECT id, listed_on FROM work_tasks").all() {
                if let day = try row.decode(column: "listed_on", as: String?.self).flatMap(Day.init) {
                    listedOn[try row.decode(column: "id", as: String.self)] = day
                }
            }
            return DiligenceFacts(figures: figures, progress: progress, doneIn: doneIn, listedOn: listedOn)
        }
    }
}
