import Foundation
import PlanCore
import SQLKit

extension SQLPlanStore {
    public func seedReporting(units: [ReportingUnit], schedule: [ScheduleEntry], tolerances: [String: Double], since: Day? = nil) async throws {
        try await provider.transaction { db in
            guard try await db.raw("SELECT code FROM units").first() == nil else { return }
            if let since {
                try await db.raw("DELETE FROM plan_meta WHERE name = 'calendar_since'").run()
                try await BatchInsert.insert(into: "plan_meta", columns: ["name", "value"], rows: [["calendar_since", since.description]], on: db)
            }
            try await BatchInsert.insert(
                into: "units", columns: ["code", "position", "name_zh", "name_en", "kind", "parent_code", "region_code", "aliases"],
                rows: units.enumerated().map { i, u in
                    [u.code, i, u.nameZh, u.nameEn, u.kind.rawValue, u.parentCode, u.regionCode, u.aliases.joined(separator: "|")]
                },
                on: db)
            try await Self.insertSchedule(schedule, on: db)
            try await BatchInsert.insert(
                into: "reconciliation_tolerances", columns: ["indicator_key", "tolerance"],
                rows: tolerances.sorted { $0.key < $1.key }.map { [$0.key, $0.value] }, on: db)
        }
    }

    static func insertSchedule(_ entries: [ScheduleEntry], on db: any SQLDatabase) async throws {
        try await BatchInsert.insert(
            into: "schedule", columns: ["unit_code", "indicator_key", "frequency", "first_year", "due_days", "lock_days"],
            rows: entries.map { [$0.unitCode, $0.indicatorKey, $0.frequency.rawValue, $0.firstYear, $0.dueDays, $0.lockDays] }, on: db)
    }

    public func calendarSince() async throws -> Day? {
        try await provider.withDatabase { db in
            try await db.raw("SELECT value FROM plan_meta WHERE name = 'calendar_since'").first()
                .flatMap { try $0.decode(column: "value", as: String.self) }.flatMap(Day.init)
        }
    }

    public func schedule(unit: String?) async throws -> [ScheduleEntry] {
        try await provider.withDatabase { db in
            let query: SQLQueryString =
                unit.map {
                    "SELECT s.* FROM schedule s JOIN indicators i ON i.indicator_key = s.indicator_key WHERE s.unit_code = \(bind: $0) ORDER BY i.position, s.frequency"
                }
                ?? "SELECT s.* FROM schedule s JOIN units u ON u.code = s.unit_code JOIN indicators i ON i.indicator_key = s.indicator_key ORDER BY u.position, i.position, s.frequency"
            return try await db.raw(query).all().map { row in
                ScheduleEntry(
                    unitCode: try row.decode(column: "unit_code", as: String.self),
                    indicatorKey: try row.decode(column: "indicator_key", as: String.self),
                    frequency: Frequency(rawValue: try row.decode(column: "frequency", as: String.self)) ?? .annual,
                    firstYear: try row.decode(column: "first_year", as: Int.self), dueDays: try row.decode(column: "due_days", as: Int.self),
                    lockDays: try row.decode(column: "lock_days", as: Int.self))
            }
        }
    }

    public func replaceSchedule(unit: String, entries: [ScheduleEntry], audit: AuditEntry) async throws {
        try await provider.transaction { db in
            guard try await db.raw("SELECT code FROM units WHERE code = \(bind: unit)").first() != nil else { throw AccountError.unknownUnit(unit) }
            try await db.raw("DELETE FROM schedule WHERE unit_code = \(bind: unit)").run()
            try await Self.insertSchedule(entries, on: db)
            try await Self.insertAudit([audit], on: db)
            try await Self.bumpSupervisionVersion(db)
        }
    }

    public func reconciliationTolerances() async throws -> [String: Double] {
        try await provider.withDatabase { db in
            var result: [String: Double] = [:]
            for row in try await db.raw("SELECT indicator_key, tolerance FROM reconciliation_tolerances").all() {
                result[try row.decode(column: "indicator_key", as: String.self)] = try row.decode(column: "tolerance", as: Double.self)
            }
            return result
        }
    }

    static func submission(_ row: any SQLRow) throws -> Submission {
        Submission(
            unitCode: try row.decode(column: "unit_code", as: String.self),
            period: Period(try row.decode(column: "period", as: String.self)) ?? Period(year: 1900),
            status: SubmissionStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft,
            reopened: try row.decode(column: "reopened", as: Int.self) != 0,
            submittedBy: try row.decode(column: "submitted_by", as: String?.self),
            reviewedBy: try row.decode(column: "reviewed_by", as: String?.self), reason: try row.decode(column: "reason", as: String?.self),
            updatedAt: try row.decode(column: "updated_at", as: String.self),
            firstSubmittedAt: try row.decode(column: "first_submitted_at", as: String?.self))
    }

    public func submissions(units: [String]?) async throws -> [Submission] {
        try await provider.withDatabase { db in
            if let units {
                guard !units.isEmpty else { return [] }
                return try await db.raw("SELECT * FROM submissions WHERE unit_code IN (\(binds: units)) ORDER BY unit_code, period").all()
                    .map(Self.submission)
            }
            return try await db.raw("SELECT * FROM submissions ORDER BY unit_code, period").all().map(Self.submission)
        }
    }

    public func submission(unit: String, period: Period) async throws -> Submission {
        try await provider.withDatabase { db in
            try await db.raw("SELECT * FROM submissions WHERE unit_code = \(bind: unit) AND period = \(bind: period.description)").first()
                .map(Self.submission) ?? Submission(unitCode: unit, period: period, status: .empty)
        }
    }

    static func reportValue(_ row: any SQLRow) throws -> ReportValue {
        let flags = try row.decode(column: "flags", as: String.self)
        return ReportValue(
            unitCode: try row.decode(column: "unit_code", as: String.self),
            indicatorKey: try row.decode(column: "indicator_key", as: String.self),
            period: Period(try row.decode(column: "period", as: String.self)) ?? Period(year: 1900),
            value: try row.decode(column: "value", as: Double.self), comment: try row.decode(column: "comment", as: String.self),
            explanation: try row.decode(column: "explanation", as: String.self),
            flags: flags.isEmpty ? [] : flags.split(separator: ",").map(String.init),
            approvedValue: try row.decode(column: "approved_value", as: Double?.self), revision: try row.decode(column: "revision", as: Int.self),
            updatedBy: try row.decode(column: "updated_by", as: String.self), updatedAt: try row.decode(column: "updated_at", as: String.self))
    }

    public func reportValues(unit: String, period: Period?) async throws -> [ReportValue] {
        try await provider.withDatabase { db in
            let query: SQLQueryString =
                period.map {
                    "SELECT * FROM report_values WHERE unit_code = \(bind: unit) AND period = \(bind: $0.description) ORDER BY indicator_key"
                }
                ?? "SELECT * FROM report_values WHERE unit_code = \(bind: unit) ORDER BY period, indicator_key"
            return try await db.raw(query).all().map(Self.reportValue)
        }
    }

    public func reportValues(period: Period) async throws -> [ReportValue] {
        try await provider.withDatabase { db in
            try await db.raw("SELECT * FROM report_values WHERE period = \(bind: period.description) ORDER BY unit_code, indicator_key").all()
                .map(Self.reportValue)
        }
    }

    public func revisions(unit: String, period: Period) async throws -> [ValueRevision] {
        try await provider.withDatabase { db in
            try await db.raw(
                "SELECT * FROM value_revisions WHERE unit_code = \(bind: unit) AND period = \(bind: period.description) ORDER BY changed_at DESC, indicator_key, revision DESC"
            ).all().map { row in
                ValueRevision(
                    indicatorKey: try row.decode(column: "indicator_key", as: String.self),
                    period: Period(try row.decode(column: "period", as: String.self)) ?? period,
                    revision: try row.decode(column: "revision", as: Int.self), value: try row.decode(column: "value", as: Double.self),
                    comment: try row.decode(column: "comment", as: String.self), explanation: try row.decode(column: "explanation", as: String.self),
                    changedBy: try row.decode(column: "changed_by", as: String.self),
                    changedAt: try row.decode(column: "changed_at", as: String.self),
                    reason: try row.decode(column: "reason", as: String.self), channel: try row.decode(column: "channel", as: String.self))
            }
        }
    }
}
