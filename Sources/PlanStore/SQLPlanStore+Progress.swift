import Foundation
import PlanCore
import SQLKit

/// Task progress reports and their evidence files.
extension SQLPlanStore {
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

    public func recentCountingProgress(taskIDs: [String]?, count: Int) async throws -> [ProgressReport] {
        if taskIDs?.isEmpty == true { return [] }
        return try await provider.withDatabase { db in
            var inner = SQLQueryString(
                """
                SELECT p.*, ROW_NUMBER() OVER (PARTITION BY task_id, unit_code ORDER BY period DESC) AS recent FROM task_progress p
                WHERE state IN ('submitted', 'approved')
                """)
            if let taskIDs { inner.appendInterpolation(" AND task_id IN (\(binds: taskIDs))" as SQLQueryString) }
            var select = SQLQueryString("SELECT * FROM (")
            select.appendInterpolation(inner)
            select.appendInterpolation(") r WHERE recent <= \(bind: count) ORDER BY task_id, unit_code, period DESC" as SQLQueryString)
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
                  first_submitted_at = COALESCE(first_submitted_at, \(bind: submitted ? now : nil)),
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
}
