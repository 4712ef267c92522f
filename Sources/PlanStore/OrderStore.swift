import Foundation
import PlanCore

/// Supervision orders with their history and evidence. Every step writes its audit entry in the
/// same transaction and moves the supervision version on (orders raise alerts).
public protocol OrderStore: Sendable {
    /// The orders of the given units (all for `nil`), newest first, without their history.
    func orders(units: [String]?) async throws -> [SupervisionOrder]
    /// One order with its history and the evidence of each step.
    func order(id: String) async throws -> SupervisionOrder?
    /// Issues orders, numbering each within its year, in one transaction; returns them with their
    /// ids. `note` goes with the issue step of each.
    func issueOrders(_ orders: [SupervisionOrder], note: String, actor: Actor) async throws -> [SupervisionOrder]
    /// Takes a step on an order with evidence files, in one transaction. `decide` sees the order as
    /// stored (with its history) and returns the new state; throwing refuses the step.
    func stepOrder(
        id: String, action: OrderEvent.Action, text: String, evidence: [NewEvidence], on day: Day, actor: Actor,
        decide: @escaping @Sendable (SupervisionOrder) throws -> OrderState
    ) async throws -> SupervisionOrder
    /// An evidence file of an order, with the order's unit.
    func orderFile(id: String) async throws -> StoredOrderFile?
}

/// A stored evidence file of an order's answer.
public struct StoredOrderFile: Sendable {
    public var info: EvidenceInfo
    public var orderID: String
    public var unitCode: String
    public var data: Data
}
