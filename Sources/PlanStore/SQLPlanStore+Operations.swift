import Foundation
import PlanCore
import SQLKit

extension SQLPlanStore {
    /// The transaction lock that orders stagings on PostgreSQL.
    static let stagingLock: Int64 = 0x504C_414E_5452_4B02

    public func stageImport(_ file: StagedImport, id: String, lifetime: TimeInterval, perUser: Int, totalBytes: Int) async throws {
        let now = now()
        let stale = Timestamp.string(now.addingTimeInterval(-lifetime))
        try await provider.transaction { db in
            // One staging at a time across processes (SQLite's IMMEDIATE transaction already is):
            // two uploads must not both fit under the bounds, nor delete in crossing orders.
            if provider.dialectName == "postgresql" { try await db.raw("SELECT pg_advisory_xact_lock(\(bind: Self.stagingLock))").run() }
            try await db.raw("DELETE FROM staged_imports WHERE staged_at < \(bind: stale)").run()
            let mine = try await db.raw(
                "SELECT id FROM staged_imports WHERE username = \(bind: file.username) ORDER BY staged_at DESC, id"
            ).all().map { try $0.decode(column: "id", as: String.self) }
            for old in mine.dropFirst(max(perUser - 1, 0)) {
                try await db.raw("DELETE FROM staged_imports WHERE id = \(bind: old)").run()
            }
            let sizes = try await db.raw("SELECT id, size FROM staged_imports ORDER BY staged_at, id").all().map {
                (id: try $0.decode(column: "id", as: String.self), size: try $0.decode(column: "size", as: Int.self))
            }
            var total = sizes.reduce(file.data.count) { $0 + $1.size }
            for old in sizes where total > totalBytes {
                try await db.raw("DELETE FROM staged_imports WHERE id = \(bind: old.id)").run()
                total -= old.size
            }
            try await db.raw(
                """
                INSERT INTO staged_imports (id, username, unit_code, file_name, sheet, reason, size, staged_at, data)
                VALUES (\(bind: id), \(bind: file.username), \(bind: file.unit), \(bind: file.fileName), \(bind: file.sheet),
                  \(bind: file.reason), \(bind: file.data.count), \(bind: Timestamp.string(now)), \(bind: file.data))
                """
            ).run()
        }
    }

    public func takeStagedImport(id: String, username: String, unit: String, lifetime: TimeInterval) async throws -> StagedImport? {
        let fresh = Timestamp.string(now().addingTimeInterval(-lifetime))
        return try await provider.withDatabase { db in
            // Taken once, in one statement: of two confirmations of the same preview at once
            // (a double click, another tab, another process) only one gets a row.
            guard
                let row = try await db.raw(
                    """
                    DELETE FROM staged_imports
                    WHERE id = \(bind: id) AND username = \(bind: username) AND unit_code = \(bind: unit) AND staged_at >= \(bind: fresh)
                    RETURNING username, unit_code, file_name, sheet, reason, staged_at, data
                    """
                ).first()
            else { return nil }
            return StagedImport(
                username: try row.decode(column: "username", as: String.self), unit: try row.decode(column: "unit_code", as: String.self),
                fileName: try row.decode(column: "file_name", as: String.self), sheet: try row.decode(column: "sheet", as: String?.self),
                reason: try row.decode(column: "reason", as: String.self), data: try row.decode(column: "data", as: Data.self),
                stagedAt: Timestamp.date(try row.decode(column: "staged_at", as: String.self)) ?? .distantPast)
        }
    }

    public func acquireLease(_ name: String, holder: String, seconds: TimeInterval) async throws -> Bool {
        let now = now()
        let nowText = Timestamp.string(now)
        let until = Timestamp.string(now.addingTimeInterval(seconds))
        return try await provider.withDatabase { db in
            // One statement, so that two processes racing for the same lease cannot both win:
            // it inserts, or takes over an expired lease, or changes nothing.
            try await db.raw(
                """
                INSERT INTO leases (name, holder, expires_at) VALUES (\(bind: name), \(bind: holder), \(bind: until))
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                WHERE leases.expires_at < \(bind: nowText)
                RETURNING holder
                """
            ).first() != nil
        }
    }

    public func releaseLease(_ name: String, holder: String) async throws {
        try await provider.withDatabase { db in
            try await db.raw("DELETE FROM leases WHERE name = \(bind: name) AND holder = \(bind: holder)").run()
        }
    }
}
