import Foundation
import Hummingbird
import Logging
import NIOCore
import PlanCore
import PlanServices
import PlanStore
import ServiceLifecycle

/// The router with every page and API route over the services.
public func buildRouter(services: Services, renderer: PageRenderer) -> Router<PlanRequestContext> {
    let router = Router(context: PlanRequestContext.self, options: .autoGenerateHeadEndpoints)
    let web = WebSettings(configuration: services.configuration)
    ServerMetrics.bootstrap()
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: RouteMetricsMiddleware())
    router.add(middleware: HTTPHygieneMiddleware())
    router.add(middleware: ErrorMiddleware(renderer: renderer))
    router.add(middleware: InputMiddleware())
    router.add(middleware: AuthMiddleware(accounts: services.accounts, settings: web))
    ServerMetrics.register(on: router)
    PageRoutes(service: services.plans, renderer: renderer, reporting: services.reporting).register(on: router)
    APIRoutes(service: services.plans).register(on: router)
    let reportingPages = ReportingPageRoutes(services: services, renderer: renderer, settings: web)
    reportingPages.register(on: router)
    SupervisionPageRoutes(services: services, pages: reportingPages).register(on: router)
    OrderPageRoutes(services: services, pages: reportingPages).register(on: router)
    PolicyPageRoutes(services: services, pages: reportingPages).register(on: router)
    ProjectPageRoutes(services: services, pages: reportingPages).register(on: router)
    ProjectFormRoutes(services: services, pages: reportingPages).register(on: router)
    DeliveryRoutes(services: services, pages: reportingPages).register(on: router)
    StocktakeRoutes(services: services, pages: reportingPages).register(on: router)
    DiligenceRoutes(services: services, pages: reportingPages).register(on: router)
    let assessmentRoutes = AssessmentRoutes(services: services, pages: reportingPages)
    assessmentRoutes.register(on: router)
    AppealRoutes(services: services, routes: assessmentRoutes).register(on: router)
    PoolRoutes(services: services, routes: assessmentRoutes).register(on: router)
    ReportingAPIRoutes(reporting: services.reporting, accounts: services.accounts).register(on: router)
    SupervisionAPIRoutes(supervision: services.supervision).register(on: router)
    OrderAPIRoutes(supervision: services.supervision).register(on: router)
    PolicyAPIRoutes(supervision: services.supervision).register(on: router)
    ProjectAPIRoutes(projects: services.projects, publicURL: services.configuration.delivery.publicURL).register(on: router)
    return router
}

/// The PlanTrack server application, hashing passwords with `passwords`. The templates are loaded
/// and checked first: a missing one stops the start with a message naming it.
public func buildApplication(
    configuration: PlanConfiguration, passwords: any PasswordHashing, logger: Logger = Logger(label: "plantrack")
) async throws -> some ApplicationProtocol {
    // Before the store opens: its connection-pool metrics are made with the store.
    ServerMetrics.bootstrap()
    let renderer = try await PageRenderer.bundled()
    let clock = configuration.clock
    let (store, storeServices) = try await StoreSetup.open(configuration: configuration, clock: clock, logger: logger)
    let services = Services(store: store, passwords: passwords, configuration: configuration, clock: clock)
    let router = buildRouter(services: services, renderer: renderer)
    let header = TimeAmount.seconds(Int64(configuration.headerTimeout))
    let body = TimeAmount.seconds(Int64(configuration.bodyTimeout))
    var app = Application(
        router: router,
        server: .http1(configuration: .init(additionalChannelHandlers: [RequestDeadlineHandler(header: header, body: body)])),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "PlanTrack"),
        services: storeServices + [StoreCloser(store: store)]
            + (configuration.delivery.intervalSeconds > 0 ? [DeliveryLoop(delivery: services.delivery, logger: logger)] : []), logger: logger)
    app.beforeServerStarts {
        try await StoreSetup.prepare(store: store, logger: logger, today: clock.today())
        _ = try await services.plans.evaluations()
    }
    return app
}

/// Builds the application and runs it until it is stopped (SIGINT or SIGTERM end it gracefully).
public func serve(configuration: PlanConfiguration, passwords: any PasswordHashing, logger: Logger) async throws {
    let app = try await buildApplication(configuration: configuration, passwords: passwords, logger: logger)
    try await app.runService()
}

/// What the web layer takes from the configuration.
struct WebSettings: Sendable {
    /// Behind one reverse proxy that sets `X-Forwarded-For` and `X-Forwarded-Proto`.
    var trustedProxy: Bool
    /// Session cookies always `Secure`.
    var secureCookies: Bool

    init(configuration: PlanConfiguration) {
        trustedProxy = configuration.trustedProxy
        secureCookies = configuration.secureCookies
    }
}
