import Foundation
import Hummingbird
import PlanCore
import PlanServices
import PlanStore

/// Alert delivery over the pages (`/deliveries`) and the API (`/api/v1/subscriptions`,
/// `/api/v1/deliveries`): subscriptions, the outbox, a failed message's retry and a run on
/// demand. Every rule is in `DeliveryService`.
struct DeliveryRoutes {
    let delivery: DeliveryService
    let reporting: ReportingService
    let pages: ReportingPageRoutes

    init(services: Services, pages: ReportingPageRoutes) {
        delivery = services.delivery
        reporting = services.reporting
        self.pages = pages
    }

    func register(on router: Router<PlanRequestContext>) {
        router.get("/deliveries") { request, context in
            try await page(request: request, context: context)
        }
        router.post("/deliveries/subscriptions") { request, context in
            let fields = try await FormBody.fields(request)
            let identity = try context.requireCSRF(fields)
            do {
                _ = try await delivery.subscribe(
                    unit: fields["unit"].flatMap { $0.isEmpty ? nil : $0 }, channel: try Self.channel(fields["channel"]),
                    target: fields["target"] ?? "",
                    identity: identity, actor: context.actor(identity))
            } catch let error as ServiceError {
                switch error {
                case .invalid, .conflict, .badParameter:
                    return try await page(error: error.message(Language.of(request)), status: error.status, request: request, context: context)
                default: throw error
                }
            }
            return Response(status: .seeOther, headers: [.location: "/deliveries?done=subscribed"])
        }
        router.post("/deliveries/subscriptions/:id/delete") { request, context in
            let identity = try context.requireCSRF(try await FormBody.fields(request))
            try await delivery.unsubscribe(try context.parameters.require("id"), identity: identity, actor: context.actor(identity))
            return Response(status: .seeOther, headers: [.location: "/deliveries?done=removed"])
        }
        router.post("/deliveries/run") { request, context in
            let identity = try context.requireCSRF(try await FormBody.fields(request))
            let run = try await delivery.deliverNow(identity: identity)
            return Response(
                status: .seeOther,
                headers: [.location: "/deliveries?done=run&enqueued=\(run.enqueued)&sent=\(run.sent)&retrying=\(run.retrying)&failed=\(run.failed)"])
        }
        router.post("/deliveries/:id/retry") { request, context in
            let identity = try context.requireCSRF(try await FormBody.fields(request))
            try await delivery.retry(try context.parameters.require("id"), identity: identity, actor: context.actor(identity))
            return Response(status: .seeOther, headers: [.location: "/deliveries?done=retry"])
        }

        let api = router.group("api/v1")
        api.get("subscriptions") { request, context in
            try JSONResponse.make(try await delivery.subscriptions(try context.requireIdentity()).map(API.SubscriptionItem.init), request: request)
        }
        api.post("subscriptions") { request, context in
            let identity = try context.requireIdentity()
            let body = try await APIBody.decode(API.SubscriptionRequest.self, request)
            let subscription = try await delivery.subscribe(
                unit: body.unit, channel: try Self.channel(body.channel), target: body.target, identity: identity, actor: context.actor(identity))
            return try APIBody.created(API.SubscriptionItem(subscription), request)
        }
        api.delete("subscriptions/:id") { request, context in
            let identity = try context.requireIdentity()
            try await delivery.unsubscribe(try context.parameters.require("id"), identity: identity, actor: context.actor(identity))
            return Response(status: .noContent)
        }
        api.get("deliveries") { request, context in
            try JSONResponse.make(try await delivery.outbox(try context.requireIdentity()).map(API.OutboxItem.init), request: request)
        }
        api.post("deliveries/run") { request, context in
            let run = try await delivery.deliverNow(identity: try context.requireIdentity())
            return try JSONResponse.make(API.DeliveryRunItem(run), request: request)
        }
        api.post("deliveries/:id/retry") { request, context in
            let identity = try context.requireIdentity()
            try await delivery.retry(try context.parameters.require("id"), identity: identity, actor: context.actor(identity))
            return Response(status: .noContent)
        }
    }

    static func channel(_ text: String?) throws -> DeliveryChannel {
        guard let channel = DeliveryChannel(rawValue: text ?? "") else {
            throw ServiceError.badParameter(name: "channel", message: DeliveryChannel.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return channel
    }

    func page(error: String? = nil, status: HTTPResponse.Status = .ok, request: Request, context: PlanRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let language = Language.of(request)
        let q = Query(request: request)
        let message: String? =
            switch q.string("done") {
            case "subscribed": language.t("已订阅。", "Subscribed.")
            case "removed": language.t("已取消订阅。", "Removed.")
            case "retry": language.t("已重新排队发送。", "Queued to be sent again.")
            case "run":
                language.t(
                    "已发送：新增消息 \(q.string("enqueued") ?? "0") 条，发出 \(q.string("sent") ?? "0") 条，待重试 \(q.string("retrying") ?? "0") 条，失败 \(q.string("failed") ?? "0") 条。",
                    "Delivered: \(q.string("enqueued") ?? "0") new messages, \(q.string("sent") ?? "0") sent, \(q.string("retrying") ?? "0") to retry, \(q.string("failed") ?? "0") failed."
                )
            default: nil
            }
        let tree = try await reporting.tree()
        var units: [ReportingUnit] = []
        for code in tree.subtree(of: tree.root) where try await reporting.allows(identity, .manageSubscriptions, unit: code) {
            if let unit = tree[code] { units.append(unit) }
        }
        let model = DeliveryPage.model(
            subscriptions: try await delivery.subscriptions(identity), messages: try await delivery.outbox(identity, limit: 100), units: units,
            canRun: try await reporting.allows(identity, .manageSubscriptions, unit: tree.root), smtp: delivery.settings.smtp != nil,
            csrf: identity.csrfToken ?? "", message: message, error: error, tree: tree, language: language)
        return pages.page(.deliveries, model, title: model.heading, request, context, status: status)
    }
}

extension API {
    struct SubscriptionItem: Encodable {
        var id, channel, target, createdBy, createdAt: String
        var unit, user: String?

        init(_ s: Subscription) {
            id = s.id
            channel = s.channel.rawValue
            target = s.target
            createdBy = s.createdBy
            createdAt = s.createdAt
            switch s.owner {
            case .unit(let code): unit = code
            case .user(let name): user = name
            }
        }
    }

    struct SubscriptionRequest: Decodable {
        var channel, target: String
        var unit: String?
    }

    struct OutboxItem: Encodable {
        var id, subscriptionId, unit, channel, target, subject, state, nextAttemptAt, lastError, createdAt: String
        var attempts: Int
        var sentAt: String?

        init(_ m: OutboxMessage) {
            id = m.id
            subscriptionId = m.subscriptionID
            unit = m.unitCode
            channel = m.channel.rawValue
            target = m.target
            subject = m.subject
            state = m.state.rawValue
            nextAttemptAt = m.nextAttemptAt
            lastError = m.lastError
            createdAt = m.createdAt
            attempts = m.attempts
            sentAt = m.sentAt
        }
    }

    struct DeliveryRunItem: Encodable {
        var enqueued, sent, retrying, failed: Int

        init(_ run: DeliveryService.Run) {
            enqueued = run.enqueued
            sent = run.sent
            retrying = run.retrying
            failed = run.failed
        }
    }
}
