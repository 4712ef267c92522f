import Foundation
import Hummingbird
import PlanCore
import PlanServices
import PlanStore

/// Declarations and monthly reports from a workbook: upload, preview every row's outcome or
/// problems, confirm (the staged file is imported again, in one transaction).
extension ProjectFormRoutes {
    enum ImportKind {
        case declarations(year: Int)
        case reports

        var action: String {
            switch self {
            case .declarations(let year): "/projects/windows/\(year)/import"
            case .reports: "/projects/reports/import"
            }
        }

        var stagingUnit: String {
            switch self {
            case .declarations(let year): "\(ProjectFormRoutes.declarationStaging)-\(year)"
            case .reports: ProjectFormRoutes.reportStaging
            }
        }
    }

    /// The import page: the task-import template with the library's columns.
    func importPage(
        _ kind: ImportKind, identity: Identity, rows: [TaskImportPage.Row] = [], outcomes: [RowOutcome]? = nil, problemRows: Int = 0,
        dryRun: Bool = true,
        hasResult: Bool = false, error: String = "", stagingID: String? = nil, status: HTTPResponse.Status = .ok, request: Request,
        context: PlanRequestContext
    ) -> Response {
        let language = Language.of(request)
        let t = language.t
        let declarations: Bool
        if case .declarations = kind { declarations = true } else { declarations = false }
        let action = kind.action
        let model = TaskImportPage.Model(
            heading: declarations ? t("从 XLSX 批量申报项目", "Declare projects from a workbook") : t("导入月度调度表", "Import a month's dispatch reports"),
            intro: declarations
                ? t(
                    "XLSX 或 CSV（UTF-8 或 GBK），列为：项目代码、项目名称、项目单位、所属领域、总投资（万元）、年度计划投资（万元）、计划开工、计划竣工、建设内容及规模；可加申报单位、所在县、对应条款、服务目标、申报类别、建设地点、联系人及电话。先预览，确认后写入。",
                    "XLSX or CSV (UTF-8 or GBK) with the columns of the downloaded list: code, name, owner, sector, total and annual investment (10k yuan), planned start and completion, scope; optionally unit, county, articles, targets, tier, location, contact. Preview first, then confirm."
                )
                : t(
                    "XLSX 或 CSV（UTF-8 或 GBK），列为：项目代码、月份、本月完成投资（万元）、累计完成投资（万元）、形象进度（%）；可加当年累计完成投资、已完成节点、存在问题、需协调事项、问题责任单位、解决时限。先预览，确认后写入。",
                    "XLSX or CSV (UTF-8 or GBK): code, month, investment this month and to date (10k yuan), progress (%); optionally this year's investment, milestones, problem, help, problem owner, due. Preview first, then confirm."
                ),
            csrf: identity.csrfToken ?? "", fileLabel: t("文件", "File"), sheetLabel: t("工作表（可选）", "Sheet (optional)"), yearLabel: "",
            previewLabel: t("预览", "Preview"), importLabel: t("直接导入", "Import now"), exampleNote: "", action: action, listHref: "/projects/desk",
            year: nil, error: error.isEmpty ? nil : error, hasResult: hasResult,
            resultHeading: hasResult
                ? TaskImportPage.heading(
                    imported: outcomes != nil, dryRun: dryRun, problems: problemRows, nothing: t("未导入任何内容", "nothing was imported"), language) : "",
            summary: hasResult ? TaskImportPage.summary(outcomes, problemRows: problemRows, language: language) : [], rows: rows,
            stagingID: stagingID,
            confirmLabel: t("确认导入", "Confirm the import"), done: outcomes != nil && !dryRun ? "/projects/desk" : nil,
            col: [
                "line": t("行", "Line"), "number": t("项目代码", "Code"), "title": declarations ? t("项目名称", "Project") : t("月份", "Month"),
                "lead": declarations ? t("申报单位", "Unit") : t("本月完成投资", "This month"),
                "due": declarations ? t("计划开工", "Planned start") : t("形象进度", "Progress"), "outcome": t("结果", "Outcome"),
                "message": t("说明", "Message"), "list": t("项目遴选与调度", "Selection and dispatch"),
            ])
        return pages.page(.taskImport, model, title: model.heading, request, context, status: status)
    }

    func runImport(
        _ kind: ImportKind, data: Data, sheet: String?, fileName: String, commit: Bool, identity: Identity, request: Request,
        context: PlanRequestContext
    ) async throws -> Response {
        let language = Language.of(request)
        do {
            var rows: [TaskImportPage.Row] = []
            var outcomes: [RowOutcome]?
            var problemRows = 0
            switch kind {
            case .declarations(let year):
                let result = try await projects.importDeclarations(
                    data, year: year, sheet: sheet, fileName: fileName, identity: identity, actor: context.actor(identity), dryRun: !commit)
                outcomes = result.outcomes
                problemRows = result.rows.filter { !$0.problems.isEmpty }.count
                rows = result.rows.enumerated().map { i, e in
                    let code = !e.problems.isEmpty ? "error" : result.outcomes?[i].rawValue ?? "valid"
                    return TaskImportPage.Row(
                        line: String(e.row.line), number: e.row["code"], title: e.row["name"], lead: e.project?.unitCode ?? e.row["unit"],
                        due: e.project?.plannedStart.description ?? e.row["start"], outcome: ImportPage.outcomeName(code, language),
                        outcomeCode: code,
                        message: e.problems.map { language.t($0.messageZh, $0.message) }.joined(separator: language.t("；", "; ")))
                }
            case .reports:
                let result = try await projects.importReports(
                    data, sheet: sheet, fileName: fileName, identity: identity, actor: context.actor(identity), dryRun: !commit)
                outcomes = result.outcomes
                problemRows = result.rows.filter { !$0.problems.isEmpty }.count
                rows = result.rows.prefix(2000).enumerated().map { i, e in
                    let code = !e.problems.isEmpty ? "error" : result.outcomes?[i].rawValue ?? "valid"
                    return TaskImportPage.Row(
                        line: String(e.row.line), number: e.row["code"], title: e.row["month"], lead: e.row["investmentMonth"],
                        due: e.row["progress"],
                        outcome: ImportPage.outcomeName(code, language), outcomeCode: code,
                        message: e.problems.map { language.t($0.messageZh, $0.message) }.joined(separator: language.t("；", "; ")))
                }
            }
            var stagingID: String?
            if !commit, let outcomes, outcomes.contains(where: { $0 != .unchanged }) {
                stagingID = try await staging.stage(
                    ImportStaging.Staged(
                        username: identity.account.username, unit: kind.stagingUnit, fileName: fileName, sheet: sheet, reason: "", data: data))
            }
            return importPage(
                kind, identity: identity, rows: rows, outcomes: outcomes, problemRows: problemRows, dryRun: !commit, hasResult: true,
                stagingID: stagingID,
                status: outcomes == nil ? .unprocessableContent : .ok, request: request, context: context)
        } catch let error as ServiceError {
            switch error {
            case .invalid, .conflict, .badParameter, .forbidden:
                return importPage(kind, identity: identity, error: error.message(language), status: error.status, request: request, context: context)
            default: throw error
            }
        }
    }

    func registerImports(on router: Router<PlanRequestContext>) {
        @Sendable func kind(_ context: PlanRequestContext, _ reports: Bool) throws -> ImportKind {
            guard !reports else { return .reports }
            guard let year = context.parameters.get("year", as: Int.self), (2000...2100).contains(year) else {
                throw ServiceError.badParameter(name: "year", message: "a year")
            }
            return .declarations(year: year)
        }
        for (path, reports) in [("/projects/windows/:year/import", false), ("/projects/reports/import", true)] {
            router.get(RouterPath(path)) { request, context in
                importPage(try kind(context, reports), identity: try context.requireIdentity(), request: request, context: context)
            }
            router.post(RouterPath(path)) { request, context in
                let identity = try context.requireIdentity()
                let k = try kind(context, reports)
                let parts = try await FormBody.parts(request)
                _ = try context.requireCSRF(["_csrf": parts["_csrf"]?.text ?? ""])
                guard let file = parts["file"], !file.data.isEmpty else {
                    return importPage(
                        k, identity: identity, error: Language.of(request).t("请选择要上传的文件", "Choose a file to upload"), status: .badRequest,
                        request: request, context: context)
                }
                let sheet = parts["sheet"].map { $0.text.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
                return try await runImport(
                    k, data: file.data, sheet: sheet, fileName: file.filename ?? "upload", commit: parts["mode"]?.text == "commit",
                    identity: identity,
                    request: request, context: context)
            }
            router.post(RouterPath(path + "/:id")) { request, context in
                let identity = try context.requireIdentity()
                let k = try kind(context, reports)
                _ = try context.requireCSRF(try await FormBody.fields(request))
                guard
                    let staged = try await staging.take(
                        try context.parameters.require("id"), username: identity.account.username, unit: k.stagingUnit)
                else {
                    return importPage(
                        k, identity: identity, error: Language.of(request).t("预览已过期，请重新上传文件", "The preview has expired: upload the file again"),
                        status: .conflict, request: request, context: context)
                }
                return try await runImport(
                    k, data: staged.data, sheet: staged.sheet, fileName: staged.fileName, commit: true, identity: identity, request: request,
                    context: context)
            }
        }
    }
}
