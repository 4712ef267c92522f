import Foundation
import PlanCore
import SQLKit

extension SQLPlanStore {
    /// Carries a dry run's outcomes out of the transaction it rolls back.
    private struct DryRun: Error {
        var outcomes: [RowOutcome]
    }

    /// The submission row of a unit and period, created as `empty` if missing and locked for the
    /// rest of the transaction (PostgreSQL: `FOR UPDATE`; SQLite's write transaction already
    /// excludes every other writer).
    static func lockSubmission(_ db: any SQLDatabase, unit: String, period: String, postgres: Bool, now: String) async throws -> Submission {
        try await db.raw(
            """
            INSERT INTO submissions (unit_code, period, status, reopened, updated_at)
            VALUES (\(bind: unit), \(bind: period), 'empty', 0, \(bind: now)) ON CONFLICT (unit_code, period) DO NOTHING
            """
        ).run()
        var select: SQLQueryString = "SELECT * FROM submissions WHERE unit_code = \(bind: unit) AND period = \(bind: period)"
        if postgres { select.appendLiteral(" FOR UPDATE") }
        guard let row = try await db.raw(select).first() else { throw StoreError("submission \(unit) \(period) vanished") }
        return try submission(row)
    }

    static func unitRow(_ db: any SQLDatabase, _ unit: String) async throws -> (regionCode: String, nameZh: String) {
        guard let row = try await db.raw("SELECT region_code, name_zh FROM units WHERE code = \(bind: unit)").first() else {
            throw AccountError.unknownUnit(unit)
        }
        return (try row.decode(column: "region_code", as: String.self), try row.decode(column: "name_zh", as: String.self))
    }

    public func saveValues(
        unit: String, changes: [ValueChange], actor: Actor, reason: String, dryRun: Bool, summary: AuditEntry?,
        progress: (@Sendable (_ written: Int, _ total: Int) -> Void)?,
        decide: @escaping @Sendable (Submission) throws -> SubmissionStatus
    ) async throws -> [RowOutcome] {
        let postgres = provider.dialectName == "postgresql"
        do {
            return try await provider.transaction { db in
                _ = try await Self.unitRow(db, unit)
                let now = timestamp()
                let periods = Array(Set(changes.map(\.period.description))).sorted()
                // PostgreSQL: lock every period's submission (in a fixed order) before reading its
                // values, so a concurrent save of the same unit and period waits and then sees
                // these values. SQLite's write transaction already excludes every other writer.
                if postgres {
                    for period in periods { _ = try await Self.lockSubmission(db, unit: unit, period: period, postgres: true, now: now) }
                }
                var existing: [String: ReportValue] = [:]
                var start = 0
                while start < periods.count {
                    let chunk = Array(periods[start..<min(periods.count, start + 500)])
                    for row in try await db.raw("SELECT * FROM report_values WHERE unit_code = \(bind: unit) AND period IN (\(binds: chunk))").all() {
                        let value = try Self.reportValue(row)
                        existing["\(value.period)|\(value.indicatorKey)"] = value
                    }
                    start += 500
                }
                var outcomes: [RowOutcome] = []
                var written: [String: (change: ValueChange, revision: Int, before: Double?)] = [:]
                var order: [String] = []
                for change in changes {
                    let key = "\(change.period)|\(change.indicatorKey)"
                    let old =
                        written[key].map {
                            ReportValue(
                                unitCode: unit, indicatorKey: $0.change.indicatorKey, period: $0.change.period, value: $0.change.value,
                                comment: $0.change.comment, explanation: $0.change.explanation, revision: $0.revision)
                        } ?? existing[key]
                    if let old, old.value == change.value, old.comment == change.comment, old.explanation == change.explanation {
                        outcomes.append(.unchanged)
                        continue
                    }
                    outcomes.append(old == nil ? .new : .changed)
                    if written[key] == nil { order.append(key) }
                    written[key] = (change, (old?.revision ?? 0) + 1, written[key]?.before ?? existing[key]?.value)
                }
                let touched = Set(written.values.map(\.change.period.description)).sorted()
                for period in touched {
                    let submission = try await Self.lockSubmission(db, unit: unit, period: period, postgres: postgres, now: now)
                    let status = try decide(submission)
                    guard status != submission.status || status == .submitted else { continue }
                    let resubmitted = status == .submitted
                    try await db.raw(
                        """
                        UPDATE submissions SET status = \(bind: status.rawValue), updated_at = \(bind: now),
                          first_submitted_at = COALESCE(first_submitted_at, \(bind: resubmitted ? now : nil)),
                          submitted_by = \(bind: resubmitted ? actor.username : submission.submittedBy),
                          reason = \(bind: resubmitted ? reason : submission.reason)
                        WHERE unit_code = \(bind: unit) AND period = \(bind: period)
                        """
                    ).run()
                    if status != submission.status {
                        try await Self.insertAudit(
                            [
                                AuditEntry(
                                    at: now, actor: actor, action: resubmitted ? "submission.resubmit" : "submission.draft", unitCode: unit,
                                    subject: period, before: submission.status.rawValue, after: status.rawValue, detail: reason)
                            ], on: db)
                    }
                }
                let rows = order.compactMap { written[$0] }
                var done = 0
                progress?(0, rows.count)
                while done < rows.count {
                    let chunk = rows[done..<min(rows.count, done + Self.valuesPerChunk)]
                    try await Self.writeValues(chunk, unit: unit, actor: actor, reason: reason, now: now, on: db)
                    done += chunk.count
                    progress?(done, rows.count)
                }
                if dryRun { throw DryRun(outcomes: outcomes) }
                if var summary {
                    summary.after =
                        "new=\(outcomes.filter { $0 == .new }.count) changed=\(outcomes.filter { $0 == .changed }.count) unchanged=\(outcomes.filter { $0 == .unchanged }.count)"
                    try await Self.insertAudit([summary], on: db)
                }
                return outcomes
            }
        } catch let dry as DryRun {
            return dry.outcomes
        }
    }

    /// Values written per round of statements (each table in statements of 200 rows).
    static let valuesPerChunk = 1000

    /// Writes changed values, their revisions and their audit entries.
    static func writeValues(
        _ rows: ArraySlice<(change: ValueChange, revision: Int, before: Double?)>, unit: String, actor: Actor, reason: String, now: String,
        on db: any SQLDatabase
    ) async throws {
        var values: [[any Encodable & Sendable]] = []
        var revisions: [[any Encodable & Sendable]] = []
        var audit: [AuditEntry] = []
        for (change, revision, before) in rows {
            let p = change.period.description
            values.append([
                unit, change.indicatorKey, p, change.value, change.comment, change.explanation, change.flags.joined(separator: ","), revision,
                actor.username, now,
            ])
            revisions.append([
                unit, change.indicatorKey, p, revision, change.value, change.comment, change.explanation, actor.username, now, reason, actor.channel,
            ])
            audit.append(
                AuditEntry(
                    at: now, actor: actor, action: "value.change", unitCode: unit, subject: "\(p) \(change.indicatorKey)",
                    before: before.map { PlainNumber.format($0) } ?? "", after: PlainNumber.format(change.value), detail: reason))
        }
        try await BatchInsert.insert(
            into: "report_values",
            columns: ["unit_code", "indicator_key", "period", "value", "comment", "explanation", "flags", "revision", "updated_by", "updated_at"],
            rows: values, on: db,
            conflict: """
                ON CONFLICT (unit_code, period, indicator_key) DO UPDATE SET value = excluded.value, comment = excluded.comment,
                  explanation = excluded.explanation, flags = excluded.flags, revision = excluded.revision,
                  updated_by = excluded.updated_by, updated_at = excluded.updated_at
                """)
        try await BatchInsert.insert(
            into: "value_revisions",
            columns: [
                "unit_code", "indicator_key", "period", "revision", "value", "comment", "explanation", "changed_by", "changed_at", "reason",
                "channel",
            ],
            rows: revisions, on: db)
        try await insertAudit(audit, on: db)
    }

    public func transition(
        unit: String, period: Period, actor: Actor, action: String,
        decide: @escaping @Sendable (Submission, [ReportValue]) throws -> Transition
    ) async throws -> Submission {
        let postgres = provider.dialectName == "postgresql"
        return try await provider.transaction { db in
            let (regionCode, unitName) = try await Self.unitRow(db, unit)
            let now = timestamp()
            let p = period.description
            let before = try await Self.lockSubmission(db, unit: unit, period: p, postgres: postgres, now: now)
            let values = try await db.raw(
                "SELECT * FROM report_values WHERE unit_code = \(bind: unit) AND period = \(bind: p) ORDER BY indicator_key"
            )
            .all().map(Self.reportValue)
            let next = try decide(before, values)
            let reviewing = action != "submit"
            try await db.raw(
                """
                UPDATE submissions SET status = \(bind: next.status.rawValue), reopened = \(bind: next.reopened ? 1 : 0),
                  reason = \(bind: next.reason), updated_at = \(bind: now),
                  first_submitted_at = COALESCE(first_submitted_at, \(bind: next.status == .submitted ? now : nil)),
                  submitted_by = \(bind: reviewing ? before.submittedBy : actor.username),
                  reviewed_by = \(bind: reviewing ? actor.username : before.reviewedBy)
                WHERE unit_code = \(bind: unit) AND period = \(bind: p)
                """
            ).run()
            // Every approval moves the data version on (pages show the approval even when no value
            // changed), before its values are written so that they carry the new version.
            if next.publish {
                let version = try await Self.bumpDataVersion(db)
                if !values.isEmpty {
                    let rows: [[any Encodable & Sendable]] = values.map { v in
                        [v.indicatorKey, regionCode, p, v.value, "\(unitName)填报，\(actor.username)审核", "", v.comment, "reported", 1, now]
                    }
                    _ = try await Self.upsertObservations(rows, version: version, on: db)
                    try await db.raw("UPDATE report_values SET approved_value = value WHERE unit_code = \(bind: unit) AND period = \(bind: p)").run()
                }
            }
            try await Self.insertAudit(
                [
                    AuditEntry(
                        at: now, actor: actor, action: "submission.\(action)", unitCode: unit, subject: p,
                        before: before.status.rawValue, after: next.status.rawValue, detail: next.reason ?? "")
                ], on: db)
            guard let row = try await db.raw("SELECT * FROM submissions WHERE unit_code = \(bind: unit) AND period = \(bind: p)").first() else {
                throw StoreError("submission \(unit) \(p) vanished")
            }
            return try Self.submission(row)
        }
    }
}
