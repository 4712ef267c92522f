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
            for table in [
                "delivery_outbox", "alert_deliveries", "subscriptions", "policies", "order_files", "order_events", "supervision_orders",
                "alert_marks", "evidence_files", "task_progress", "task_milestones",
                "task_units", "work_tasks", "audit_log", "value_revisions",
                "report_values", "submissions", "reconciliation_tolerances", "schedule", "api_tokens", "sessions",
                "users", "units", "observations", "targets", "region_group_members", "region_groups", "regions", "indicators", "articles",
                "sections", "chapters", "plan_meta", "schema_migrations",
            ] {
                try await db.raw("DROP TABLE IF EXISTS \(unsafeRaw: table) CASCADE").run()
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
