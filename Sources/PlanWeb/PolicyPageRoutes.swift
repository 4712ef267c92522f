import Foundation
import Hummingbird
import PlanCore
import PlanServices
import PlanStore

/// The pages of the policy list: the list (public, like the plan) with its XLSX download, its
/// import with preview, a policy, and the office's editing. Every rule is in `SupervisionService`.
struct PolicyPageRoutes {
    let supervision: SupervisionService
    let reporting: ReportingService
    let staging: ImportStaging
    let pages: ReportingPageRoutes
    /// The staging area's unit for policy-list imports.
    static let stagingUnit = "policy-list"

    init(services: Services, pages: ReportingPageRoutes) {
        supervision = services.supervision
        reporting = services.reporting
        staging = services.staging
        self.pages = pages
    }

    func register(on router: Router<PlanRequestContext>) {
        router.get("/policies") { request, context in
            let (status, article) = try Self.filter(request)
            let all = try await supervision.policies(article: article)
            let model = PolicyListPage.model(
                policies: all.filter { p in status.map { p.status == $0 } ?? true }, all: all, status: status, article: article,
                canManage: try await canManage(context), today: reporting.today(), tree: try await reporting.tree(), language: Language.of(request))
            return pages.page(.policies, model, title: model.heading, request, context)
        }
        router.get("/policies.xlsx") { _, _ in
            try await Self.listDownload(supervision)
        }
        router.get("/policies/import") { request, context in
            let identity = try await supervision.authorizeList(context.identity)
            return importPage(identity: identity, request: request, context: context)
        }
        router.post("/policies/import") { request, context in
            let identity = try await supervision.authorizeList(context.identity)
            let parts = try await FormBody.parts(request)
            _ = try context.requireCSRF(["_csrf": parts["_csrf"]?.text ?? ""])
            guard let file = parts["file"], !file.data.isEmpty else {
                return importPage(
                    identity: identity, error: Language.of(request).t("请选择要上传的文件", "Choose a file to upload"), status: .badRequest, request: request,
                    context: context)
            }
            let sheet = parts["sheet"].map { $0.text.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            return try await runImport(
                data: file.data, sheet: sheet, fileName: file.filename ?? "upload", commit: parts["mode"]?.text == "commit", identity: identity,
                request: request, context: context)
        }
        router.post("/policies/import/:id") { request, context in
            let identity = try await supervision.authorizeList(context.identity)
            _ = try context.requireCSRF(try await FormBody.fields(request))
            guard
                let staged = try await staging.take(try context.parameters.require("id"), username: identity.account.username, unit: Self.stagingUnit)
            else {
                return importPage(
                    identity: identity, error: Language.of(request).t("预览已过期，请重新上传文件", "The preview has expired: upload the file again"),
                    status: .conflict, request: request, context: context)
            }
            return try await runImport(
                data: staged.data, sheet: staged.sheet, fileName: staged.fileName, commit: true, identity: identity, request: request,
                context: context)
        }
        router.get("/policies/new") { request, context in
            let identity = try await supervision.authorizeList(context.identity)
            return editPage(form: .init(cells: ["status": "planned"]), editing: nil, identity: identity, request: request, context: context)
        }
        router.post("/policies/new") { request, context in
            try await savePolicy(editing: nil, request: request, context: context)
        }
        router.get("/policies/:id") { request, context in
            try await policyPage(try context.parameters.require("id"), request: request, context: context)
        }
        router.get("/policies/:id/edit") { request, context in
            let identity = try await supervision.authorizeList(context.identity)
            let policy = try await supervision.policy(try context.parameters.require("id"))
            return editPage(
                form: .init(policy, units: try await reporting.tree().units), editing: policy.id, identity: identity, request: request,
                context: context)
        }
        router.post("/policies/:id/edit") { request, context in
            try await savePolicy(editing: try context.parameters.require("id"), request: request, context: context)
        }
        router.post("/policies/:id/delete") { request, context in
            let identity = try context.requireCSRF(try await FormBody.fields(request))
            let id = try context.parameters.require("id")
            do {
                try await supervision.deletePolicy(id, identity: identity, actor: context.actor(identity))
            } catch let error as ServiceError {
                guard case .conflict = error else { throw error }
                return try await policyPage(id, error: error.message(Language.of(request)), status: .conflict, request: request, context: context)
            }
            return Response(status: .seeOther, headers: [.location: "/policies"])
        }
    }

    // MARK: Helpers

    /// `status` (all when absent or `all`) and `article` of the request.
    static func filter(_ request: Request) throws -> (PolicyStatus?, Int?) {
        let q = Query(request: request)
        var status: PolicyStatus?
        if let text = q.text("status"), text != "all" {
            guard let value = PolicyStatus(rawValue: text) else {
                throw ServiceError.badParameter(name: "status", message: "all, planned, drafting, issued or expired")
            }
            status = value
        }
        let article = try q.string("article").map { text -> Int in
            guard let n = Int(text), n > 0 else { throw ServiceError.badParameter(name: "article", message: "an article number") }
            return n
        }
        return (status, article)
    }

    static func listDownload(_ supervision: SupervisionService) async throws -> Response {
        ReportingPageRoutes.download(
            try await supervision.exportPolicies(), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            name: "policy-list.xlsx")
    }

    func canManage(_ context: PlanRequestContext) async throws -> Bool {
        try await reporting.allows(context.identity, .manageTasks, unit: try await reporting.tree().root)
    }

    func policyPage(
        _ id: String, error: String? = nil, status: HTTPResponse.Status = .ok, request: Request, context: PlanRequestContext
    ) async throws -> Response {
        let language = Language.of(request)
        let message: String? = Query(request: request).string("done") == "saved" ? language.t("政策已保存。", "The policy is saved.") : nil
        let model = PolicyPage.model(
            policy: try await supervision.policy(id), canManage: try await canManage(context), csrf: context.identity?.csrfToken ?? "",
            today: reporting.today(), tree: try await reporting.tree(), message: message, error: error, language: language)
        return pages.page(.policy, model, title: model.heading, request, context, status: status)
    }

    func importPage(
        identity: Identity, result: SupervisionService.PolicyImport? = nil, error: String = "", stagingID: String? = nil,
        status: HTTPResponse.Status = .ok, tree: UnitTree? = nil, request: Request, context: PlanRequestContext
    ) -> Response {
        let model = TaskImportPage.policyModel(
            csrf: identity.csrfToken ?? "", result: result, error: error, stagingID: stagingID, tree: tree ?? UnitTree([]),
            language: Language.of(request))
        return pages.page(.taskImport, model, title: model.heading, request, context, status: status)
    }

    func runImport(
        data: Data, sheet: String?, fileName: String, commit: Bool, identity: Identity, request: Request, context: PlanRequestContext
    ) async throws -> Response {
        let tree = try await reporting.tree()
        do {
            let result = try await supervision.importPolicies(
                data, sheet: sheet, fileName: fileName, identity: identity, actor: context.actor(identity), dryRun: !commit)
            var stagingID: String?
            if !commit, result.outcomes != nil, result.count(.new) + result.count(.changed) > 0 {
                stagingID = try await staging.stage(
                    ImportStaging.Staged(
                        username: identity.account.username, unit: Self.stagingUnit, fileName: fileName, sheet: sheet, reason: "", data: data))
            }
            return importPage(
                identity: identity, result: result, stagingID: stagingID, status: result.outcomes == nil ? .unprocessableContent : .ok, tree: tree,
                request: request, context: context)
        } catch let error as ServiceError {
            guard case .invalid = error else { throw error }
            return importPage(
                identity: identity, error: error.message(Language.of(request)), status: .unprocessableContent, request: request, context: context)
        }
    }

    func editPage(
        form: SupervisionService.PolicyForm, editing id: String?, identity: Identity, error: String? = nil, status: HTTPResponse.Status = .ok,
        request: Request, context: PlanRequestContext
    ) -> Response {
        let model = PolicyEditPage.model(form: form, editing: id, csrf: identity.csrfToken ?? "", error: error, language: Language.of(request))
        return pages.page(.taskEdit, model, title: model.heading, request, context, status: status)
    }

    func savePolicy(editing id: String?, request: Request, context: PlanRequestContext) async throws -> Response {
        let fields = try await FormBody.fields(request)
        let identity = try context.requireCSRF(fields)
        try await supervision.authorizeList(identity)
        var cells = fields.filter { PolicyFile.columns.map(\.key).contains($0.key) }
        if let id { cells["number"] = id }
        let form = SupervisionService.PolicyForm(cells: cells)
        do {
            let policy = try await supervision.savePolicy(form, editing: id, identity: identity, actor: context.actor(identity))
            return Response(status: .seeOther, headers: [.location: "/policies/\(policy.id)?done=saved"])
        } catch let error as ServiceError {
            switch error {
            case .invalid, .conflict, .badParameter:
                return editPage(
                    form: form, editing: id, identity: identity, error: error.message(Language.of(request)), status: error.status, request: request,
                    context: context)
            default: throw error
            }
        }
    }
}
