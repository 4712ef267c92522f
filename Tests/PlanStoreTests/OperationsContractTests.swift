import Foundation
import PlanCatalog
import PlanCore
import PlanStore
import SQLKit
import Testing

/// What server processes share through the database, on SQLite and PostgreSQL: staged imports,
/// leases, the setup lock and the refusal of a newer schema.
extension StoreContractTests {
    static func staged(_ user: String, bytes: Int = 10, unit: String = "370100") -> StagedImport {
        StagedImport(username: user, unit: unit, fileName: "f.xlsx", sheet: "表1", reason: "r", data: Data(repeating: 7, count: bytes))
    }

    @Test(arguments: StoreKind.available)
    func stagedImportsAreTakenOnceByTheirOwnerWithinTheirLifetime(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await store.stageImport(Self.staged("a"), id: "one", lifetime: 60, perUser: 3, totalBytes: 1000)
            #expect(try await store.takeStagedImport(id: "one", username: "b", unit: "370100", lifetime: 60) == nil, "another user")
            #expect(try await store.takeStagedImport(id: "one", username: "a", unit: "370200", lifetime: 60) == nil, "another unit")
            let taken = try await store.takeStagedImport(id: "one", username: "a", unit: "370100", lifetime: 60)
            #expect(taken?.data == Data(repeating: 7, count: 10) && taken?.sheet == "表1" && taken?.fileName == "f.xlsx")
            #expect(try await store.takeStagedImport(id: "one", username: "a", unit: "370100", lifetime: 60) == nil, "taken once")
            // A lifetime of zero: what was staged before now is gone.
            try await store.stageImport(Self.staged("a"), id: "old", lifetime: 60, perUser: 3, totalBytes: 1000)
            try await Task.sleep(for: .milliseconds(20))
            #expect(try await store.takeStagedImport(id: "old", username: "a", unit: "370100", lifetime: 0.001) == nil)
        }
    }

    /// Confirmations of one preview at once (a double click, two tabs, two processes): one takes it.
    @Test(arguments: StoreKind.available)
    func aStagedImportConfirmedManyTimesAtOnceIsTakenOnce(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            for round in 0..<5 {
                try await store.stageImport(Self.staged("a"), id: "race\(round)", lifetime: 60, perUser: 3, totalBytes: 1000)
                let taken = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for _ in 0..<8 {
                        group.addTask { try await store.takeStagedImport(id: "race\(round)", username: "a", unit: "370100", lifetime: 60) != nil }
                    }
                    return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
                }
                #expect(taken == 1, "round \(round)")
            }
        }
    }

    @Test(arguments: StoreKind.available)
    func stagingKeepsAFewPerUserAndABoundedTotal(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            for i in 1...4 {
                try await store.stageImport(Self.staged("a"), id: "a\(i)", lifetime: 60, perUser: 3, totalBytes: 1000)
                try await Task.sleep(for: .milliseconds(5))
            }
            #expect(try await store.takeStagedImport(id: "a1", username: "a", unit: "370100", lifetime: 60) == nil, "the oldest of four went")
            #expect(try await store.takeStagedImport(id: "a4", username: "a", unit: "370100", lifetime: 60) != nil)
            try await store.stageImport(Self.staged("b", bytes: 600), id: "b1", lifetime: 60, perUser: 3, totalBytes: 1000)
            try await Task.sleep(for: .milliseconds(5))
            try await store.stageImport(Self.staged("c", bytes: 600), id: "c1", lifetime: 60, perUser: 3, totalBytes: 1000)
            #expect(try await store.takeStagedImport(id: "b1", username: "b", unit: "370100", lifetime: 60) == nil, "over the total: the oldest went")
            #expect(try await store.takeStagedImport(id: "a2", username: "a", unit: "370100", lifetime: 60) == nil)
            #expect(try await store.takeStagedImport(id: "c1", username: "c", unit: "370100", lifetime: 60) != nil)
        }
    }

    @Test(arguments: StoreKind.available)
    func aLeaseHasOneHolderUntilReleasedOrExpired(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            #expect(try await store.acquireLease("login:a", holder: "p1", seconds: 30))
            #expect(try await !store.acquireLease("login:a", holder: "p2", seconds: 30))
            #expect(try await store.acquireLease("login:b", holder: "p2", seconds: 30), "another name")
            try await store.releaseLease("login:a", holder: "p2")
            #expect(try await !store.acquireLease("login:a", holder: "p2", seconds: 30), "only the holder releases")
            try await store.releaseLease("login:a", holder: "p1")
            #expect(try await store.acquireLease("login:a", holder: "p2", seconds: 0.01))
            try await Task.sleep(for: .milliseconds(30))
            #expect(try await store.acquireLease("login:a", holder: "p3", seconds: 30), "an expired lease is taken over")
            #expect(try await !store.acquireLease("login:a", holder: "p2", seconds: 30))
            // Many at once: exactly one wins.
            let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
                for i in 0..<8 { group.addTask { try await store.acquireLease("race", holder: "h\(i)", seconds: 30) } }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(wins == 1)
        }
    }

    @Test(arguments: StoreKind.available)
    func aDatabaseMigratedByANewerPlanTrackIsRefused(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let version = try await store.schemaVersion()
            #expect(version >= 19)
            try await store.provider.withDatabase { db in
                try await db.raw("INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(bind: version + 1), 'future', 'x')").run()
            }
            await #expect { try await store.migrate() } throws: { "\($0)".contains("newer than this PlanTrack") }
        }
    }

    /// Two processes starting on one empty database: each migrates and seeds under the setup
    /// lock, so the second finds the work done (without the lock both would create the tables).
    @Test(.enabled(if: StoreKind.available.contains(.postgres), "PostgreSQL only: one SQLite file is served by one process"))
    func twoStoresSettingUpAtOnceTakeTurns() async throws {
        let kind = StoreKind.postgres
        try await withStore(kind) { store in
            try await store.provider.withDatabase { db in
                for table in try await db.raw("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").all()
                    .map({ try $0.decode(column: "tablename", as: String.self) })
                {
                    try await db.raw("DROP TABLE IF EXISTS \(unsafeRaw: "\"\(table)\"") CASCADE").run()
                }
                try await db.raw("DROP FUNCTION IF EXISTS audit_log_append_only() CASCADE").run()
            }
            let url = ProcessInfo.processInfo.environment["POSTGRES_URL"]!
            let seeded = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        let provider = try PostgresProvider(url: url)
                        let pool = Task { await provider.run() }
                        defer { pool.cancel() }
                        let other = SQLPlanStore(provider: provider)
                        return try await other.whileSettingUp {
                            try await other.migrate()
                            guard try await !other.isSeeded() else { return false }
                            try await other.seed(plan: Bundled.plan, observations: Bundled.observations)
                            return true
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(seeded.filter { $0 }.count == 1 && seeded.count == 2, "one seeded, the other found it seeded")
            #expect(try await store.isSeeded())
        }
    }
}
