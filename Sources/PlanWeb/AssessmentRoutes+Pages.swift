import Foundation
import HTTPTypes
import Hummingbird
import PlanCore
import PlanServices
import PlanStore

/// The assessment's pages: the index, a scheme, a round, a score sheet and its PDF.
extension AssessmentRoutes {
    func indexPage(
        error: ServiceError? = nil, draft: (id: String, body: String)? = nil, request: Request, context: PlanRequestContext
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let language = Language.of(request)
        var draft = draft
        // `?copy=ID&version=N`: a scheme's version as the new scheme's draft, under a new id.
        if draft == nil, let id = Query(request: request).string("copy"), !id.isEmpty {
            let copied = try await assessment.scheme(id, version: try Query(request: request).int("version", in: 1...1_000_000), identity: identity)
            draft = ("\(copied.id)-copy", copied.body)
        }
        let model = AssessmentPages.index(
            rounds: try await assessment.rounds(identity: identity), schemes: try await assessment.schemes(identity: identity),
            manages: try await assessment.manages(identity), today: services.clock.today(), csrf: identity.csrfToken ?? "",
            error: error?.message(language), problems: Self.problems(error, language), draft: draft, language: language)
        return pages.page(.assessment, model, title: model.heading, request, context, status: error?.status ?? .ok)
    }

    func schemePage(id: String, error: ServiceError? = nil, draft: String? = nil, request: Request, context: PlanRequestContext) async throws
        -> Response
    {
        let identity = try context.requireIdentity()
        let language = Language.of(request)
        let version = try Query(request: request).int("version", in: 1...1_000_000)
        let shown = try await assessment.scheme(id, version: version, identity: identity)
        var model = AssessmentPages.scheme(
            shown, versions: try await services.store.schemes(id: id), manages: try await assessment.manages(identity),
            csrf: identity.csrfToken ?? "", error: error?.message(language), problems: Self.problems(error, language), draft: draft,
            language: language)
        model.copyLabel = language.t("复制为新方案", "Copy as a new scheme")
        // The scheme check: a scheme that no longer fits the catalog has nothing to list here.
        if let parsed = try? await assessment.check(shown.body) {
            let names = try await names(language)
            model.gaps = try await assessment.gaps(parsed).map { gap in
                language.t(
                    "\(gap.targetID)：是总量指标，方案未给 \(gap.units.count) 个市设定本市目标值（\(gap.units.map { names[$0] ?? $0 }.joined(separator: "、"))），这些市该项不计分",
                    "\(gap.targetID) is a level: the scheme sets no value for \(gap.units.count) cities (\(gap.units.map { names[$0] ?? $0 }.joined(separator: ", "))), which score nothing on it"
                )
            }
            model.hasGaps = !model.gaps.isEmpty
        }
        return pages.page(.scheme, model, title: model.heading, request, context, status: error?.status ?? .ok)
    }

    func sheetPage(id: String, unit: String, error: ServiceError? = nil, request: Request, context: PlanRequestContext) async throws -> Response {
        let model = try await Self.sheetModel(services, id: id, unit: unit, identity: context.identity, error: error, request: request)
        return pages.page(.sheet, model, title: model.heading, request, context, status: error?.status ?? .ok)
    }

    /// A score sheet's page model: what the browser shows and what is printed to PDF.
    static func sheetModel(
        _ services: Services, id: String, unit: String, identity: Identity?, error: ServiceError? = nil, request: Request
    ) async throws -> AssessmentPages.Sheet {
        let language = Language.of(request)
        let sheet = try await services.assessment.sheet(
            id, unit: unit, seq: try Query(request: request).int("snapshot", in: 1...10_000), identity: identity)
        let message: String? =
            switch Query(request: request).string("done") {
            case "appeal": language.t("申诉已提交，等待领导小组办公室处理。", "The appeal is filed; the office will decide it.")
            case "qualitative": language.t("定性分已保存。", "The qualitative points are saved.")
            default: nil
            }
        return AssessmentPages.sheet(sheet, csrf: identity?.csrfToken ?? "", message: message, error: error?.message(language), language: language)
    }

    func sheetPDF(id: String, unit: String, request: Request, context: PlanRequestContext) async throws -> Response {
        do {
            return ReportingPageRoutes.download(
                try await SheetPDF.make(services, id: id, unit: unit, identity: context.identity, language: Language.of(request)),
                type: "application/pdf", name: "score-sheet-\(id)-\(unit).pdf")
        } catch let error as PDFPrinter.Unavailable {
            throw ServiceError.unavailable(Language.of(request).t(error.zh, error.en))
        } catch let error as PDFPrinter.Failed {
            throw ServiceError.unavailable(error.description)
        }
    }

    func roundPage(id: String, error: ServiceError? = nil, request: Request, context: PlanRequestContext) async throws -> Response {
        let language = Language.of(request)
        let round = try await assessment.round(id, identity: context.identity)
        let results = round.snapshots.isEmpty ? nil : try await assessment.results(id, identity: context.identity)
        let done: String? =
            switch Query(request: request).string("done") {
            case "freeze": language.t("数据已冻结。", "The data are frozen.")
            case "publish": language.t("结果已发布。", "The results are published.")
            case "accept": language.t("申诉已采纳，该项已按更正值重新计分。", "The appeal is accepted; its line is scored again with the corrected value.")
            case "reject": language.t("申诉未予采纳。", "The appeal is rejected.")
            case "pool": language.t("资金池已保存。", "The pool is saved.")
            default: nil
            }
        let manages = try await assessment.manages(context.identity)
        let names = try await names(language)
        var model = AssessmentPages.round(
            round, results: results, manages: manages, names: names, csrf: context.identity?.csrfToken ?? "", message: done,
            error: error?.message(language), language: language)
        model.sections = AssessmentPages.sections(
            round, appeals: context.identity == nil ? [] : try await assessment.appeals(id, identity: context.identity),
            pools: try await assessment.pools(id, identity: context.identity), manages: manages, loggedIn: context.identity != nil, names: names,
            csrf: context.identity?.csrfToken ?? "", language: language)
        return pages.page(.round, model, title: model.heading, request, context, status: error?.status ?? .ok)
    }
}

/// A score sheet printed to PDF away from a browser (the command line, and the sheet's download).
public enum SheetPDF {
    /// Unit `unit`'s score sheet in round `id` as a PDF, as `identity` would read it, in `language`.
    public static func make(_ services: Services, id: String, unit: String, identity: Identity?, language: Language = .zh) async throws -> Data {
        let head = HTTPRequest(
            method: .get, scheme: "http", authority: "plantrack", path: "/assessment/rounds/\(id)/units/\(unit)?lang=\(language.rawValue)")
        let request = Request(head: head, body: RequestBody(buffer: ByteBuffer()))
        let model = try await AssessmentRoutes.sheetModel(services, id: id, unit: unit, identity: identity, request: request)
        let html = try await PageRenderer.bundled().render(.sheet, model: model, title: model.heading, request: request, language: language)
        return try await PDFPrinter.pdf(html: PDFPrinter.standalone(html))
    }
}
