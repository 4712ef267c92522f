import Foundation
import PlanCatalog
import PlanCore
import PlanStore
import Testing

/// The databases the contract runs against: SQLite always, PostgreSQL when `POSTGRES_URL` is set.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    static var available: [StoreKind] {
        (ProcessInfo.processInfo.environment["POSTGRES_URL"] ?? "").isEmpty ? [.sqlite] : [.sqlite, .postgres]
    }
}

/// A fresh, migrated store of the given kind; PostgreSQL tables are dropped first, so the tests of
/// that kind run one at a time.
func withStore(_ kind: StoreKind, _ body: (SQLPlanStore) async throws -> Void) async throws {
    switch kind {
    case .sqlite:
        let store = SQLPlanStore(provider: try await SQLiteProvider(path: nil))
        try await store.migrate()
        try await body(store)
        try await store.shutdown()
    case .postgres:
        let provider = try PostgresProvider(url: ProcessInfo.processInfo.environment["POSTGRES_URL"]!)
        let pool = Task { await provider.run() }
        defer { pool.cancel() }
        try await provider.withDatabase { db in
            // Every table of the schema, whatever the migrations have made so far.
            let tables = try await db.raw("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").all()
                .map { try $0.decode(column: "tablename", as: String.self) }
            for table in tables {
                try await db.raw("DROP TABLE IF EXISTS \(unsafeRaw: "\"\(table)\"") CASCADE").run()
            }
            try await db.raw("DROP FUNCTION IF EXISTS audit_log_append_only() CASCADE").run()
        }
        let store = SQLPlanStore(provider: provider)
        try await store.migrate()
        try await body(store)
    }
}

enum Bundled {
    static let plan = try! Catalog.bundled()
    static let observations = try! Catalog.bundledObservations()
    static let reporting = try! Catalog.bundledReporting(plan: plan)
}
