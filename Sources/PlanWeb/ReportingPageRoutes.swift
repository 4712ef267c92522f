import Foundation
import Hummingbird
import PlanCore
import PlanServices
import PlanStore

/// The pages of data collection: login and account, a unit's calendar, the entry form, imports,
/// templates, the review queue and the audit log. Forms carry the session's CSRF token.
struct ReportingPageRoutes {
    let service: PlanService
    let reporting: ReportingService
    let accounts: AccountService
    let renderer: PageRenderer
    let staging: ImportStaging
    let supervision: SupervisionService
    let settings: WebSettings
    static let loginCookie = "plantrack_login_csrf"

    init(services: Services, renderer: PageRenderer, settings: WebSettings) {
        service = services.plans
        reporting = services.reporting
        accounts = services.accounts
        staging = services.staging
        supervision = services.supervision
        self.renderer = renderer
        self.settings = settings
    }

    func register(on router: Router<PlanRequestContext>) {
        router.get("/login") { request, context in
            let language = Language.of(request)
            let csrf = Credentials.newSecret()
            let next = LoginRedirect.safe(Query(request: request).string("next"))
            var response = page(
                .login, LoginPage.model(next: next, csrf: csrf, language: language), title: language.t("登录", "Log in"), request, context)
            response.headers.append(
                contentsOf: [.setCookie: "\(Self.loginCookie)=\(csrf); Path=/login; HttpOnly; SameSite=Strict; Max-Age=3600\(secure(context))"]
                    as HTTPFields)
            return response
        }
        router.post("/login") { request, context in
            let language = Language.of(request)
            let form = try await FormBody.fields(request)
            let next = LoginRedirect.safe(form["next"])
            let username = (form["username"] ?? "").trimmingCharacters(in: .whitespaces)
            guard let sent = form["_csrf"], let cookie = request.cookies[Self.loginCookie]?.value, Credentials.equal(sent, cookie) else {
                throw ServiceError.forbidden(zh: "登录表单已失效，请刷新页面后重试", en: "The login form has expired; reload and try again")
            }
            do {
                let session = try await accounts.login(
                    username: username, password: form["password"] ?? "", ip: context.remoteAddress, channel: "web")
                var response = Response(status: .seeOther, headers: [.location: next == "/" ? "/units/\(session.account.unitCode)" : next])
                response.headers.append(
                    contentsOf: [.setCookie: sessionCookie(session.token, maxAge: AccountService.sessionSeconds, context)] as HTTPFields)
                response.headers.append(contentsOf: [.setCookie: "\(Self.loginCookie)=; Path=/login; Max-Age=0"] as HTTPFields)
                return response
            } catch let error as ServiceError {
                let model = LoginPage.model(
                    next: next, csrf: sent, error: error.message(language), username: TextInput.visible(String(username.prefix(64))),
                    language: language)
                if case .throttled(let seconds) = error {
                    var response = page(.login, model, title: language.t("登录", "Log in"), request, context, status: .tooManyRequests)
                    response.headers[.retryAfter] = String(seconds)
                    return response
                }
                return page(.login, model, title: language.t("登录", "Log in"), request, context, status: .forbidden)
            }
        }
        router.post("/logout") { request, context in
            let form = try await FormBody.fields(request)
            let identity = try context.requireCSRF(form)
            try await accounts.logout(identity, ip: context.remoteAddress)
            return Response(status: .seeOther, headers: [.location: "/", .setCookie: sessionCookie("", maxAge: 0, context)])
        }
        router.get("/me") { request, context in
            let identity = try context.requireIdentity()
            let language = Language.of(request)
            let unit = try await reporting.tree()[identity.account.unitCode]
            return page(
                .account, AccountPage.model(identity: identity, unit: unit, tokens: try await accounts.tokens(identity), language: language),
                title: language.t("我的账号", "My account"), request, context)
        }
        router.post("/me/password") { request, context in
            let form = try await FormBody.fields(request)
            let identity = try context.requireCSRF(form)
            let language = Language.of(request)
            let unit = try await reporting.tree()[identity.account.unitCode]
            do {
                try await accounts.changePassword(identity, current: form["current"] ?? "", new: form["new"] ?? "", ip: context.remoteAddress)
            } catch let error as ServiceError {
                let model = AccountPage.model(
                    identity: identity, unit: unit, tokens: try await accounts.tokens(identity), error: error.message(language), language: language)
                return page(.account, model, title: language.t("我的账号", "My account"), request, context, status: error.status)
            }
            var response = Response(status: .seeOther, headers: [.location: "/login?next=%2Fme"])
            response.headers.append(contentsOf: [.setCookie: sessionCookie("", maxAge: 0, context)] as HTTPFields)
            return response
        }
        router.post("/me/tokens") { request, context in
            let form = try await FormBody.fields(request)
            let identity = try context.requireCSRF(form)
            let language = Language.of(request)
            let label = String((form["label"] ?? "").prefix(100))
            let token = try await accounts.createToken(identity, label: label.isEmpty ? "api" : label, ip: context.remoteAddress)
            let unit = try await reporting.tree()[identity.account.unitCode]
            return page(
                .account,
                AccountPage.model(identity: identity, unit: unit, tokens: try await accounts.tokens(identity), newToken: token, language: language),
                title: language.t("我的账号", "My account"), request, context)
        }
        router.post("/me/tokens/:id/revoke") { request, context in
            let form = try await FormBody.fields(request)
            let identity = try context.requireCSRF(form)
            try await accounts.revokeToken(identity, id: try context.parameters.require("id"), ip: context.remoteAddress)
            return Response(status: .seeOther, headers: [.location: "/me"])
        }
        router.get("/units/:code") { request, context in
            let language = Language.of(request)
            let view = try await reporting.unitView(try context.parameters.require("code"), identity: context.identity)
            let model = UnitPage.model(
                unit: view.unit, parent: view.parent, periods: view.periods, canEnter: view.canEnter, children: view.children,
                mismatches: view.mismatches, tasks: try await supervision.ledTasks(unit: view.unit.code),
                diligence: try await supervision.unitDiligence(view.unit.code, identity: context.identity), plan: try await service.current().plan,
                tree: try await reporting.tree(), language: language)
            return page(.unit, model, title: model.heading, request, context)
        }
        router.get("/units/:code/periods/:period") { request, context in
            let (code, period) = try Self.unitPeriod(context)
            try await reporting.authorize(context.identity, .viewStatus, unit: code)
            return try await entryPage(code: code, period: period, request: request, context: context)
        }
        router.post("/units/:code/periods/:period") { request, context in
            let (code, period) = try Self.unitPeriod(context)
            let form = try await FormBody.fields(request)
            let identity = try context.requireCSRF(form)
            let language = Language.of(request)
            let data = try await reporting.periodData(unit: code, period: period, identity: identity)
            var rows: [ReportRow] = []
            var posted: [String: EntryPage.Posted] = [:]
            for (i, key) in data.entry.indicatorKeys.enumerated() {
                let value = (form["v.\(key)"] ?? "").trimmingCharacters(in: .whitespaces)
                let comment = form["c.\(key)"] ?? ""
                let explanation = form["e.\(key)"] ?? ""
                posted[key] = EntryPage.Posted(value: value, comment: comment, explanation: explanation)
                guard !value.isEmpty else { continue }
                rows.append(
                    ReportRow(line: i + 1, indicatorKey: key, period: period.description, value: value, comment: comment, explanation: explanation))
            }
            let reason = (form["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            do {
                let result = try await reporting.save(
                    rows, unit: code, actor: context.actor(identity), identity: identity, reason: reason, dryRun: false)
                if result.outcomes == nil {
                    var errors: [String: String] = [:]
                    for c in result.checked where !c.errors.isEmpty {
                        errors[c.row.indicatorKey] = c.errors.map { language.t($0.zh, $0.en) }.joined(separator: "；")
                    }
                    return try await entryPage(
                        code: code, period: period, request: request, context: context, posted: posted, rowErrors: errors,
                        error: language.t("有 \(errors.count) 项数值有误，未保存。", "\(errors.count) values are invalid: nothing was saved."),
                        status: .unprocessableContent)
                }
                if form["action"] == "submit" {
                    do {
                        _ = try await reporting.step(
                            .submit, unit: code, period: period, reason: nil, actor: context.actor(identity), identity: identity)
                    } catch let error as WorkflowError {
                        return try await entryPage(
                            code: code, period: period, request: request, context: context,
                            error: language.t("已保存草稿，但未能提交：\(error.zh)", "The draft is saved but was not submitted: \(error.en)"), status: .conflict)
                    }
                }
            } catch let error as WorkflowError {
                return try await entryPage(
                    code: code, period: period, request: request, context: context, posted: posted, error: language.t(error.zh, error.en),
                    status: .conflict)
            }
            let done = form["action"] == "submit" ? "submitted" : "saved"
            return Response(status: .seeOther, headers: [.location: "/units/\(code)/periods/\(period)?done=\(done)"])
        }
        router.post("/units/:code/periods/:period/review") { request, context in
            let (code, period) = try Self.unitPeriod(context)
            let form = try await FormBody.fields(request)
            let identity = try context.requireCSRF(form)
            let language = Language.of(request)
            let step: WorkflowStep
            switch form["action"] {
            case "approve": step = .approve
            case "return": step = .returnSubmission
            case "reopen": step = .reopen
            default: throw ServiceError.badParameter(name: "action", message: "expected approve, return or reopen")
            }
            let reason = (form["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            do {
                _ = try await reporting.step(
                    step, unit: code, period: period, reason: reason.isEmpty ? nil : reason, actor: context.actor(identity), identity: identity)
            } catch let error as WorkflowError {
                return try await entryPage(
                    code: code, period: period, request: request, context: context, error: language.t(error.zh, error.en), status: .conflict)
            }
            return Response(status: .seeOther, headers: [.location: "/units/\(code)/periods/\(period)?done=\(step.rawValue)"])
        }
        router.get("/units/:code/import") { request, context in
            let code = try context.parameters.require("code")
            let (identity, unit) = try await reporting.authorize(context.identity, .enterData, unit: code)
            let language = Language.of(request)
            return page(
                .importFile, ImportPage.model(unit: unit, csrf: identity.csrfToken ?? "", language: language), title: language.t("导入", "Import"),
                request, context)
        }
        router.post("/units/:code/import") { request, context in
            let code = try context.parameters.require("code")
            let (identity, unit) = try await reporting.authorize(context.identity, .enterData, unit: code)
            let language = Language.of(request)
            let parts = try await FormBody.parts(request)
            _ = try context.requireCSRF(["_csrf": parts["_csrf"]?.text ?? ""])
            guard let file = parts["file"], !file.data.isEmpty else {
                let model = ImportPage.model(
                    unit: unit, csrf: identity.csrfToken ?? "", error: language.t("请选择要上传的文件", "Choose a file to upload"), language: language)
                return page(.importFile, model, title: language.t("导入", "Import"), request, context, status: .badRequest)
            }
            let sheet = parts["sheet"].map { $0.text.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            let commit = parts["mode"]?.text == "commit"
            let reason = String((parts["reason"]?.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(500))
            return try await runImport(
                data: file.data, sheet: sheet, fileName: file.filename ?? "upload", reason: reason, unit: unit, identity: identity, commit: commit,
                request: request, context: context)
        }
        router.post("/units/:code/import/:id") { request, context in
            let code = try context.parameters.require("code")
            let (identity, unit) = try await reporting.authorize(context.identity, .enterData, unit: code)
            let form = try await FormBody.fields(request)
            _ = try context.requireCSRF(form)
            let language = Language.of(request)
            guard let staged = try await staging.take(try context.parameters.require("id"), username: identity.account.username, unit: code) else {
                let model = ImportPage.model(
                    unit: unit, csrf: identity.csrfToken ?? "", error: language.t("预览已过期，请重新上传文件", "The preview has expired: upload the file again"),
                    language: language)
                return page(.importFile, model, title: language.t("导入", "Import"), request, context, status: .conflict)
            }
            return try await runImport(
                data: staged.data, sheet: staged.sheet, fileName: staged.fileName, reason: staged.reason, unit: unit, identity: identity,
                commit: true,
                request: request, context: context)
        }
        router.get("/units/:code/template.csv") { request, context in
            let code = try context.parameters.require("code")
            let lines = try await reporting.templateLines(unit: code, identity: try context.requireIdentity())
            return Self.download(ReportFile.templateCSV(lines), type: "text/csv; charset=utf-8", name: "plantrack-\(code).csv")
        }
        router.get("/units/:code/template.xlsx") { request, context in
            let code = try context.parameters.require("code")
            let lines = try await reporting.templateLines(unit: code, identity: try context.requireIdentity())
            return Self.download(
                try ReportFile.templateXLSX(lines), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                name: "plantrack-\(code).xlsx")
        }
        router.get("/review") { request, context in
            let identity = try context.requireIdentity()
            try await reporting.authorize(identity, .approve, unit: identity.account.unitCode)
            let language = Language.of(request)
            let period =
                try Query(request: request).string("period").map { text -> Period in
                    guard let p = Period(text) else { throw ServiceError.badParameter(name: "period", message: "expected 2025, 2025Q3 or 2025-09") }
                    return p
                } ?? Period(year: reporting.today().year - 1)
            let tree = try await reporting.tree()
            var mismatches: [ReconciliationRow] = []
            for row in try await reporting.reconciliation(period: period, identity: identity) where row.status == .mismatch {
                if try await reporting.allows(identity, .approve, unit: row.parentCode) { mismatches.append(row) }
            }
            let model = ReviewPage.model(
                queue: try await reporting.reviewQueue(identity), tree: tree, period: period, mismatches: mismatches,
                plan: try await service.current().plan,
                language: language)
            return page(.review, model, title: model.heading, request, context)
        }
        router.get("/audit") { request, context in
            let language = Language.of(request)
            let q = Query(request: request)
            var filter: [String: String] = [:]
            for name in ["actor", "action", "unit", "since", "until"] { filter[name] = q.text(name) ?? "" }
            let audit = AuditFilter(
                actor: filter["actor"], action: filter["action"], unit: filter["unit"], since: filter["since"], until: filter["until"], limit: 100,
                offset: min(max(0, q.string("offset").flatMap(Int.init) ?? 0), 10_000_000))
            let (entries, total) = try await reporting.audit(audit, identity: context.identity)
            let model = AuditPage.model(entries: entries, total: total, query: try audit.query(), filter: filter, language: language)
            return page(.audit, model, title: model.heading, request, context)
        }
    }

    // MARK: Helpers

    func page(
        _ template: PageTemplate, _ model: Any, title: String, _ request: Request, _ context: PlanRequestContext, status: HTTPResponse.Status = .ok
    ) -> Response {
        let language = Language.of(request)
        let html = renderer.render(template, model: model, title: title, request: request, language: language)
        return htmlResponse(html, status: status, request: request, language: language, identity: context.identity, shared: false)
    }

    func entryPage(
        code: String, period: Period, request: Request, context: PlanRequestContext, posted: [String: EntryPage.Posted] = [:],
        rowErrors: [String: String] = [:], error: String = "", status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let language = Language.of(request)
        let data = try await reporting.periodData(unit: code, period: period, identity: context.identity)
        var permissions: Set<ReportingAction> = []
        for action in ReportingAction.allCases where try await reporting.allows(context.identity, action, unit: code) { permissions.insert(action) }
        let message: String =
            switch Query(request: request).string("done") {
            case "saved": language.t("已保存草稿。", "Draft saved.")
            case "submitted": language.t("已提交审核。", "Submitted for review.")
            case "approve": language.t("已审核通过，数据已发布。", "Approved and published.")
            case "return": language.t("已退回。", "Returned.")
            case "reopen": language.t("已重新开放。", "Reopened.")
            default: ""
            }
        let model = EntryPage.model(
            data: data, snapshot: try await service.current(), identity: context.identity, permissions: permissions, posted: posted,
            rowErrors: rowErrors,
            message: message, error: error, language: language)
        return page(.entry, model, title: model.heading, request, context, status: status)
    }

    func runImport(
        data: Data, sheet: String?, fileName: String, reason: String, unit: ReportingUnit, identity: Identity, commit: Bool, request: Request,
        context: PlanRequestContext
    ) async throws -> Response {
        let language = Language.of(request)
        let csrf = identity.csrfToken ?? ""
        do {
            let (format, result) = try await reporting.importFile(
                data, sheet: sheet, fileName: fileName, unit: unit.code, actor: context.actor(identity), identity: identity, dryRun: !commit,
                reason: reason, progress: commit ? ReportingAPIRoutes.progressLog(context.logger, unit: unit.code) : nil)
            var stagingID: String?
            if !commit, result.outcomes != nil, result.count(.new) + result.count(.changed) > 0 {
                stagingID = try await staging.stage(
                    ImportStaging.Staged(
                        username: identity.account.username, unit: unit.code, fileName: fileName, sheet: sheet, reason: reason, data: data))
            }
            let model = ImportPage.model(unit: unit, csrf: csrf, result: (format, result), stagingID: stagingID, language: language)
            return page(
                .importFile, model, title: language.t("导入", "Import"), request, context, status: result.outcomes == nil ? .unprocessableContent : .ok)
        } catch let error as ServiceError {
            guard case .invalid = error else { throw error }
            let model = ImportPage.model(unit: unit, csrf: csrf, error: error.message(language), language: language)
            return page(.importFile, model, title: language.t("导入", "Import"), request, context, status: .unprocessableContent)
        } catch let error as WorkflowError {
            let model = ImportPage.model(unit: unit, csrf: csrf, error: language.t(error.zh, error.en), language: language)
            return page(.importFile, model, title: language.t("导入", "Import"), request, context, status: .conflict)
        }
    }

    static func download(_ data: Data, type: String, name: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "private, no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func unitPeriod(_ context: PlanRequestContext) throws -> (String, Period) {
        let code = try context.parameters.require("code")
        let text = try context.parameters.require("period")
        guard let period = Period(text) else { throw ServiceError.badParameter(name: "period", message: "expected 2025, 2025Q3 or 2025-09") }
        return (code, period)
    }

    func sessionCookie(_ token: String, maxAge: Int, _ context: PlanRequestContext) -> String {
        "\(AuthMiddleware.cookieName)=\(token); Path=/; HttpOnly; SameSite=Lax; Max-Age=\(maxAge)\(secure(context))"
    }

    /// `; Secure` when the request came over HTTPS (a proxy in front says so with
    /// `X-Forwarded-Proto`) or the configuration asks for it always.
    func secure(_ context: PlanRequestContext) -> String {
        settings.secureCookies || context.overHTTPS ? "; Secure" : ""
    }
}
