import Foundation
import Logging
import PlanCatalog
import PlanCore
import PlanStore
import ServiceLifecycle

/// Opening, migrating and seeding the configured store.
public enum StoreSetup {
    /// Opens the configured database and returns the store with any service it needs running
    /// (PostgreSQL's connection pool).
    public static func open(configuration: PlanConfiguration, clock: PlanClock, logger: Logger) async throws -> (any PlanStore, [any Service]) {
        let store: SQLPlanStore
        var services: [any Service] = []
        if let url = configuration.databaseURL {
            let provider = try PostgresProvider(url: url, logger: logger)
            services.append(PostgresPoolService(provider: provider))
            store = SQLPlanStore(provider: provider, now: clock.now)
        } else {
            try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true)
            store = SQLPlanStore(provider: try await SQLiteProvider(path: configuration.sqlitePath, logger: logger), now: clock.now)
        }
        return (store, services)
    }

    /// Migrates and, on first start, seeds the store with the bundled catalog and observations.
    /// The reporting calendar counts from `today`: periods that locked before it are backfill.
    /// Two processes starting on one fresh database take turns: the second finds it set up.
    public static func prepare(store: any PlanStore, logger: Logger, today: Day = PlanClock.system.today()) async throws {
        try await store.whileSettingUp { try await setUp(store: store, logger: logger, today: today) }
    }

    private static func setUp(store: any PlanStore, logger: Logger, today: Day) async throws {
        try await store.migrate()
        if try await !store.isSeeded() {
            let plan = try Catalog.bundled()
            try await store.seed(plan: plan, observations: try Catalog.bundledObservations())
            logger.info("loaded the bundled plan: \(plan.articles.count) articles, \(plan.targets.count) targets")
        }
        if try await store.units().isEmpty {
            let setup = try Catalog.bundledReporting(plan: try await store.loadPlan())
            try await store.seedReporting(units: setup.units, schedule: setup.schedule, tolerances: setup.tolerances, since: today)
            logger.info("loaded the reporting calendar: \(setup.units.count) units, \(setup.schedule.count) calendar entries")
        } else if try await store.units().allSatisfy({ $0.aliases.isEmpty }) {
            // A store seeded before units had aliases: add the catalog's.
            let setup = try Catalog.bundledReporting(plan: try await store.loadPlan())
            try await store.addUnitAliases(Dictionary(setup.units.map { ($0.code, $0.aliases) }, uniquingKeysWith: { a, _ in a }))
        }
    }

    /// Opens, migrates and (on first use) seeds the configured store, runs `body` with the
    /// services over it, and closes it: for command-line tools that work on the server's database.
    public static func withServices<R: Sendable>(
        configuration: PlanConfiguration, passwords: any PasswordHashing, logger: Logger, _ body: @Sendable (Services) async throws -> R
    ) async throws -> R {
        let clock = configuration.clock
        let (store, services) = try await open(configuration: configuration, clock: clock, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            for service in services { group.addTask { try await service.run() } }
            do {
                try await prepare(store: store, logger: logger, today: clock.today())
                let result = try await body(Services(store: store, passwords: passwords, configuration: configuration, clock: clock))
                try await store.shutdown()
                group.cancelAll()
                return result
            } catch {
                try? await store.shutdown()
                group.cancelAll()
                throw error
            }
        }
    }
}

/// Runs PostgreSQL's connection pool as part of the application's service group.
public struct PostgresPoolService: Service {
    let provider: PostgresProvider

    public func run() async throws {
        await provider.run()
    }
}

/// Closes the store's connections when the application shuts down gracefully.
public struct StoreCloser: Service {
    let store: any PlanStore

    public init(store: any PlanStore) {
        self.store = store
    }

    public func run() async throws {
        try? await gracefulShutdown()
        try await store.shutdown()
    }
}
