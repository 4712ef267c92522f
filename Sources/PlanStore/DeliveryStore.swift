import Foundation
import PlanCore

/// Alert delivery beyond the inbox: subscriptions, which alerts each has been sent, and the
/// outbox of messages with their attempts. A digest's message and the marks of the alerts it
/// carries are written in one transaction, so an alert is either waiting in the outbox or not
/// yet taken: nothing is lost if a process stops, and two processes never enqueue it twice.
public protocol DeliveryStore: Sendable {
    func subscriptions() async throws -> [Subscription]
    func addSubscription(_ subscription: Subscription, actor: Actor) async throws
    func deleteSubscription(id: String, actor: Actor) async throws
    /// The alert keys each subscription has been sent, by subscription id.
    func deliveredKeys() async throws -> [String: Set<String>]
    /// Enqueues `messages`, marks the alerts they carry as taken (`delivered`, by subscription id)
    /// and forgets the marks of alerts that no longer hold (`forget`), in one transaction.
    func enqueue(_ messages: [OutboxMessage], delivered: [String: [String]], forget: [String: [String]]) async throws
    /// Pending messages whose next attempt is due at `now`, oldest first, each claimed for
    /// `leaseSeconds` (another process will not take it meanwhile).
    func claimDueMessages(now: Date, limit: Int, leaseSeconds: Int) async throws -> [OutboxMessage]
    /// Records an attempt: sent; or failed, to be tried again at `retryAt` or, without one, failed
    /// for good.
    func recordAttempt(id: String, sent: Bool, error: String, at: Date, retryAt: Date?) async throws
    /// Messages newest first, of the given subscriptions (all for `nil`).
    func outbox(subscriptionIDs: [String]?, limit: Int) async throws -> [OutboxMessage]
    /// Puts a failed message back in the queue, due now.
    func retryMessage(id: String, at: Date, actor: Actor) async throws
}
