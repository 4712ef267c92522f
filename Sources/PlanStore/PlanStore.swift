import Foundation
import PlanCore

/// The storage contract: the plan, its observations with provenance and revisions, and a data
/// version that changes whenever observations change. Implemented once over SQLKit for SQLite and
/// PostgreSQL (`SQLPlanStore`); tests may use any conforming type.
public protocol PlanStore: AccountStore, ReportingStore, AuditStore, SupervisionStore, OrderStore, PolicyStore, DeliveryStore, StocktakeStore,
    AssessmentStore, ProjectStore, OperationsStore
{
    /// Runs the numbered migrations that have not run yet.
    func migrate() async throws
    /// Runs `body` (migrating, seeding) while no other process sets up the same database.
    func whileSettingUp<R: Sendable>(_ body: @Sendable () async throws -> R) async throws -> R
    /// Whether a plan has been loaded.
    func isSeeded() async throws -> Bool
    /// Loads a plan and its observations into an empty store, in one transaction.
    func seed(plan: Plan, observations: [Observation]) async throws
    /// The stored plan.
    func loadPlan() async throws -> Plan
    /// Every stored observation with its revision.
    func observations() async throws -> [StoredObservation]
    /// One page of observations (optionally of one indicator and/or region), ordered by indicator,
    /// region and period, and how many there are in all.
    func observations(indicator: String?, region: String?, offset: Int, limit: Int) async throws -> (items: [StoredObservation], total: Int)
    /// Changes whenever any observation changes.
    func dataVersion() async throws -> Int
    /// The observations changed after data version `version`, and the version they bring the
    /// reader to, read together from one consistent view.
    func observationChanges(since version: Int) async throws -> (version: Int, changed: [StoredObservation])
    /// Inserts or updates observations in one transaction; returns the new data version.
    func upsert(_ observations: [Observation]) async throws -> Int
    /// Closes connections.
    func shutdown() async throws
}

/// An observation as stored: the value, its provenance and how many times it was revised.
public struct StoredObservation: Sendable, Hashable {
    public var observation: Observation
    /// 1 for the first value, incremented at each change.
    public var revision: Int

    public init(observation: Observation, revision: Int) {
        self.observation = observation
        self.revision = revision
    }
}

/// Storage failures, with a message fit for a log or an operator.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }

    /// The database was migrated by a newer PlanTrack than this one.
    static func newerSchema(database: Int, known: Int) -> StoreError {
        StoreError(
            "the database is at schema version \(database), newer than this PlanTrack knows (\(known)): "
                + "run the PlanTrack that migrated it, or restore a backup taken before the upgrade")
    }
}
