import Foundation
import Hummingbird
import Logging
import PlanCatalog
import PlanCore
import PlanStore
import ServiceLifecycle

/// The router with every page and API route, over a plan service and its store. `today` is the
/// reporting calendar's day (China Standard Time by default).
public func buildRouter(
    store: any PlanStore, service: PlanService, renderer: PageRenderer, today: @escaping @Sendable () -> Day = ReportingService.chinaToday
) -> Router<PlanRequestContext> {
    let router = Router(context: PlanRequestContext.self)
    let accounts = AccountService(store: store)
    let reporting = ReportingService(store: store, plans: service, today: today)
    router.add(middleware: ErrorMiddleware(renderer: renderer))
    router.add(middleware: AuthMiddleware(accounts: accounts))
    PageRoutes(service: service, renderer: renderer, reporting: reporting).register(on: router)
    APIRoutes(service: service).register(on: router)
    ReportingPageRoutes(service: service, reporting: reporting, accounts: accounts, renderer: renderer).register(on: router)
    ReportingAPIRoutes(reporting: reporting, accounts: accounts).register(on: router)
    return router
}

/// Opens the configured database, migrates it, loads the bundled plan and published data into an
/// empty one, and returns the store with any service it needs running (PostgreSQL's pool).
public func openStore(configuration: WebConfiguration, logger: Logger) async throws -> (any PlanStore, [any Service]) {
    let store: SQLPlanStore
    var services: [any Service] = []
    if let url = configuration.databaseURL {
        let provider = try PostgresProvider(url: url, logger: logger)
        services.append(PostgresPoolService(provider: provider))
        store = SQLPlanStore(provider: provider)
    } else {
        try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true)
        store = SQLPlanStore(provider: try await SQLiteProvider(path: configuration.sqlitePath, logger: logger))
    }
    return (store, services)
}

/// Migrates and, on first start, seeds the store with the bundled catalog and observations.
public func prepare(store: any PlanStore, logger: Logger) async throws {
    try await store.migrate()
    if try await !store.isSeeded() {
        let plan = try Catalog.bundled()
        try await store.seed(plan: plan, observations: try Catalog.bundledObservations())
        logger.info("loaded the bundled plan: \(plan.articles.count) articles, \(plan.targets.count) targets")
    }
    if try await store.units().isEmpty {
        let setup = try Catalog.bundledReporting(plan: try await store.loadPlan())
        try await store.seedReporting(units: setup.units, schedule: setup.schedule, tolerances: setup.tolerances)
        logger.info("loaded the reporting calendar: \(setup.units.count) units, \(setup.schedule.count) calendar entries")
    }
}

/// The PlanTrack server application.
public func buildApplication(configuration: WebConfiguration, logger: Logger = Logger(label: "plantrack")) async throws -> some ApplicationProtocol {
    let (store, services) = try await openStore(configuration: configuration, logger: logger)
    let service = PlanService(store: store)
    let renderer = try await PageRenderer.bundled()
    let router = buildRouter(store: store, service: service, renderer: renderer)
    var app = Application(
        router: router, configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "PlanTrack"),
        services: services + [StoreCloser(store: store)], logger: logger)
    app.beforeServerStarts {
        try await prepare(store: store, logger: logger)
        _ = try await service.evaluations()
    }
    return app
}

/// Runs PostgreSQL's connection pool as part of the application's service group.
struct PostgresPoolService: Service {
    let provider: PostgresProvider

    func run() async throws {
        await provider.run()
    }
}

/// Closes the store's connections when the application shuts down gracefully.
struct StoreCloser: Service {
    let store: any PlanStore

    func run() async throws {
        try? await gracefulShutdown()
        try await store.shutdown()
    }
}

/// Opens, migrates and (on first use) seeds the configured store, runs `body` with it, and closes
/// it: for command-line tools that write to the server's database.
public func withPreparedStore<R: Sendable>(
    configuration: WebConfiguration, logger: Logger, _ body: @Sendable (any PlanStore) async throws -> R
) async throws -> R {
    let (store, services) = try await openStore(configuration: configuration, logger: logger)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        for service in services { group.addTask { try await service.run() } }
        do {
            try await prepare(store: store, logger: logger)
            let result = try await body(store)
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
