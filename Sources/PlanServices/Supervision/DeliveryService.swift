import Foundation
import PlanCore
import PlanStore

/// How alerts leave PlanTrack.
public struct DeliverySettings: Sendable, Hashable {
    public struct Relay: Sendable, Hashable {
        public var host: String
        public var port: Int
        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }
    }

    /// The address the server is reached at, for the links in messages.
    public var publicURL: String
    /// The SMTP relay; e-mail subscriptions are refused without one.
    public var smtp: Relay?
    public var smtpFrom: String
    /// How often the server delivers (0: only on demand).
    public var intervalSeconds: Int

    public init(publicURL: String = "http://127.0.0.1:8080", smtp: Relay? = nil, smtpFrom: String = "plantrack@localhost", intervalSeconds: Int = 300)
    {
        self.publicURL = publicURL
        self.smtp = smtp
        self.smtpFrom = smtpFrom
        self.intervalSeconds = intervalSeconds
    }
}

/// Delivery of alerts beyond the inbox: subscriptions of units and users, one digest message per
/// unit with the alerts new to the recipient, and an outbox sent with retries.
public struct DeliveryService: Sendable {
    public let supervision: SupervisionService
    public let settings: DeliverySettings
    public let transport: any DeliveryTransport

    public init(supervision: SupervisionService, settings: DeliverySettings, transport: (any DeliveryTransport)? = nil) {
        self.supervision = supervision
        self.settings = settings
        self.transport = transport ?? NetworkTransport(settings: settings)
    }

    var store: any PlanStore { supervision.store }
    var reporting: ReportingService { supervision.reporting }

    // MARK: Subscriptions

    /// The subscriptions a person may see: their own, and those of the units they may manage.
    public func subscriptions(_ identity: Identity?) async throws -> [Subscription] {
        guard let identity else { throw ServiceError.notAuthenticated }
        var visible: [Subscription] = []
        for s in try await store.subscriptions() {
            switch s.owner {
            case .user(let name): if name == identity.account.username || identity.account.role == .admin { visible.append(s) }
            case .unit(let code): if try await reporting.allows(identity, .manageSubscriptions, unit: code) { visible.append(s) }
            }
        }
        return visible
    }

    /// Subscribes a unit (the office, or the unit's own reviewer) or oneself to a channel.
    public func subscribe(unit: String?, channel: DeliveryChannel, target: String, identity: Identity?, actor: Actor) async throws -> Subscription {
        guard let identity else { throw ServiceError.notAuthenticated }
        let target = target.trimmingCharacters(in: .whitespacesAndNewlines)
        try TextInput.check(["target": target])
        if let problem = channel.problem(with: target) { throw ServiceError.invalid(zh: problem.zh, en: problem.en, problems: []) }
        if channel == .email, settings.smtp == nil {
            throw ServiceError.invalid(
                zh: "尚未配置邮件中继（PLANTRACK_SMTP），无法订阅电子邮件", en: "No SMTP relay is configured (PLANTRACK_SMTP): e-mail cannot be subscribed", problems: []
            )
        }
        var owner = Subscription.Owner.user(identity.account.username)
        if let unit {
            try await reporting.authorize(identity, .manageSubscriptions, unit: unit)
            owner = .unit(unit)
        }
        if try await store.subscriptions().contains(where: { $0.owner == owner && $0.channel == channel && $0.target == target }) {
            throw ServiceError.conflict(zh: "已有相同的订阅", en: "The same subscription exists")
        }
        let subscription = Subscription(
            id: UUID().uuidString.lowercased(), owner: owner, channel: channel, target: target, createdBy: identity.account.username,
            createdAt: supervision.timestamp())
        try await store.addSubscription(subscription, actor: actor)
        return subscription
    }

    public func unsubscribe(_ id: String, identity: Identity?, actor: Actor) async throws {
        guard try await store.subscriptions().contains(where: { $0.id == id }) else { throw ServiceError.notFound(what: "subscription \(id)") }
        guard try await subscriptions(identity).contains(where: { $0.id == id }) else {
            throw ServiceError.forbidden(zh: "不能取消他人的订阅", en: "Not allowed to remove someone else's subscription")
        }
        try await store.deleteSubscription(id: id, actor: actor)
    }

    // MARK: Delivering

    /// What a delivery run did.
    public struct Run: Sendable, Equatable {
        public var enqueued = 0
        public var sent = 0
        public var retrying = 0
        public var failed = 0

        public init(enqueued: Int = 0, sent: Int = 0, retrying: Int = 0, failed: Int = 0) {
            self.enqueued = enqueued
            self.sent = sent
            self.retrying = retrying
            self.failed = failed
        }
    }

    /// Enqueues the digests new alerts call for, then sends what is due.
    @discardableResult
    public func deliver() async throws -> Run {
        var run = Run()
        run.enqueued = try await collect()
        let sent = try await send()
        run.sent = sent.sent
        run.retrying = sent.retrying
        run.failed = sent.failed
        return run
    }

    /// For every subscription, one message per unit holding the alerts that are new to it (a
    /// unit's subscription: all the unit's alerts; a user's: their inbox, muted ones left out);
    /// returns how many messages were enqueued.
    public func collect() async throws -> Int {
        let subscriptions = try await store.subscriptions()
        guard !subscriptions.isEmpty else { return 0 }
        let alerts = try await supervision.allAlerts()
        let byUnit = Dictionary(grouping: alerts, by: \.unitCode)
        let delivered = try await store.deliveredKeys()
        let users = Dictionary(try await store.users().map { ($0.username, $0) }, uniquingKeysWith: { a, _ in a })
        let tree = try await reporting.tree()
        let today = supervision.clock.today()
        let period = Period(year: today.year, span: .month(today.month)).description
        let now = supervision.timestamp()
        var messages: [OutboxMessage] = []
        var taken: [String: [String]] = [:]
        var forget: [String: [String]] = [:]
        for s in subscriptions {
            var current: [String: [Alert]] = [:]
            switch s.owner {
            case .unit(let code): current[code] = byUnit[code] ?? []
            case .user(let name):
                guard let account = users[name], !account.disabled else { continue }
                let identity = Identity(account: account, csrfToken: nil, sessionHash: nil, channel: "delivery")
                for digest in try await supervision.inbox(identity) { current[digest.unit.code] = digest.items.map(\.alert) }
            }
            let had = delivered[s.id] ?? []
            let nowKeys = Set(current.values.flatMap { $0.map(\.id) })
            forget[s.id] = had.subtracting(nowKeys).sorted()
            for (unit, unitAlerts) in current.sorted(by: { $0.key < $1.key }) {
                let fresh = unitAlerts.filter { !had.contains($0.id) }.sorted {
                    ($0.severity, $0.since.ordinal, $0.id) < ($1.severity, $1.since.ordinal, $1.id)
                }
                guard !fresh.isEmpty else { continue }
                let all = byUnit[unit] ?? unitAlerts
                let (subject, body) = DigestMessage.render(
                    channel: s.channel, unitCode: unit, unitName: tree[unit]?.nameZh ?? unit, period: period, alerts: fresh,
                    red: all.filter { $0.severity == .red }.count, yellow: all.filter { $0.severity == .yellow }.count, baseURL: settings.publicURL)
                messages.append(
                    OutboxMessage(
                        id: "\(now.filter(\.isNumber))-\(UUID().uuidString.prefix(8).lowercased())", subscriptionID: s.id, unitCode: unit,
                        channel: s.channel, target: s.target, subject: subject, body: body, state: .pending, attempts: 0, nextAttemptAt: now,
                        lastError: "", createdAt: now, sentAt: nil))
                taken[s.id, default: []] += fresh.map(\.id)
            }
        }
        try await store.enqueue(messages, delivered: taken, forget: forget.filter { !$0.value.isEmpty })
        return messages.count
    }

    /// Sends the messages that are due (at most `limit`); a failure is tried again after 1, 5, 15
    /// and 60 minutes, then shown as failed. Messages are claimed four at a time, for two minutes,
    /// just before they are sent (a send gives up after 15 s, so four take at most one minute),
    /// so that another process's run, or the office's button, never takes a message this run
    /// still holds.
    public func send(limit: Int = 200) async throws -> (sent: Int, retrying: Int, failed: Int) {
        var result = (sent: 0, retrying: 0, failed: 0)
        var left = limit
        while left > 0 {
            let batch = try await store.claimDueMessages(now: supervision.clock.now(), limit: min(4, left), leaseSeconds: 120)
            guard !batch.isEmpty else { break }
            left -= batch.count
            try await send(batch, into: &result)
        }
        return result
    }

    private func send(_ batch: [OutboxMessage], into result: inout (sent: Int, retrying: Int, failed: Int)) async throws {
        for message in batch {
            do {
                try await transport.send(message)
                try await store.recordAttempt(id: message.id, sent: true, error: "", at: supervision.clock.now(), retryAt: nil)
                result.sent += 1
            } catch {
                let now = supervision.clock.now()
                let delays = OutboxMessage.retryMinutes
                let retryAt = message.attempts < delays.count ? now.addingTimeInterval(TimeInterval(delays[message.attempts] * 60)) : nil
                try await store.recordAttempt(id: message.id, sent: false, error: String(describing: error), at: now, retryAt: retryAt)
                if retryAt == nil { result.failed += 1 } else { result.retrying += 1 }
            }
        }
    }

    /// The outbox a person may see: every message for the office and administrators; their
    /// subscriptions' for others.
    public func outbox(_ identity: Identity?, limit: Int = 200) async throws -> [OutboxMessage] {
        guard let identity else { throw ServiceError.notAuthenticated }
        if [.admin, .office].contains(identity.account.role) { return try await store.outbox(subscriptionIDs: nil, limit: limit) }
        return try await store.outbox(subscriptionIDs: try await subscriptions(identity).map(\.id), limit: limit)
    }

    /// Sends a failed message again.
    public func retry(_ id: String, identity: Identity?, actor: Actor) async throws {
        guard try await store.outbox(subscriptionIDs: nil, limit: 100_000).contains(where: { $0.id == id }) else {
            throw ServiceError.notFound(what: "message \(id)")
        }
        guard try await outbox(identity, limit: 100_000).contains(where: { $0.id == id }) else {
            throw ServiceError.forbidden(zh: "不能重发他人订阅的消息", en: "Not allowed to resend a message of someone else's subscription")
        }
        do {
            try await store.retryMessage(id: id, at: supervision.clock.now(), actor: actor)
        } catch let error as SupervisionError {
            throw ServiceError.conflict(zh: error.zh, en: error.en)
        }
    }

    /// Runs a delivery now: the office and administrators.
    public func deliverNow(identity: Identity?) async throws -> Run {
        try await reporting.authorize(identity, .manageSubscriptions, unit: try await reporting.tree().root)
        return try await deliver()
    }
}
