import Foundation
import PlanCore
import SQLKit

extension SQLPlanStore {
    public func appendAudit(_ entries: [AuditEntry]) async throws {
        guard !entries.isEmpty else { return }
        try await provider.transaction { db in try await Self.insertAudit(entries, on: db) }
    }

    static let auditColumns = ["at", "actor", "actor_unit", "ip", "action", "unit_code", "subject", "before_value", "after_value", "detail"]

    /// Appends entries inside the caller's transaction.
    static func insertAudit(_ entries: [AuditEntry], on db: any SQLDatabase) async throws {
        let rows: [[any Encodable & Sendable]] = entries.map {
            [$0.at, $0.actor, $0.actorUnit, $0.ip, $0.action, $0.unitCode, $0.subject, $0.before, $0.after, $0.detail]
        }
        try await BatchInsert.insert(into: "audit_log", columns: auditColumns, rows: rows, on: db)
    }

    public func audit(_ query: AuditQuery) async throws -> (entries: [AuditEntry], total: Int) {
        try await provider.withDatabase { db in
            var filter = SQLQueryString(" WHERE 1 = 1")
            if let actor = query.actor {
                filter.appendLiteral(" AND actor = ")
                filter.appendInterpolation(bind: actor)
            }
            if let action = query.action {
                if action.hasSuffix(".") {
                    filter.appendLiteral(" AND action LIKE ")
                    filter.appendInterpolation(bind: action + "%")
                } else {
                    filter.appendLiteral(" AND action = ")
                    filter.appendInterpolation(bind: action)
                }
            }
            if let units = query.units {
                guard !units.isEmpty else { return ([], 0) }
                filter.appendLiteral(" AND unit_code IN (")
                for (i, unit) in units.enumerated() {
                    if i > 0 { filter.appendLiteral(", ") }
                    filter.appendInterpolation(bind: unit)
                }
                filter.appendLiteral(")")
            }
            if let since = query.since {
                filter.appendLiteral(" AND at >= ")
                filter.appendInterpolation(bind: since)
            }
            if let until = query.until {
                filter.appendLiteral(" AND at <= ")
                filter.appendInterpolation(bind: until)
            }
            var count = SQLQueryString("SELECT COUNT(*) AS n FROM audit_log")
            count.appendInterpolation(filter)
            let total = try await db.raw(count).first()?.decode(column: "n", as: Int.self) ?? 0
            var select = SQLQueryString("SELECT * FROM audit_log")
            select.appendInterpolation(filter)
            select.appendLiteral(" ORDER BY id DESC LIMIT \(max(0, query.limit)) OFFSET \(max(0, query.offset))")
            let entries = try await db.raw(select).all().map { row in
                AuditEntry(
                    id: try row.decode(column: "id", as: Int.self), at: try row.decode(column: "at", as: String.self),
                    actor: try row.decode(column: "actor", as: String.self), actorUnit: try row.decode(column: "actor_unit", as: String.self),
                    ip: try row.decode(column: "ip", as: String.self), action: try row.decode(column: "action", as: String.self),
                    unitCode: try row.decode(column: "unit_code", as: String.self), subject: try row.decode(column: "subject", as: String.self),
                    before: try row.decode(column: "before_value", as: String.self), after: try row.decode(column: "after_value", as: String.self),
                    detail: try row.decode(column: "detail", as: String.self))
            }
            return (entries, total)
        }
    }

    public func failedLogins(username: String, ip: String, since: String) async throws -> (byNameFromAddress: Int, byAddress: Int) {
        try await provider.withDatabase { db in
            // Failures for the name from this address count since the window opened or the name's
            // last successful login from it.
            let byName =
                try await db.raw(
                    """
                    SELECT COUNT(*) AS n FROM audit_log WHERE action = 'login.failed' AND subject = \(bind: username) AND ip = \(bind: ip)
                      AND at >= \(bind: since)
                      AND at > COALESCE((SELECT MAX(at) FROM audit_log WHERE action = 'login' AND subject = \(bind: username) AND ip = \(bind: ip)), '')
                    """
                ).first()?.decode(column: "n", as: Int.self) ?? 0
            let byAddress =
                try await db.raw(
                    "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'login.failed' AND ip = \(bind: ip) AND at >= \(bind: since)"
                ).first()?.decode(column: "n", as: Int.self) ?? 0
            return (byName, byAddress)
        }
    }
}
