import Foundation
import Hummingbird
import PlanCore
import PlanServices
import PlanStore

/// The pages of supervision: the responsibility list, its import and editing, a task with its
/// progress reports and evidence, and each person's alert inbox. Forms carry the session's CSRF
/// token; every rule is in `SupervisionService`.
struct SupervisionPageRoutes {
    let supervision: SupervisionService
    let reporting: ReportingService
    let staging: ImportStaging
    let pages: ReportingPageRoutes
    /// The staging area's unit for list imports (a list belongs to no one unit).
    static let stagingUnit = "responsibility-list"

    init(services: Services, pages: ReportingPageRoutes) {
        supervision = services.supervision
        reporting = services.reporting
        staging = services.staging
        self.pages = pages
    }

    func register(on router: Router<PlanRequestContext>) {
        router.get("/tasks") { request, context in
            let language = Language.of(request)
            let q = Query(request: request)
            let years = try await supervision.years()
            let year = try q.string("year").map { try Self.year($0) } ?? years.first ?? reporting.today().year
            var unitFilter: ReportingUnit?
            if let code = q.text("unit") { unitFilter = try await reporting.unit(code) }
            let article = try q.string("article").map { text -> Int in
                guard let n = Int(text), n > 0 else { throw ServiceError.badParameter(name: "article", message: "an article number") }
                return n
            }
            let tasks = try await supervision.tasks(year: year, unit: unitFilter?.code, article: article)
            let latest = try await supervision.latestReports(taskIDs: tasks.map(\.id))
            let canManage = try await canManage(context)
            let model = TaskListPage.model(
                tasks: tasks, years: Array(Set(years + [year])).sorted(by: >), year: year, latest: latest, canManage: canManage,
                unitFilter: unitFilter,
                today: reporting.today(), tree: try await reporting.tree(), language: language)
            return pages.page(.tasks, model, title: model.heading, request, context)
        }
        router.get("/tasks.xlsx") { request, context in
            try await Self.listDownload(supervision, request)
        }
        router.get("/tasks/import") { request, context in
            let identity = try await supervision.authorizeList(context.identity)
            return importPage(year: reporting.today().year, identity: identity, request: request, context: context)
        }
        router.post("/tasks/import") { request, context in
            let identity = try await supervision.authorizeList(context.identity)
            let language = Language.of(request)
            let parts = try await FormBody.parts(request)
            _ = try context.requireCSRF(["_csrf": parts["_csrf"]?.text ?? ""])
            let year = try (parts["year"]?.text).flatMap { $0.isEmpty ? nil : $0 }.map { try Self.year($0) } ?? reporting.today().year
            guard let file = parts["file"], !file.data.isEmpty else {
                return importPage(
                    year: year, identity: identity, error: language.t("请选择要上传的文件", "Choose a file to upload"), status: .badRequest, request: request,
                    context: context)
            }
            let sheet = parts["sheet"].map { $0.text.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            return try await runImport(
                data: file.data, sheet: sheet, fileName: file.filename ?? "upload", year: year, commit: parts["mode"]?.text == "commit",
                identity: identity, request: request, context: context)
        }
        router.post("/tasks/import/:id") { request, context in
            let identity = try await supervision.authorizeList(context.identity)
            let form = try await FormBody.fields(request)
            _ = try context.requireCSRF(form)
            let language = Language.of(request)
            guard
                let staged = try await staging.take(
                    try context.parameters.require("id"), username: identity.account.username, unit: Self.stagingUnit)
            else {
                return importPage(
                    year: reporting.today().year, identity: identity,
                    error: language.t("预览已过期，请重新上传文件", "The preview has expired: upload the file again"), status: .conflict, request: request,
                    context: context)
            }
            return try await runImport(
                data: staged.data, sheet: staged.sheet, fileName: staged.fileName, year: Int(staged.reason) ?? reporting.today().year, commit: true,
                identity: identity, request: request, context: context)
        }
        router.get("/tasks/new") { request, context in
            let identity = try await supervision.authorizeList(context.identity)
            let year = try Query(request: request).string("year").map { try Self.year($0) } ?? reporting.today().year
            let form = SupervisionService.TaskForm(
                year: year, number: "", title: "", lead: "", support: "", due: "", article: "", targets: "", milestones: "", deliverable: "")
            return editPage(form: form, editing: nil, identity: identity, request: request, context: context)
        }
        router.post("/tasks/new") { request, context in
            try await saveTask(editing: nil, request: request, context: context)
        }
        router.get("/tasks/:id") { request, context in
            try await taskPage(try context.parameters.require("id"), request: request, context: context)
        }
        router.get("/tasks/:id/edit") { request, context in
            let identity = try await supervision.authorizeList(context.identity)
            let task = try await supervision.task(try context.parameters.require("id"))
            let form = SupervisionService.TaskForm(task, units: try await reporting.tree().units)
            return editPage(form: form, editing: task.id, identity: identity, request: request, context: context)
        }
        router.post("/tasks/:id/edit") { request, context in
            try await saveTask(editing: try context.parameters.require("id"), request: request, context: context)
        }
        router.post("/tasks/:id/delete") { request, context in
            let form = try await FormBody.fields(request)
            let identity = try context.requireCSRF(form)
            let id = try context.parameters.require("id")
            do {
                try await supervision.deleteTask(id, identity: identity, actor: context.actor(identity))
            } catch let error as ServiceError {
                guard case .conflict = error else { throw error }
                return try await taskPage(id, error: error.message(Language.of(request)), status: .conflict, request: request, context: context)
            }
            return Response(status: .seeOther, headers: [.location: "/tasks"])
        }
        router.post("/tasks/:id/progress") { request, context in
            let id = try context.parameters.require("id")
            let parts = try await FormBody.partList(request)
            let fields = FormBody.textFields(parts)
            let identity = try context.requireCSRF(fields)
            let language = Language.of(request)
            guard let status = TaskStatus(rawValue: fields["status"] ?? ""),
                let confidence = DeliveryConfidence(rawValue: fields["confidence"] ?? "")
            else { throw ServiceError.badParameter(name: "status", message: "choose a status and a confidence level") }
            let files = FormBody.files(parts, named: "evidence")
            let milestones = parts.filter { $0.0 == "milestone" }.compactMap { Int($0.1.text) }
            let submit = fields["action"] == "submit"
            do {
                _ = try await supervision.reportProgress(
                    task: id, unit: fields["unit"] ?? "",
                    form: .init(
                        status: status, confidence: confidence, narrative: fields["narrative"] ?? "", files: files, milestonesDone: milestones,
                        submit: submit),
                    identity: identity, actor: context.actor(identity))
            } catch let error as ServiceError {
                switch error {
                case .invalid, .conflict, .badParameter:
                    return try await taskPage(id, error: error.message(language), status: error.status, request: request, context: context)
                default: throw error
                }
            }
            return Response(status: .seeOther, headers: [.location: "/tasks/\(id)?done=\(submit ? "submitted" : "saved")"])
        }
        router.post("/tasks/:id/progress/:unit/:period/review") { request, context in
            let id = try context.parameters.require("id")
            let unit = try context.parameters.require("unit")
            guard let period = Period(try context.parameters.require("period")) else {
                throw ServiceError.badParameter(name: "period", message: "a month such as 2026-11")
            }
            let form = try await FormBody.fields(request)
            let identity = try context.requireCSRF(form)
            guard let step = SupervisionService.ProgressStep(rawValue: form["action"] ?? "") else {
                throw ServiceError.badParameter(name: "action", message: "expected submit, approve or return")
            }
            do {
                _ = try await supervision.stepProgress(
                    step, task: id, unit: unit, period: period, reason: form["reason"], identity: identity, actor: context.actor(identity))
            } catch let error as ServiceError {
                guard case .conflict = error else { throw error }
                return try await taskPage(id, error: error.message(Language.of(request)), status: .conflict, request: request, context: context)
            }
            return Response(status: .seeOther, headers: [.location: "/tasks/\(id)?done=\(step.rawValue)"])
        }
        router.get("/evidence/:id") { request, context in
            let file = try await supervision.evidence(try context.parameters.require("id"), identity: context.identity)
            return Self.evidenceResponse(file)
        }
        router.get("/inbox") { request, context in
            let identity = try context.requireIdentity()
            let q = Query(request: request)
            let showMuted = q.string("muted") == "1"
            let unit = q.text("unit")
            let digests = try await supervision.inbox(identity, showMuted: showMuted, unit: unit)
            let model = InboxPage.model(
                digests: digests, csrf: identity.csrfToken ?? "", showMuted: showMuted, settings: supervision.settings, unitFilter: unit,
                language: Language.of(request))
            return pages.page(.inbox, model, title: model.heading, request, context)
        }
        router.post("/inbox/mark") { request, context in
            let form = try await FormBody.fields(request)
            let identity = try context.requireCSRF(form)
            let mark: AlertMark.Kind? = try Self.mark(form["mark"])
            let key = form["key"] ?? ""
            try await supervision.mark(key, as: mark, identity: identity, actor: context.actor(identity))
            return Response(status: .seeOther, headers: [.location: "/inbox"])
        }
    }

    // MARK: Helpers

    /// The list of the request's `year` (every year without one) as an XLSX download: the page's
    /// link and the API's export.
    static func listDownload(_ supervision: SupervisionService, _ request: Request) async throws -> Response {
        let year = try Query(request: request).string("year").map { try Self.year($0) }
        return ReportingPageRoutes.download(
            try await supervision.exportList(year: year), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            name: "responsibility-list-\(year.map(String.init) ?? "all").xlsx")
    }

    static func year(_ text: String) throws -> Int {
        guard let year = Int(text), (2000...2100).contains(year) else {
            throw ServiceError.badParameter(name: "year", message: "a year such as 2026")
        }
        return year
    }

    static func mark(_ text: String?) throws -> AlertMark.Kind? {
        if text == "clear" { return nil }
        guard let mark = AlertMark.Kind(rawValue: text ?? "") else {
            throw ServiceError.badParameter(name: "mark", message: "expected acknowledged, muted or clear")
        }
        return mark
    }

    /// An evidence file as a download (never rendered inline: the browser saves it).
    static func evidenceResponse(_ file: StoredEvidence) -> Response {
        attachment(fileName: file.info.fileName, contentType: file.info.contentType, data: file.data)
    }

    /// Stored bytes as a download under their file name, kept out of shared caches.
    static func attachment(fileName: String, contentType: String, data: Data) -> Response {
        let ascii = fileName.unicodeScalars.allSatisfy { $0.isASCII && $0 != "\"" && $0.value >= 0x20 }
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "evidence"
        let disposition = ascii ? "attachment; filename=\"\(fileName)\"" : "attachment; filename*=UTF-8''\(encoded)"
        return Response(
            status: .ok,
            headers: [
                .contentType: contentType, .contentDisposition: disposition, .cacheControl: "private, no-store",
                .init("X-Content-Type-Options")!: "nosniff",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    func canManage(_ context: PlanRequestContext) async throws -> Bool {
        try await reporting.allows(context.identity, .manageTasks, unit: try await reporting.tree().root)
    }

    func taskPage(
        _ id: String, error: String? = nil, status: HTTPResponse.Status = .ok, request: Request, context: PlanRequestContext
    ) async throws -> Response {
        let language = Language.of(request)
        let view = try await supervision.taskView(id, identity: context.identity)
        let message: String? =
            switch Query(request: request).string("done") {
            case "saved": language.t("已保存草稿。", "Draft saved.")
            case "submitted", "submit": language.t("已提交审核。", "Submitted for review.")
            case "approve": language.t("已审核通过。", "Approved.")
            case "return": language.t("已退回。", "Returned.")
            case "edited": language.t("任务已保存。", "The task is saved.")
            default: nil
            }
        let model = TaskPage.model(
            view: view, tree: try await reporting.tree(), csrf: context.identity?.csrfToken ?? "", canManage: try await canManage(context),
            today: reporting.today(), message: message, error: error, language: language)
        return pages.page(.task, model, title: model.heading, request, context, status: status)
    }

    func importPage(
        year: Int, identity: Identity, result: SupervisionService.ListImport? = nil, error: String = "", stagingID: String? = nil,
        status: HTTPResponse.Status = .ok, tree: UnitTree? = nil, request: Request, context: PlanRequestContext
    ) -> Response {
        let language = Language.of(request)
        let model = TaskImportPage.model(
            csrf: identity.csrfToken ?? "", year: year, result: result, error: error, stagingID: stagingID, tree: tree ?? UnitTree([]),
            language: language)
        return pages.page(.taskImport, model, title: model.heading, request, context, status: status)
    }

    func runImport(
        data: Data, sheet: String?, fileName: String, year: Int, commit: Bool, identity: Identity, request: Request, context: PlanRequestContext
    ) async throws -> Response {
        let tree = try await reporting.tree()
        do {
            let result = try await supervision.importList(
                data, sheet: sheet, fileName: fileName, year: year, identity: identity, actor: context.actor(identity), dryRun: !commit)
            var stagingID: String?
            if !commit, result.outcomes != nil, result.count(.new) + result.count(.changed) > 0 {
                // A list has no reason to give; the staged file's `reason` carries the year of its rows without 年度.
                stagingID = try await staging.stage(
                    ImportStaging.Staged(
                        username: identity.account.username, unit: Self.stagingUnit, fileName: fileName, sheet: sheet, reason: String(year),
                        data: data))
            }
            return importPage(
                year: year, identity: identity, result: result, stagingID: stagingID, status: result.outcomes == nil ? .unprocessableContent : .ok,
                tree: tree,
                request: request, context: context)
        } catch let error as ServiceError {
            guard case .invalid = error else { throw error }
            return importPage(
                year: year, identity: identity, error: error.message(Language.of(request)), status: .unprocessableContent, request: request,
                context: context)
        }
    }

    func editPage(
        form: SupervisionService.TaskForm, editing id: String?, identity: Identity, error: String? = nil, status: HTTPResponse.Status = .ok,
        request: Request, context: PlanRequestContext
    ) -> Response {
        let model = TaskEditPage.model(form: form, editing: id, csrf: identity.csrfToken ?? "", error: error, language: Language.of(request))
        return pages.page(.taskEdit, model, title: model.heading, request, context, status: status)
    }

    func saveTask(editing id: String?, request: Request, context: PlanRequestContext) async throws -> Response {
        let fields = try await FormBody.fields(request)
        let identity = try context.requireCSRF(fields)
        try await supervision.authorizeList(identity)
        let year = try Self.year(fields["year"] ?? "")
        let form = SupervisionService.TaskForm(
            year: year, number: fields["number"] ?? "", title: fields["title"] ?? "", lead: fields["lead"] ?? "", support: fields["support"] ?? "",
            due: fields["due"] ?? "", article: fields["article"] ?? "", targets: fields["targets"] ?? "", milestones: fields["milestones"] ?? "",
            deliverable: fields["deliverable"] ?? "")
        do {
            let task = try await supervision.saveTask(form, editing: id, identity: identity, actor: context.actor(identity))
            return Response(status: .seeOther, headers: [.location: "/tasks/\(task.id)?done=edited"])
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
