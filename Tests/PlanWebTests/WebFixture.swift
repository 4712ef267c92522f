import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCatalog
import PlanCore
import PlanServices
import PlanStore
import PlanWeb

/// A router over an in-memory SQLite store loaded with the bundled plan and data; the store is
/// closed when the test's body returns.
enum WebFixture {
    static func withRouter(
        today: @escaping @Sendable () -> Day = { Day(year: 2026, month: 11, day: 29) },
        _ body: (Router<PlanRequestContext>, SQLPlanStore) async throws -> Void
    ) async throws {
        try await withServices(today: today) { router, services in try await body(router, services.store as! SQLPlanStore) }
    }

    /// As `withRouter`, with the services themselves, a configuration and a clock of the test's.
    static func withServices(
        configuration: PlanConfiguration = PlanConfiguration(bcryptCost: 4), now: @escaping @Sendable () -> Date = { Date() },
        today: @escaping @Sendable () -> Day = { Day(year: 2026, month: 11, day: 29) },
        _ body: (Router<PlanRequestContext>, Services) async throws -> Void
    ) async throws {
        let store = SQLPlanStore(provider: try await SQLiteProvider(path: nil))
        do {
            try await StoreSetup.prepare(store: store, logger: .init(label: "test"), today: today())
            let services = Services(
                store: store, passwords: TestPasswords(), configuration: configuration, clock: PlanClock(now: now, today: today), recheck: 0)
            try await body(buildRouter(services: services, renderer: try await PageRenderer.bundled()), services)
        } catch {
            try await store.shutdown()
            throw error
        }
        try await store.shutdown()
    }

    /// Whether `condition` holds within `seconds`, asked again every 20 ms: a publication reaches
    /// readers once the next snapshot is built in the background (the promise is 2 seconds).
    static func eventually(within seconds: Double = 2, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if try await condition() { return true }
            if Date() > deadline { return false }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Runs `body` with a test client of the router.
    static func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await withRouter { router, _ in
            try await Application(router: router).test(.router, body)
        }
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}

/// A stand-in for bcrypt in tests: salted with the cost, checked by comparison; nothing here is
/// about the strength of the hash, and bcrypt is exercised through the real command line.
struct TestPasswords: PasswordHashing {
    func hash(_ password: String, cost: UInt8) -> String { "test$\(cost)$" + Credentials.digest(password) }
    func verify(_ password: String, hash: String) -> Bool { hash.hasSuffix("$" + Credentials.digest(password)) }
}
