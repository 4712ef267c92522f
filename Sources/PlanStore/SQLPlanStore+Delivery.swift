import Foundation
import PlanCore
import SQLKit

/// Subscriptions, delivered alerts and the outbox.
extension SQLPlanStore {
    public func subscriptions() async throws -> [Subscription] {
        try await provider.withDatabase { db in
            try await db.raw("SELECT * FROM subscriptions ORDER BY created_at, id").all().compactMap { row in
                guard let channel = DeliveryChannel(rawValue: try row.decode(column: "channel", as: String.self)) else { return nil }
                let owner = try row.decode(column: "owner", as: String.self)
                return Subscription(
                    id: try row.decode(column: "id", as: String.self),
                    owner: try row.decode(column: "owner_kind", as: String.self) == "unit" ? .unit(owner) : .user(owner), channel: channel,
                    target: try row.decode(column: "target", as: String.self), createdBy: try row.decode(column: "created_by", as: String.self),
                    createdAt: try row.decode(column: "created_at", as: String.self))
            }
        }
    }

    static func ownerColumns(_ owner: Subscription.Owner) -> (kind: String, owner: String, unit: String?) {
        switch owner {
        case .unit(let code): ("unit", code, code)
        case .user(let name): ("user", name, nil)
        }
    }

    public func addSubscription(_ s: Subscription, actor: Actor) async throws {
        let (kind, owner, unit) = Self.ownerColumns(s.owner)
        try await provider.transaction { db in
            try await db.raw(
                """
                INSERT INTO subscriptions (id, owner_kind, owner, channel, target, created_by, created_at)
                VALUES (\(bind: s.id), \(bind: kind), \(bind: owner), \(bind: s.channel.rawValue), \(bind: s.target), \(bind: s.createdBy), \(bind: s.createdAt))
                """
            ).run()
            try await Self.insertAudit(
                [
                    AuditEntry(
                        at: timestamp(), actor: actor, action: "subscription.add", unitCode: unit ?? actor.unitCode, subject: "\(kind) \(owner)",
                        after: "\(s.channel.rawValue) \(s.target)")
                ], on: db)
        }
    }

    public func deleteSubscription(id: String, actor: Actor) async throws {
        try await provider.transaction { db in
            guard let row = try await db.raw("SELECT * FROM subscriptions WHERE id = \(bind: id)").first() else {
                throw StoreError("no subscription \(id)")
            }
            let kind = try row.decode(column: "owner_kind", as: String.self)
            let owner = try row.decode(column: "owner", as: String.self)
            try await db.raw("DELETE FROM alert_deliveries WHERE subscription_id = \(bind: id)").run()
            try await db.raw("DELETE FROM subscriptions WHERE id = \(bind: id)").run()
            try await Self.insertAudit(
                [
                    AuditEntry(
                        at: timestamp(), actor: actor, action: "subscription.delete", unitCode: kind == "unit" ? owner : actor.unitCode,
                        subject: "\(kind) \(owner)",
                        before: "\(try row.decode(column: "channel", as: String.self)) \(try row.decode(column: "target", as: String.self))")
                ], on: db)
        }
    }

    public func deliveredKeys() async throws -> [String: Set<String>] {
        try await provider.withDatabase { db in
            var result: [String: Set<String>] = [:]
            for row in try await db.raw("SELECT subscription_id, alert_key FROM alert_deliveries").all() {
                result[try row.decode(column: "subscription_id", as: String.self), default: []].insert(
                    try row.decode(column: "alert_key", as: String.self))
            }
            return result
        }
    }

    public func enqueue(_ messages: [OutboxMessage], delivered: [String: [String]], forget: [String: [String]]) async throws {
        guard !messages.isEmpty || !forget.isEmpty else { return }
        try await provider.transaction { db in
            let now = timestamp()
            for (subscription, keys) in forget.sorted(by: { $0.key < $1.key }) where !keys.isEmpty {
                for chunk in stride(from: 0, to: keys.count, by: 500).map({ Array(keys[$0..<min($0 + 500, keys.count)]) }) {
                    try await db.raw(
                        "DELETE FROM alert_deliveries WHERE subscription_id = \(bind: subscription) AND alert_key IN (\(binds: chunk))"
                    ).run()
                }
            }
            let marks: [[any Encodable & Sendable]] = delivered.sorted(by: { $0.key < $1.key }).flatMap { subscription, keys in
                keys.map { [subscription, $0, now] as [any Encodable & Sendable] }
            }
            try await BatchInsert.insert(into: "alert_deliveries", columns: ["subscription_id", "alert_key", "at"], rows: marks, on: db)
            for m in messages {
                try await db.raw(
                    """
                    INSERT INTO delivery_outbox (id, subscription_id, unit_code, channel, target, subject, body, state, attempts, next_attempt_at,
                      last_error, created_at, sent_at)
                    VALUES (\(bind: m.id), \(bind: m.subscriptionID), \(bind: m.unitCode), \(bind: m.channel.rawValue), \(bind: m.target),
                      \(bind: m.subject), \(bind: m.body), \(bind: m.state.rawValue), \(bind: m.attempts), \(bind: m.nextAttemptAt), \(bind: m.lastError),
                      \(bind: m.createdAt), \(bind: m.sentAt))
                    """
                ).run()
            }
        }
    }

    static func outboxRow(_ row: any SQLRow) throws -> OutboxMessage? {
        guard let channel = DeliveryChannel(rawValue: try row.decode(column: "channel", as: String.self)),
            let state = OutboxMessage.State(rawValue: try row.decode(column: "state", as: String.self))
        else { return nil }
        return OutboxMessage(
            id: try row.decode(column: "id", as: String.self), subscriptionID: try row.decode(column: "subscription_id", as: String.self),
            unitCode: try row.decode(column: "unit_code", as: String.self), channel: channel,
            target: try row.decode(column: "target", as: String.self),
            subject: try row.decode(column: "subject", as: String.self), body: try row.decode(column: "body", as: Data.self), state: state,
            attempts: try row.decode(column: "attempts", as: Int.self), nextAttemptAt: try row.decode(column: "next_attempt_at", as: String.self),
            lastError: try row.decode(column: "last_error", as: String.self), createdAt: try row.decode(column: "created_at", as: String.self),
            sentAt: try row.decode(column: "sent_at", as: String?.self))
    }

    public func claimDueMessages(now: Date, limit: Int, leaseSeconds: Int) async throws -> [OutboxMessage] {
        let due = Timestamp.string(now)
        let lease = Timestamp.string(now.addingTimeInterval(TimeInterval(leaseSeconds)))
        let candidates = try await provider.withDatabase { db in
            try await db.raw(
                """
                SELECT * FROM delivery_outbox WHERE state = 'pending' AND next_attempt_at <= \(bind: due)
                ORDER BY next_attempt_at, id LIMIT \(bind: limit)
                """
            ).all().compactMap { try Self.outboxRow($0) }
        }
        var claimed: [OutboxMessage] = []
        for message in candidates {
            // Taken only if nobody moved its next attempt meanwhile: one process sends it.
            let taken = try await provider.withDatabase { db in
                try await db.raw(
                    """
                    UPDATE delivery_outbox SET next_attempt_at = \(bind: lease)
                    WHERE id = \(bind: message.id) AND state = 'pending' AND next_attempt_at = \(bind: message.nextAttemptAt) RETURNING id
                    """
                ).first() != nil
            }
            if taken { claimed.append(message) }
        }
        return claimed
    }

    public func recordAttempt(id: String, sent: Bool, error: String, at: Date, retryAt: Date?) async throws {
        let now = Timestamp.string(at)
        try await provider.withDatabase { db in
            if sent {
                try await db.raw(
                    """
                    UPDATE delivery_outbox SET state = 'sent', attempts = attempts + 1, sent_at = \(bind: now), last_error = ''
                    WHERE id = \(bind: id)
                    """
                ).run()
            } else {
                let state = retryAt == nil ? "failed" : "pending"
                try await db.raw(
                    """
                    UPDATE delivery_outbox SET state = \(bind: state), attempts = attempts + 1, last_error = \(bind: String(error.prefix(500))),
                      next_attempt_at = \(bind: retryAt.map { Timestamp.string($0) } ?? now)
                    WHERE id = \(bind: id)
                    """
                ).run()
            }
        }
    }

    public func outbox(subscriptionIDs: [String]?, limit: Int) async throws -> [OutboxMessage] {
        if subscriptionIDs?.isEmpty == true { return [] }
        return try await provider.withDatabase { db in
            var select = SQLQueryString("SELECT * FROM delivery_outbox")
            if let ids = subscriptionIDs { select.appendInterpolation(" WHERE subscription_id IN (\(binds: ids))" as SQLQueryString) }
            select.appendInterpolation(" ORDER BY created_at DESC, id DESC LIMIT \(bind: limit)" as SQLQueryString)
            return try await db.raw(select).all().compactMap { try Self.outboxRow($0) }
        }
    }

    public func retryMessage(id: String, at: Date, actor: Actor) async throws {
        try await provider.transaction { db in
            guard let row = try await db.raw("SELECT * FROM delivery_outbox WHERE id = \(bind: id)").first(), let message = try Self.outboxRow(row)
            else { throw StoreError("no message \(id)") }
            guard message.state == .failed else {
                throw SupervisionError(zh: "只有发送失败的消息可以重发", en: "Only a failed message can be sent again")
            }
            try await db.raw(
                "UPDATE delivery_outbox SET state = 'pending', next_attempt_at = \(bind: Timestamp.string(at)) WHERE id = \(bind: id)"
            ).run()
            try await Self.insertAudit(
                [
                    AuditEntry(
                        at: timestamp(), actor: actor, action: "delivery.retry", unitCode: message.unitCode, subject: id, before: "failed",
                        after: "pending", detail: message.lastError)
                ], on: db)
        }
    }
}
