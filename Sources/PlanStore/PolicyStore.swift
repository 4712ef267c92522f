import Foundation
import PlanCore

/// The policy list. Every change writes its audit entry in the same transaction and moves the
/// supervision version on (late policies raise alerts).
public protocol PolicyStore: Sendable {
    /// Every policy, in list order.
    func policies() async throws -> [Policy]
    func policy(id: String) async throws -> Policy?
    /// Inserts or updates policies by number, all or nothing; returns each one's outcome in order.
    /// With `dryRun` nothing is kept. `summary` is appended with the counts as `after`.
    func savePolicies(_ policies: [Policy], actor: Actor, dryRun: Bool, summary: AuditEntry?) async throws -> [RowOutcome]
    /// Deletes a policy no supervision order is about; `SupervisionError` when one is.
    func deletePolicy(id: String, actor: Actor) async throws
}
