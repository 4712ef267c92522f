import Foundation
import PlanCore
import PlanServices
import PlanStore

/// Services over an in-memory SQLite store loaded with the bundled plan, with cheap password
/// hashing and a fixed calendar day.
enum ServicesFixture {
    static let password = "correct-horse-battery"
    static let today = Day(year: 2026, month: 11, day: 29)

    /// - Parameters:
    ///   - now: the instant the store stamps its rows with (the machine's by default).
    ///   - since: the day the reporting calendar begins (the machine's today by default).
    static func withServices(
        now: @escaping @Sendable () -> Date = { Date() }, since: Day = PlanClock.system.today(), _ body: (Services) async throws -> Void
    ) async throws {
        let store = SQLPlanStore(provider: try await SQLiteProvider(path: nil), now: now)
        do {
            try await StoreSetup.prepare(store: store, logger: .init(label: "test"), today: since)
            try await body(
                Services(store: store, passwords: TestPasswords(), configuration: PlanConfiguration(bcryptCost: 4, today: today), recheck: 0))
        } catch {
            try await store.shutdown()
            throw error
        }
        try await store.shutdown()
    }

    /// The command line's operator: an administrator at the province.
    static let operatorIdentity = Identity(
        account: UserAccount(username: "cli:test", displayName: "cli:test", unitCode: "370000", role: .admin), csrfToken: nil, sessionHash: nil,
        channel: "cli")

    @discardableResult
    static func user(_ services: Services, _ name: String, _ role: Role, _ unit: String) async throws -> Identity {
        let account = try await services.accounts.createUser(
            UserAccount(username: name, displayName: name, unitCode: unit, role: role), password: password, by: operatorIdentity, ip: "local")
        return Identity(account: account, csrfToken: nil, sessionHash: nil, channel: "api")
    }
}

/// A stand-in for bcrypt in tests: salted with the cost, checked by comparison; nothing here is
/// about the strength of the hash, and bcrypt is exercised through the real command line.
struct TestPasswords: PasswordHashing {
    func hash(_ password: String, cost: UInt8) -> String { "test$\(cost)$" + Credentials.digest(password) }
    func verify(_ password: String, hash: String) -> Bool { hash.hasSuffix("$" + Credentials.digest(password)) }
}

/// An instant a test moves by hand: what the store stamps its rows with.
final class TestInstant: @unchecked Sendable {
    private let lock = NSLock()
    private var date: Date

    init(_ timestamp: String) { date = Timestamp.date(timestamp)! }

    var now: @Sendable () -> Date { { [self] in lock.withLock { date } } }

    func set(_ timestamp: String) { lock.withLock { date = Timestamp.date(timestamp)! } }
}
