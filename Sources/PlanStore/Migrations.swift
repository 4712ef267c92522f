import Foundation
import SQLKit

/// The numbered, append-only schema migrations. A shipped migration is never edited: a change is a
/// new migration. Column types are chosen to mean the same on SQLite and PostgreSQL (`BIGINT`,
/// `DOUBLE PRECISION`, `TEXT`; booleans as 0/1).
enum Migrations {
    struct Migration: Sendable {
        var version: Int
        var name: String
        var statements: [String]
        /// Statements that differ between the dialects, run after `statements`.
        var sqlite: [String] = []
        var postgresql: [String] = []

        func statements(for dialect: String) -> [String] {
            statements + (dialect == "postgresql" ? postgresql : sqlite)
        }
    }

    static let all: [Migration] = [
        Migration(
            version: 1, name: "plan",
            statements: [
                "CREATE TABLE plan_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
                "CREATE TABLE chapters (number BIGINT PRIMARY KEY, title TEXT NOT NULL, introduction TEXT NOT NULL)",
                """
                CREATE TABLE sections (chapter BIGINT NOT NULL REFERENCES chapters(number), number BIGINT NOT NULL,
                  title TEXT NOT NULL, PRIMARY KEY (chapter, number))
                """,
                """
                CREATE TABLE articles (number BIGINT PRIMARY KEY, chapter BIGINT NOT NULL REFERENCES chapters(number),
                  section BIGINT, title TEXT NOT NULL, body TEXT NOT NULL)
                """,
                """
                CREATE TABLE indicators (indicator_key TEXT PRIMARY KEY, position BIGINT NOT NULL, name_zh TEXT NOT NULL,
                  name_en TEXT NOT NULL, unit TEXT NOT NULL, polarity BIGINT NOT NULL, form TEXT NOT NULL,
                  aggregation TEXT NOT NULL, definition_zh TEXT NOT NULL, definition_en TEXT NOT NULL)
                """,
                """
                CREATE TABLE regions (code TEXT PRIMARY KEY, position BIGINT NOT NULL, name_zh TEXT NOT NULL,
                  name_en TEXT NOT NULL, level TEXT NOT NULL, parent_code TEXT, circle TEXT)
                """,
                """
                CREATE TABLE region_groups (group_key TEXT PRIMARY KEY, position BIGINT NOT NULL, name_zh TEXT NOT NULL,
                  name_en TEXT NOT NULL)
                """,
                """
                CREATE TABLE region_group_members (group_key TEXT NOT NULL REFERENCES region_groups(group_key),
                  region_code TEXT NOT NULL REFERENCES regions(code), position BIGINT NOT NULL,
                  PRIMARY KEY (group_key, region_code))
                """,
                """
                CREATE TABLE targets (id TEXT PRIMARY KEY, position BIGINT NOT NULL, source TEXT NOT NULL,
                  indicator_key TEXT NOT NULL REFERENCES indicators(indicator_key), region_code TEXT NOT NULL,
                  kind TEXT NOT NULL, value DOUBLE PRECISION NOT NULL, value_high DOUBLE PRECISION, unit TEXT NOT NULL,
                  base_year BIGINT, base_value DOUBLE PRECISION, deadline TEXT NOT NULL, direction BIGINT NOT NULL,
                  form TEXT NOT NULL, binding BIGINT NOT NULL, binding_reason TEXT NOT NULL, tolerance DOUBLE PRECISION,
                  quote TEXT NOT NULL, note TEXT)
                """,
            ]),
        Migration(
            version: 2, name: "observations",
            statements: [
                """
                CREATE TABLE observations (indicator_key TEXT NOT NULL REFERENCES indicators(indicator_key),
                  region_code TEXT NOT NULL, period TEXT NOT NULL, value DOUBLE PRECISION NOT NULL,
                  source TEXT NOT NULL, link TEXT NOT NULL, quote TEXT NOT NULL, qualifier TEXT NOT NULL,
                  revision BIGINT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (indicator_key, region_code, period))
                """,
                "CREATE INDEX observations_by_region ON observations (region_code)",
            ]),
        Migration(version: 3, name: "accounts", statements: ReportingSchema.accounts),
        Migration(version: 4, name: "reporting", statements: ReportingSchema.reporting),
        Migration(
            version: 5, name: "audit", statements: [],
            sqlite: ReportingSchema.auditSQLite, postgresql: ReportingSchema.auditPostgreSQL),
        // The data version that last changed each observation, so that a reader can take only
        // what changed since the version it holds.
        Migration(
            version: 6, name: "observation versions",
            statements: [
                "ALTER TABLE observations ADD COLUMN data_version BIGINT NOT NULL DEFAULT 0",
                "CREATE INDEX observations_by_version ON observations (data_version)",
            ]),
        // Computed indicators (the formula as JSON, empty for a reported indicator), and on each
        // target why its tolerance departs from the standard one and what its reading assumes.
        Migration(
            version: 7, name: "formulas and assumptions",
            statements: [
                "ALTER TABLE indicators ADD COLUMN formula TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE targets ADD COLUMN tolerance_reason TEXT",
                "ALTER TABLE targets ADD COLUMN assumptions TEXT NOT NULL DEFAULT ''",
            ]),
        // The Chinese version of a target's reading note.
        Migration(version: 8, name: "Chinese reading notes", statements: ["ALTER TABLE targets ADD COLUMN note_zh TEXT"]),
        Migration(
            version: 9, name: "supervision", statements: SupervisionSchema.common, sqlite: SupervisionSchema.sqlite,
            postgresql: SupervisionSchema.postgresql),
        Migration(
            version: 10, name: "supervision orders", statements: SupervisionSchema.orders, sqlite: SupervisionSchema.ordersSQLite,
            postgresql: SupervisionSchema.ordersPostgreSQL),
        Migration(version: 11, name: "policy list", statements: SupervisionSchema.policies),
        Migration(
            version: 12, name: "alert delivery", statements: [], sqlite: SupervisionSchema.deliverySQLite,
            postgresql: SupervisionSchema.deliveryPostgreSQL),
        Migration(version: 13, name: "stocktakes", statements: SupervisionSchema.stocktakes),
        Migration(version: 14, name: "reporting diligence", statements: SupervisionSchema.diligence),
        Migration(version: 15, name: "assessment rounds", statements: AssessmentSchema.tables),
        Migration(
            version: 16, name: "appeals and incentive pools", statements: AssessmentSchema.pools, sqlite: AssessmentSchema.appeals("BLOB"),
            postgresql: AssessmentSchema.appeals("BYTEA")),
        Migration(version: 17, name: "qualitative points", statements: AssessmentSchema.qualitative),
        Migration(version: 18, name: "major-project library", statements: ProjectSchema.tables),
        Migration(
            version: 19, name: "shared process state", statements: [], sqlite: OperationsSchema.tables(bytes: "BLOB"),
            postgresql: OperationsSchema.tables(bytes: "BYTEA")),
    ]

    /// The advisory lock key that setting up a database (migrating, seeding) holds.
    static let setupLock: Int64 = 0x504C_414E_5452_4B01

    /// The schema version this build knows.
    static var latest: Int { all.map(\.version).max() ?? 0 }

    /// Runs every migration newer than the database's, each in its own transaction that first
    /// checks it has not run meanwhile. A database migrated by a newer PlanTrack is refused:
    /// this build would not know what its tables mean.
    static func run(on provider: any DatabaseProvider, at: String) async throws {
        try await provider.withDatabase { db in
            try await db.raw(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            ).run()
        }
        let applied = try await provider.withDatabase { db in
            try await db.raw("SELECT version FROM schema_migrations").all().map { try $0.decode(column: "version", as: Int.self) }
        }
        if let newest = applied.max(), newest > latest { throw StoreError.newerSchema(database: newest, known: latest) }
        let done = Set(applied)
        for migration in all where !done.contains(migration.version) {
            let m = migration
            try await provider.transaction { db in
                let ran = try await db.raw("SELECT version FROM schema_migrations WHERE version = \(bind: m.version)").first()
                guard ran == nil else { return }
                for statement in m.statements(for: provider.dialectName) { try await db.raw(SQLQueryString(statement)).run() }
                try await db.raw(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(bind: m.version), \(bind: m.name), \(bind: at))"
                ).run()
            }
        }
    }
}
