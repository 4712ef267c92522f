import Foundation
import PlanCore

/// Stocktakes and their decisions. A decision and the order or task it becomes are written in
/// one transaction, with their audit entries.
public protocol StocktakeStore: Sendable {
    /// Every stocktake, newest day first, with its decisions.
    func stocktakes() async throws -> [Stocktake]
    func stocktake(id: String) async throws -> Stocktake?
    /// Records a meeting; `StoreError` when one of that day and scope exists.
    func createStocktake(_ stocktake: Stocktake, actor: Actor) async throws
    /// Records a decision, issuing `order` or adding `task` with it; returns the stocktake.
    func decide(
        stocktakeID: String, text: String, kind: StocktakeDecision.Kind, unitCode: String?, due: Day?, order: SupervisionOrder?, task: WorkTask?,
        actor: Actor
    ) async throws -> Stocktake
}
