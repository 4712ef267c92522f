import Foundation
import PlanCore
import PlanStore

/// The application's services over one store, built once from one configuration and one clock:
/// what the web layer and the command line call.
public struct Services: Sendable {
    public let configuration: PlanConfiguration
    public let clock: PlanClock
    public let store: any PlanStore
    public let plans: PlanService
    public let reporting: ReportingService
    public let accounts: AccountService
    public let supervision: SupervisionService
    /// Assessment schemes and rounds.
    public let assessment: AssessmentService
    /// The major-project library.
    public let projects: ProjectService
    /// Alerts sent beyond the inbox.
    public let delivery: DeliveryService
    /// Uploaded files between their preview and the user's confirmation.
    public let staging: ImportStaging

    /// - Parameters:
    ///   - passwords: how passwords are hashed (bcrypt, from the command line that builds them).
    ///   - clock: the clock; by default the one the configuration asks for.
    ///   - recheck: how long a snapshot is served before the data version is checked again.
    public init(
        store: any PlanStore, passwords: any PasswordHashing, configuration: PlanConfiguration = PlanConfiguration(), clock: PlanClock? = nil,
        recheck: TimeInterval = 1
    ) {
        let clock = clock ?? configuration.clock
        self.configuration = configuration
        self.clock = clock
        self.store = store
        plans = PlanService(store: store, recheck: recheck, clock: clock)
        reporting = ReportingService(store: store, plans: plans, clock: clock, failPoint: configuration.failPoint)
        accounts = AccountService(store: store, passwords: passwords, clock: clock, passwordCost: configuration.bcryptCost)
        staging = ImportStaging(store: store)
        supervision = SupervisionService(store: store, reporting: reporting, plans: plans, clock: clock, settings: configuration.alerts)
        delivery = DeliveryService(supervision: supervision, settings: configuration.delivery)
        projects = ProjectService(store: store, reporting: reporting, plans: plans, supervision: supervision, clock: clock)
        assessment = AssessmentService(store: store, reporting: reporting, plans: plans, clock: clock, supervision: supervision)
    }
}
