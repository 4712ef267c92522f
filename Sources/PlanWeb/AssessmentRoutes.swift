import Foundation
import HTTPTypes
import Hummingbird
import PlanCore
import PlanServices
import PlanStore

/// The assessment over the pages (`/assessment`) and the API (`/api/v1/assessment`): schemes
/// with their versions, rounds that freeze and publish, results and score sheets (public once
/// published), and their export. Every rule is in `AssessmentService`.
struct AssessmentRoutes {
    let services: Services
    let pages: ReportingPageRoutes

    var assessment: AssessmentService { services.assessment }

    func register(on router: Router<PlanRequestContext>) {
        router.get("/assessment") { request, context in
            try await indexPage(request: request, context: context)
        }
        router.post("/assessment/schemes") { request, context in
            let fields = try await FormBody.fields(request)
            let identity = try context.requireCSRF(fields)
            let id = fields["id"] ?? ""
            do {
                let saved = try await assessment.saveScheme(
                    id: id, body: fields["body"] ?? "", note: fields["note"] ?? "", identity: identity, actor: context.actor(identity))
                return Response(status: .seeOther, headers: [.location: "/assessment/schemes/\(saved.id)"])
            } catch let error as ServiceError where Self.shownOnForm(error) {
                return try await indexPage(error: error, draft: (id, fields["body"] ?? ""), request: request, context: context)
            }
        }
        router.post("/assessment/schemes/import") { request, context in
            let parts = try await FormBody.partList(request)
            let fields = FormBody.textFields(parts)
            let identity = try context.requireCSRF(fields)
            do {
                guard let file = FormBody.files(parts, named: "file").first?.data else {
                    throw ServiceError.invalid(zh: "请选择考核方案的 XLSX 文件", en: "Choose the scheme's XLSX file")
                }
                let saved = try await assessment.saveScheme(
                    id: fields["id"] ?? "", workbook: file, note: fields["note"] ?? "", identity: identity, actor: context.actor(identity))
                return Response(status: .seeOther, headers: [.location: "/assessment/schemes/\(saved.id)?version=\(saved.version)"])
            } catch let error as ServiceError where Self.shownOnForm(error) {
                return try await indexPage(error: error, request: request, context: context)
            }
        }
        router.get("/assessment/schemes/:id/scheme.xlsx") { request, context in
            try await schemeDownload(id: try context.parameters.require("id"), request: request, context: context)
        }
        router.get("/assessment/schemes/:id") { request, context in
            try await schemePage(id: try context.parameters.require("id"), request: request, context: context)
        }
        router.post("/assessment/schemes/:id") { request, context in
            let fields = try await FormBody.fields(request)
            let identity = try context.requireCSRF(fields)
            let id = try context.parameters.require("id")
            _ = try await assessment.scheme(id, version: nil, identity: identity)
            do {
                let saved = try await assessment.saveScheme(
                    id: id, body: fields["body"] ?? "", note: fields["note"] ?? "", identity: identity, actor: context.actor(identity))
                return Response(status: .seeOther, headers: [.location: "/assessment/schemes/\(saved.id)?version=\(saved.version)"])
            } catch let error as ServiceError where Self.shownOnForm(error) {
                return try await schemePage(id: id, error: error, draft: fields["body"], request: request, context: context)
            }
        }
        router.post("/assessment/rounds") { request, context in
            let fields = try await FormBody.fields(request)
            let identity = try context.requireCSRF(fields)
            do {
                let round = try await open(
                    year: fields["year"], scheme: fields["scheme"], cutoff: fields["cutoff"], identity: identity, context: context)
                return Response(status: .seeOther, headers: [.location: "/assessment/rounds/\(round.id)"])
            } catch let error as ServiceError where Self.shownOnForm(error) {
                return try await indexPage(error: error, request: request, context: context)
            }
        }
        router.get("/assessment/rounds/:id") { request, context in
            try await roundPage(id: try context.parameters.require("id"), request: request, context: context)
        }
        router.post("/assessment/rounds/:id") { request, context in
            let fields = try await FormBody.fields(request)
            let identity = try context.requireCSRF(fields)
            let id = try context.parameters.require("id")
            do {
                switch fields["action"] {
                case "freeze": _ = try await assessment.freeze(id, reason: fields["reason"] ?? "", identity: identity, actor: context.actor(identity))
                case "publish": _ = try await assessment.publish(id, identity: identity, actor: context.actor(identity))
                default: throw ServiceError.badParameter(name: "action", message: "freeze or publish")
                }
                return Response(status: .seeOther, headers: [.location: "/assessment/rounds/\(id)?done=\(fields["action"] ?? "")"])
            } catch let error as ServiceError where Self.shownOnForm(error) {
                return try await roundPage(id: id, error: error, request: request, context: context)
            }
        }
        router.get("/assessment/rounds/:id/units/:code") { request, context in
            try await sheetPage(
                id: try context.parameters.require("id"), unit: try context.parameters.require("code"), request: request, context: context)
        }
        router.get("/assessment/rounds/:id/units/:code/pdf") { request, context in
            try await sheetPDF(
                id: try context.parameters.require("id"), unit: try context.parameters.require("code"), request: request, context: context)
        }
        router.post("/assessment/rounds/:id/units/:code/qualitative") { request, context in
            let fields = try await FormBody.fields(request)
            let identity = try context.requireCSRF(fields)
            let (id, unit) = (try context.parameters.require("id"), try context.parameters.require("code"))
            do {
                let text = (fields["points"] ?? "").trimmingCharacters(in: .whitespaces)
                guard let points = Double(text), points.isFinite else {
                    throw ServiceError.invalid(zh: "定性分须为数字", en: "The qualitative points must be a number")
                }
                _ = try await assessment.setQualitative(
                    id, unit: unit, item: fields["item"] ?? "", points: points, reason: fields["reason"] ?? "", identity: identity,
                    actor: context.actor(identity))
                return Response(status: .seeOther, headers: [.location: "/assessment/rounds/\(id)/units/\(unit)?done=qualitative#qualitative"])
            } catch let error as ServiceError where Self.shownOnForm(error) {
                return try await sheetPage(id: id, unit: unit, error: error, request: request, context: context)
            }
        }
        router.get("/assessment/rounds/:id/what-if") { request, context in
            let language = Language.of(request)
            let id = try context.parameters.require("id")
            var error: String?
            var result: AssessmentService.WhatIfResult
            do {
                result = try await assessment.whatIf(id, changes: try Self.whatIf(request), identity: context.identity)
            } catch let e as ServiceError where Self.shownOnForm(e) {
                // The scheme's own values, with what was wrong said above them.
                error = e.message(language)
                result = try await assessment.whatIf(id, changes: WhatIf(), identity: context.identity)
            }
            let model = WhatIfPage.model(result, names: try await names(language), error: error, language: language)
            return pages.page(.whatIf, model, title: model.heading, request, context, status: error == nil ? .ok : .badRequest)
        }
        router.get("/assessment/rounds/:id/results.xlsx") { request, context in
            try await export(id: try context.parameters.require("id"), format: "xlsx", request: request, context: context)
        }
        router.get("/assessment/rounds/:id/results.csv") { request, context in
            try await export(id: try context.parameters.require("id"), format: "csv", request: request, context: context)
        }

        let api = router.group("api/v1/assessment")
        api.get("schemes") { request, context in
            try JSONResponse.make(try await assessment.schemes(identity: context.identity).map { API.SchemeItem($0) }, request: request)
        }
        api.post("schemes") { request, context in
            let identity = try context.requireIdentity()
            let body = try await APIBody.decode(API.SchemeRequest.self, request)
            let saved = try await assessment.saveScheme(
                id: body.id, body: body.body, note: body.note ?? "", identity: identity, actor: context.actor(identity))
            return try APIBody.created(API.SchemeItem(saved, missing: try await gaps(saved)), request)
        }
        api.post("schemes/import") { request, context in
            let identity = try context.requireIdentity()
            let parts = try await FormBody.partList(request)
            func field(_ name: String) -> String { parts.first { $0.0 == name && $0.1.filename == nil }?.1.text ?? "" }
            guard let file = FormBody.files(parts, named: "file").first?.data else {
                throw ServiceError.badParameter(name: "file", message: "a multipart part named file with the XLSX")
            }
            let saved = try await assessment.saveScheme(
                id: field("id"), workbook: file, note: field("note"), identity: identity, actor: context.actor(identity))
            return try APIBody.created(API.SchemeItem(saved, missing: try await gaps(saved)), request)
        }
        api.get("schemes/:id/export") { request, context in
            try await schemeDownload(id: try context.parameters.require("id"), request: request, context: context)
        }
        api.get("schemes/:id") { request, context in
            let version = try Query(request: request).int("version", in: 1...1_000_000)
            let scheme = try await assessment.scheme(try context.parameters.require("id"), version: version, identity: context.identity)
            return try JSONResponse.make(API.SchemeItem(scheme, missing: try await gaps(scheme)), request: request)
        }
        api.get("rounds") { request, context in
            try JSONResponse.make(try await assessment.rounds(identity: context.identity).map(API.RoundItem.init), request: request)
        }
        api.post("rounds") { request, context in
            let identity = try context.requireIdentity()
            let body = try await APIBody.decode(API.RoundRequest.self, request)
            let round = try await open(
                year: String(body.year), scheme: "\(body.scheme):\(body.version)", cutoff: body.cutoff, identity: identity, context: context)
            return try APIBody.created(API.RoundItem(round), request)
        }
        api.get("rounds/:id") { request, context in
            let id = try context.parameters.require("id")
            let round = try await assessment.round(id, identity: context.identity)
            let results = round.snapshots.isEmpty ? nil : try await assessment.results(id, identity: context.identity)
            return try JSONResponse.make(API.RoundResultsItem(round: round, results: results), request: request)
        }
        api.post("rounds/:id/freeze") { request, context in
            let identity = try context.requireIdentity()
            let body = try await APIBody.decodeOptional(API.ReasonRequest.self, request)
            let round = try await assessment.freeze(
                try context.parameters.require("id"), reason: body?.reason ?? "", identity: identity, actor: context.actor(identity))
            return try JSONResponse.make(API.RoundItem(round), request: request)
        }
        api.post("rounds/:id/publish") { request, context in
            let identity = try context.requireIdentity()
            let round = try await assessment.publish(try context.parameters.require("id"), identity: identity, actor: context.actor(identity))
            return try JSONResponse.make(API.RoundItem(round), request: request)
        }
        api.get("rounds/:id/units/:code") { request, context in
            let sheet = try await assessment.sheet(
                try context.parameters.require("id"), unit: try context.parameters.require("code"),
                seq: try Query(request: request).int("snapshot", in: 1...10_000),
                identity: context.identity)
            return try JSONResponse.make(API.SheetItem(sheet), request: request)
        }
        api.get("rounds/:id/units/:code/pdf") { request, context in
            try await sheetPDF(
                id: try context.parameters.require("id"), unit: try context.parameters.require("code"), request: request, context: context)
        }
        api.post("rounds/:id/units/:code/qualitative") { request, context in
            let identity = try context.requireIdentity()
            let body = try await APIBody.decode(API.QualitativeRequest.self, request)
            let score = try await assessment.setQualitative(
                try context.parameters.require("id"), unit: try context.parameters.require("code"), item: body.item, points: body.points,
                reason: body.reason, identity: identity, actor: context.actor(identity))
            return try JSONResponse.make(API.QualitativeItem(score), request: request)
        }
        api.get("rounds/:id/what-if") { request, context in
            let result = try await assessment.whatIf(
                try context.parameters.require("id"), changes: try Self.whatIf(request), identity: context.identity)
            return try JSONResponse.make(API.WhatIfItem(result), request: request)
        }
        api.get("rounds/:id/export") { request, context in
            let format = Query(request: request).string("format") ?? "xlsx"
            guard ["xlsx", "csv"].contains(format) else { throw ServiceError.badParameter(name: "format", message: "xlsx or csv") }
            return try await export(id: try context.parameters.require("id"), format: format, request: request, context: context)
        }
    }

    /// The changes a what-if asks for: `veto=0|1`, `bonus_rate`, `bonus_cap`, `grades=90,80,60,0`,
    /// `p.TARGET=points` and a unit's value `v.UNIT.TARGET=value` (or the form's `vu`, `vt`, `vv`);
    /// a value that is not a number is a 400.
    static func whatIf(_ request: Request) throws -> WhatIf {
        func number(_ name: String, _ text: String) throws -> Double {
            guard let x = Double(text.trimmingCharacters(in: .whitespaces)), x.isFinite else {
                throw ServiceError.badParameter(name: name, message: "a number, not \"\(text)\"")
            }
            return x
        }
        var changes = WhatIf()
        for (key, value) in request.uri.queryParameters {
            let name = String(key)
            let text = String(value)
            guard !text.isEmpty else { continue }
            switch name {
            case "veto":
                guard text == "0" || text == "1" else { throw ServiceError.badParameter(name: "veto", message: "0 or 1") }
                changes.veto = text == "1"
            case "bonus_rate": changes.bonusRate = try number(name, text)
            case "bonus_cap": changes.bonusCap = try number(name, text)
            case "grades": changes.gradeMinimums = try text.split(separator: ",").map { try number(name, String($0)) }
            case "lang", "vu", "vt": break
            case "vv":
                // A unit's value typed in the form's last row: unit, target and value.
                let q = Query(request: request)
                if let unit = q.string("vu"), let target = q.string("vt"), !unit.isEmpty, !target.isEmpty {
                    changes.values["\(unit)|\(target)"] = try number(name, text)
                }
            default:
                if name.hasPrefix("v."), case let parts = name.dropFirst(2).split(separator: ".", maxSplits: 1), parts.count == 2 {
                    changes.values["\(parts[0])|\(parts[1])"] = try number(name, text)
                    continue
                }
                guard name.hasPrefix("p."), name.count > 2 else { throw ServiceError.badParameter(name: name, message: "not a what-if parameter") }
                changes.points[String(name.dropFirst(2))] = try number(name, text)
            }
        }
        return changes
    }

    /// Errors a form shows above itself (with what was typed); others are error pages.
    static func shownOnForm(_ error: ServiceError) -> Bool {
        switch error {
        case .invalid, .conflict, .badParameter, .notFound, .tooLarge: true
        default: false
        }
    }

    func open(year: String?, scheme: String?, cutoff: String?, identity: Identity, context: PlanRequestContext) async throws -> AssessmentRound {
        guard let year = year.flatMap({ Int($0) }) else { throw ServiceError.badParameter(name: "year", message: "a year such as 2024") }
        let parts = (scheme ?? "").split(separator: ":")
        guard parts.count == 2, let version = Int(parts[1]) else {
            throw ServiceError.badParameter(name: "scheme", message: "a scheme and its version, such as city-2024:1")
        }
        guard let day = Day(cutoff ?? "") else { throw ServiceError.badParameter(name: "cutoff", message: "a day such as 2025-03-31") }
        return try await assessment.openRound(
            year: year, schemeID: String(parts[0]), version: version, cutoff: day, identity: identity, actor: context.actor(identity))
    }

    func schemeDownload(id: String, request: Request, context: PlanRequestContext) async throws -> Response {
        let version = try Query(request: request).int("version", in: 1...1_000_000)
        let data = try await assessment.schemeWorkbook(id, version: version, identity: context.identity)
        return ReportingPageRoutes.download(
            data, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            name: "scheme-\(id)\(version.map { "-v\($0)" } ?? "").xlsx")
    }

    /// The scheme check of a stored scheme: target → the assessed units without their own value.
    func gaps(_ scheme: StoredScheme) async throws -> [String: [String]] {
        guard let parsed = try? await assessment.check(scheme.body) else { return [:] }
        return Dictionary(try await assessment.gaps(parsed).map { ($0.targetID, $0.units) }, uniquingKeysWith: { a, _ in a })
    }

    /// The units' names in `language` (Chinese in exports).
    func names(_ language: Language = .zh) async throws -> [String: String] {
        let units = try await services.store.units().map { ($0.code, language.t($0.nameZh, $0.nameEn)) }
        let regions = try await services.store.loadPlan().regions.map { ($0.code, language.t($0.nameZh, $0.nameEn)) }
        return Dictionary(units + regions, uniquingKeysWith: { _, b in b })
    }

    func export(id: String, format: String, request: Request, context: PlanRequestContext) async throws -> Response {
        let results = try await assessment.results(id, identity: context.identity)
        guard results.complete else {
            throw ServiceError.forbidden(zh: "考核结果发布后才能导出全部单位的结果", en: "Every unit's results can be exported once the round is published")
        }
        let names = try await names()
        return format == "csv"
            ? ReportingPageRoutes.download(RoundFile.csv(results, names: names), type: "text/csv; charset=utf-8", name: "assessment-\(id).csv")
            : ReportingPageRoutes.download(
                try RoundFile.xlsx(results, names: names), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                name: "assessment-\(id).xlsx")
    }

    static func problems(_ error: ServiceError?, _ language: Language) -> [String] {
        guard case .invalid(_, _, let problems, _) = error else { return [] }
        return problems.map { ($0.line > 0 ? language.t("第 \($0.line) 行：", "line \($0.line): ") : "") + $0.message }
    }
}
