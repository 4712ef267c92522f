import Foundation
import PlanCore
import SQLKit

extension SQLPlanStore {
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
    /// are out of date. One statement adds one, so concurrent writers each move it (and on
    /// PostgreSQL take turns on its row until they commit).
    static func bumpSupervisionVersion(_ db: any SQLDatabase) async throws {
        try await db.raw(
            "UPDATE plan_meta SET value = CAST(CAST(value AS BIGINT) + 1 AS TEXT) WHERE name = 'supervision_version'"
        ).run()
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
