import Foundation
import Hummingbird
import PlanCore
import PlanServices
import PlanStore

/// `/api/v1` for supervision orders: the ledger and its export, issuing, one order with its
/// history, its steps (an answer may carry evidence as multipart/form-data) and the evidence.
struct OrderAPIRoutes {
    let supervision: SupervisionService

    func register(on router: Router<PlanRequestContext>) {
        let api = router.group("api/v1")
        api.get("orders") { request, context in
            let ledger = try await supervision.ledger(try OrderPageRoutes.filter(request), identity: try context.requireIdentity())
            let today = supervision.clock.today()
            return try JSONResponse.make(ledger.orders.map { API.OrderItem($0, today: today) }, request: request)
        }
        api.get("orders/export") { request, context in
            try await OrderPageRoutes.ledgerDownload(supervision, request, context)
        }
        api.post("orders") { request, context in
            let identity = try context.requireIdentity()
            let body = try await APIBody.decode(API.OrderRequest.self, request)
            let order = try await supervision.issueOrder(
                .init(
                    unit: body.unit, subject: body.subject ?? "other", matter: body.matter, requirement: body.requirement,
                    level: body.level ?? OrderLevel.general.rawValue, due: body.due, note: body.note ?? ""),
                identity: identity, actor: context.actor(identity))
            return try APIBody.created(API.OrderItem(order, today: supervision.clock.today()), request)
        }
        api.get("orders/:id") { request, context in
            let order = try await supervision.order(try context.parameters.require("id"), identity: try context.requireIdentity())
            return try JSONResponse.make(API.OrderItem(order, today: supervision.clock.today()), request: request)
        }
        for action in OrderEvent.Action.allCases where action != .issue {
            api.post("orders/:id/\(action.rawValue)") { request, context in
                let identity = try context.requireIdentity()
                let id = try context.parameters.require("id")
                var text = ""
                var files: [(name: String, data: Data)] = []
                if request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true {
                    let parts = try await FormBody.partList(request)
                    text = parts.first { $0.0 == "text" && $0.1.filename == nil }?.1.text ?? ""
                    files = FormBody.files(parts, named: "evidence")
                } else {
                    text = try await APIBody.decodeOptional(API.OrderStepRequest.self, request)?.text ?? ""
                }
                let order = try await supervision.stepOrder(id, action, text: text, files: files, identity: identity, actor: context.actor(identity))
                return try JSONResponse.make(API.OrderItem(order, today: supervision.clock.today()), request: request)
            }
        }
        api.get("order-files/:id") { request, context in
            OrderPageRoutes.fileResponse(
                try await supervision.orderFile(try context.parameters.require("id"), identity: try context.requireIdentity()))
        }
    }
}

/// JSON shapes of supervision orders (snake_case on the wire).
extension API {
    struct OrderItem: Encodable {
        var id, number, unit, subject, matter, requirement, level, due, state, issuedBy, issuerUnit, issuedOn: String
        var closedOn, source: String?
        var overdueDays: Int?
        var ageDays: Int
        var history: [OrderEventItem]

        init(_ o: SupervisionOrder, today: Day) {
            id = o.id
            number = o.numberZh
            unit = o.unitCode
            subject = o.subject.text
            matter = o.matter
            requirement = o.requirement
            level = o.level.rawValue
            due = o.due.description
            state = o.state.rawValue
            issuedBy = o.issuedBy
            issuerUnit = o.issuerUnit
            issuedOn = o.issuedOn.description
            closedOn = o.closedOn?.description
            source = o.source
            overdueDays = o.overdueDays(today: today)
            ageDays = o.age(today: today)
            history = o.events.map(OrderEventItem.init)
        }
    }

    struct OrderEventItem: Encodable {
        var seq: Int
        var at, actor, actorUnit, action, text: String
        var evidence: [EvidenceItem]

        init(_ e: OrderEvent) {
            seq = e.seq
            at = e.at
            actor = e.actor
            actorUnit = e.actorUnit
            action = e.action.rawValue
            text = e.text
            evidence = e.evidence.map {
                var item = EvidenceItem($0)
                item.href = "/api/v1/order-files/\($0.id)"
                return item
            }
        }
    }

    struct OrderRequest: Decodable {
        var unit, matter, requirement, due: String
        var subject, level, note: String?
    }

    struct OrderStepRequest: Decodable {
        var text: String?
    }
}
