import Foundation
import Hummingbird
import PlanCore
import PlanServices
import PlanStore

/// The pages of supervision orders: the ledger with its XLSX download, the issuing form, an
/// order with its history and the steps the reader may take, and the answers' evidence. Every
/// rule is in `SupervisionService`.
struct OrderPageRoutes {
    let supervision: SupervisionService
    let reporting: ReportingService
    let pages: ReportingPageRoutes

    init(services: Services, pages: ReportingPageRoutes) {
        supervision = services.supervision
        reporting = services.reporting
        self.pages = pages
    }

    func register(on router: Router<PlanRequestContext>) {
        router.get("/orders") { request, context in
            let identity = try context.requireIdentity()
            let filter = try Self.filter(request)
            let ledger = try await supervision.ledger(filter, identity: identity)
            let tree = try await reporting.tree()
            let account = identity.account
            let units = tree.subtree(of: tree.root).compactMap { code in
                Access.allows(account.role, userUnit: account.unitCode, action: .viewStatus, unit: code, tree: tree) ? tree[code] : nil
            }
            let page = try Query(request: request).string("page").map { text -> Int in
                guard let n = Int(text), n >= 1 else { throw ServiceError.badParameter(name: "page", message: "a page number from 1") }
                return n
            }
            let model = OrderListPage.model(
                ledger: ledger, filter: filter, page: page ?? 1, units: units, canIssue: !(try await supervision.issuableUnits(identity)).isEmpty,
                today: reporting.today(), tree: tree, language: Language.of(request))
            return pages.page(.orders, model, title: model.heading, request, context)
        }
        router.get("/orders.xlsx") { request, context in
            try await Self.ledgerDownload(supervision, request, context)
        }
        router.get("/orders/new") { request, context in
            let identity = try context.requireIdentity()
            let q = Query(request: request)
            let form = SupervisionService.OrderForm(
                unit: q.text("unit") ?? "", subject: q.text("subject") ?? "", matter: "", requirement: "", level: OrderLevel.general.rawValue,
                due: reporting.today().adding(days: 14).description)
            return try await newPage(form, identity: identity, request: request, context: context)
        }
        router.post("/orders/new") { request, context in
            let fields = try await FormBody.fields(request)
            let identity = try context.requireCSRF(fields)
            let form = SupervisionService.OrderForm(
                unit: fields["unit"] ?? "", subject: fields["subject"] ?? "", matter: fields["matter"] ?? "",
                requirement: fields["requirement"] ?? "", level: fields["level"] ?? "", due: fields["due"] ?? "", note: fields["note"] ?? "")
            do {
                let order = try await supervision.issueOrder(form, identity: identity, actor: context.actor(identity))
                return Response(status: .seeOther, headers: [.location: "/orders/\(order.id)?done=issue"])
            } catch let error as ServiceError {
                guard case .invalid = error else { throw error }
                return try await newPage(
                    form, identity: identity, error: error.message(Language.of(request)), status: .unprocessableContent, request: request,
                    context: context)
            }
        }
        router.get("/orders/:id") { request, context in
            try await orderPage(try context.parameters.require("id"), request: request, context: context)
        }
        router.post("/orders/:id/step") { request, context in
            let id = try context.parameters.require("id")
            let parts = try await FormBody.partList(request)
            let fields = FormBody.textFields(parts)
            let identity = try context.requireCSRF(fields)
            guard let action = OrderEvent.Action(rawValue: fields["action"] ?? ""), action != .issue else {
                throw ServiceError.badParameter(name: "action", message: "expected sign, answer, close or return")
            }
            let files = FormBody.files(parts, named: "evidence")
            do {
                _ = try await supervision.stepOrder(
                    id, action, text: fields["text"] ?? "", files: files, identity: identity, actor: context.actor(identity))
            } catch let error as ServiceError {
                switch error {
                case .invalid, .conflict, .badParameter:
                    return try await orderPage(
                        id, error: error.message(Language.of(request)), status: error.status, request: request, context: context)
                default: throw error
                }
            }
            return Response(status: .seeOther, headers: [.location: "/orders/\(id)?done=\(action.rawValue)"])
        }
        router.get("/order-files/:id") { request, context in
            Self.fileResponse(try await supervision.orderFile(try context.parameters.require("id"), identity: context.identity))
        }
    }

    // MARK: Helpers

    /// The ledger's filter from `show`, `unit`, `level` and `sort`.
    static func filter(_ request: Request) throws -> SupervisionService.OrderFilter {
        let q = Query(request: request)
        func value<T: RawRepresentable>(_ name: String, _ type: T.Type, _ fallback: T?) throws -> T? where T.RawValue == String, T: CaseIterable {
            guard let text = q.text(name) else { return fallback }
            guard let value = T(rawValue: text) else {
                throw ServiceError.badParameter(name: name, message: "one of " + T.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return value
        }
        return SupervisionService.OrderFilter(
            show: try value("show", SupervisionService.OrderFilter.Show.self, .open) ?? .open, unit: q.text("unit"),
            level: try value("level", OrderLevel.self, nil), sort: try value("sort", SupervisionService.OrderFilter.Sort.self, .urgency) ?? .urgency)
    }

    /// The ledger the request's filter shows, as XLSX: the page's link and the API's export.
    static func ledgerDownload(_ supervision: SupervisionService, _ request: Request, _ context: PlanRequestContext) async throws -> Response {
        let ledger = try await supervision.ledger(try filter(request), identity: try context.requireIdentity())
        return ReportingPageRoutes.download(
            try await supervision.ledgerXLSX(ledger.orders), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            name: "supervision-orders-\(supervision.clock.today()).xlsx")
    }

    static func fileResponse(_ file: StoredOrderFile) -> Response {
        SupervisionPageRoutes.attachment(fileName: file.info.fileName, contentType: file.info.contentType, data: file.data)
    }

    func orderPage(
        _ id: String, error: String? = nil, status: HTTPResponse.Status = .ok, request: Request, context: PlanRequestContext
    ) async throws -> Response {
        let language = Language.of(request)
        let order = try await supervision.order(id, identity: try context.requireIdentity())
        let message: String? =
            switch Query(request: request).string("done") {
            case "issue": language.t("督办单已下发。", "The order is issued.")
            case "sign": language.t("已签收。", "Signed for.")
            case "answer": language.t("答复已提交，等待销号。", "The answer is sent for acceptance.")
            case "close": language.t("已销号。", "Closed.")
            case "return": language.t("已退回重办。", "Sent back.")
            default: nil
            }
        let model = OrderPage.model(
            order: order, rights: try await supervision.rights(on: order, identity: context.identity), tree: try await reporting.tree(),
            csrf: context.identity?.csrfToken ?? "", today: reporting.today(), message: message, error: error, language: language)
        return pages.page(.order, model, title: model.heading, request, context, status: status)
    }

    func newPage(
        _ form: SupervisionService.OrderForm, identity: Identity, error: String? = nil, status: HTTPResponse.Status = .ok, request: Request,
        context: PlanRequestContext
    ) async throws -> Response {
        let units = try await supervision.issuableUnits(identity)
        guard !units.isEmpty else { throw ServiceError.notAllowed(ReportingAction.issueOrders.rawValue, unit: identity.account.unitCode) }
        let model = OrderNewPage.model(form: form, units: units, csrf: identity.csrfToken ?? "", error: error, language: Language.of(request))
        return pages.page(.orderNew, model, title: model.heading, request, context, status: status)
    }
}
