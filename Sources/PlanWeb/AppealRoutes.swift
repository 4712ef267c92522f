import Foundation
import HTTPTypes
import Hummingbird
import PlanCore
import PlanServices
import PlanStore

/// Appeals over the pages (filed from a score sheet, decided on the round page) and the API
/// (`/api/v1/assessment/rounds/{id}/appeals`). Every rule is in `AssessmentService`.
struct AppealRoutes {
    let services: Services
    let routes: AssessmentRoutes

    var assessment: AssessmentService { services.assessment }

    func register(on router: Router<PlanRequestContext>) {
        router.post("/assessment/rounds/:id/units/:code/appeals") { request, context in
            let id = try context.parameters.require("id")
            let unit = try context.parameters.require("code")
            let parts = try await FormBody.partList(request)
            let fields = FormBody.textFields(parts)
            let identity = try context.requireCSRF(fields)
            let files = FormBody.files(parts, named: "evidence")
            do {
                _ = try await assessment.fileAppeal(
                    id, unit: unit, targetID: fields["target"] ?? "", reason: fields["reason"] ?? "", files: files, identity: identity,
                    actor: context.actor(identity))
            } catch let error as ServiceError where AssessmentRoutes.shownOnForm(error) {
                return try await routes.sheetPage(id: id, unit: unit, error: error, request: request, context: context)
            }
            return Response(status: .seeOther, headers: [.location: "/assessment/rounds/\(id)/units/\(unit)?done=appeal"])
        }
        router.post("/assessment/rounds/:id/appeals/:seq") { request, context in
            let fields = try await FormBody.fields(request)
            let identity = try context.requireCSRF(fields)
            let id = try context.parameters.require("id")
            let seq = try Self.seq(context)
            do {
                let accept = try Self.decision(fields["decision"])
                let value = accept ? try Self.value(fields["value"]) : nil
                _ = try await assessment.decideAppeal(
                    id, seq: seq, accept: accept, correctedValue: value, reason: fields["reason"] ?? "", identity: identity,
                    actor: context.actor(identity))
                return Response(
                    status: .seeOther, headers: [.location: "/assessment/rounds/\(id)?done=\(accept ? "accept" : "reject")#appeal-\(seq)"])
            } catch let error as ServiceError where AssessmentRoutes.shownOnForm(error) {
                return try await routes.roundPage(id: id, error: error, request: request, context: context)
            }
        }
        router.get("/assessment/appeal-files/:id") { request, context in
            let file = try await assessment.appealFile(try context.parameters.require("id"), identity: context.identity)
            return SupervisionPageRoutes.attachment(fileName: file.info.fileName, contentType: file.info.contentType, data: file.data)
        }

        let api = router.group("api/v1/assessment")
        api.get("rounds/:id/appeals") { request, context in
            let appeals = try await assessment.appeals(try context.parameters.require("id"), identity: try context.requireIdentity())
            return try JSONResponse.make(appeals.map(API.AppealItem.init), request: request)
        }
        api.post("rounds/:id/appeals") { request, context in
            let identity = try context.requireIdentity()
            let id = try context.parameters.require("id")
            var body = API.AppealRequest(unit: "", target: "", reason: "")
            var files: [(name: String, data: Data)] = []
            if request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true {
                let parts = try await FormBody.partList(request)
                func field(_ name: String) -> String { parts.first { $0.0 == name && $0.1.filename == nil }?.1.text ?? "" }
                body = API.AppealRequest(unit: field("unit"), target: field("target"), reason: field("reason"))
                files = FormBody.files(parts, named: "evidence")
            } else {
                body = try await APIBody.decode(API.AppealRequest.self, request)
            }
            let appeal = try await assessment.fileAppeal(
                id, unit: body.unit, targetID: body.target, reason: body.reason, files: files, identity: identity, actor: context.actor(identity))
            return try APIBody.created(API.AppealItem(appeal), request)
        }
        api.get("rounds/:id/appeals/:seq") { request, context in
            let identity = try context.requireIdentity()
            let appeal = try await assessment.appeal(try context.parameters.require("id"), seq: try Self.seq(context), identity: identity)
            return try JSONResponse.make(API.AppealItem(appeal), request: request)
        }
        for accept in [true, false] {
            api.post("rounds/:id/appeals/:seq/\(accept ? "accept" : "reject")") { request, context in
                let identity = try context.requireIdentity()
                let body = try await APIBody.decode(API.AppealDecisionRequest.self, request)
                let appeal = try await assessment.decideAppeal(
                    try context.parameters.require("id"), seq: try Self.seq(context), accept: accept, correctedValue: body.value,
                    reason: body.reason, identity: identity, actor: context.actor(identity))
                return try JSONResponse.make(API.AppealItem(appeal), request: request)
            }
        }
        api.get("appeal-files/:id") { request, context in
            let file = try await assessment.appealFile(try context.parameters.require("id"), identity: try context.requireIdentity())
            return SupervisionPageRoutes.attachment(fileName: file.info.fileName, contentType: file.info.contentType, data: file.data)
        }
    }

    static func seq(_ context: PlanRequestContext) throws -> Int {
        guard let seq = Int(try context.parameters.require("seq")), seq > 0 else {
            throw ServiceError.badParameter(name: "seq", message: "an appeal's number")
        }
        return seq
    }

    static func decision(_ text: String?) throws -> Bool {
        switch text {
        case "accept": true
        case "reject": false
        default: throw ServiceError.badParameter(name: "decision", message: "accept or reject")
        }
    }

    /// The corrected value as typed: a number, 千分位 commas allowed.
    static func value(_ text: String?) throws -> Double {
        let t = (text ?? "").replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
        guard let x = Double(t), x.isFinite else {
            throw ServiceError.invalid(zh: "采纳申诉须填写更正后的数值", en: "Accepting needs the corrected value, as a number")
        }
        return x
    }
}

/// JSON shapes of appeals (snake_case on the wire).
extension API {
    struct AppealRequest: Decodable {
        var unit, target, reason: String
    }

    struct AppealDecisionRequest: Decodable {
        var value: Double?
        var reason: String
    }

    struct AppealFileItem: Encodable {
        var id, fileName, contentType, sha256: String
        var size: Int
    }

    struct AppealItem: Encodable {
        var id, round: String
        var seq: Int
        var unit, target: String
        var snapshot: Int
        var reason, state, filedBy, filedAt: String
        var decidedBy, decidedAt: String?
        var decision: String
        var correctedValue: Double?
        var files: [AppealFileItem]

        init(_ a: Appeal) {
            (id, round, seq, unit, target, snapshot) = (a.id, a.roundID, a.seq, a.unit, a.targetID, a.snapshotSeq)
            (reason, state, filedBy, filedAt) = (a.reason, a.state.rawValue, a.filedBy, a.filedAt)
            (decidedBy, decidedAt, decision, correctedValue) = (a.decidedBy, a.decidedAt, a.decision, a.correctedValue)
            files = a.files.map { AppealFileItem(id: $0.id, fileName: $0.fileName, contentType: $0.contentType, sha256: $0.sha256, size: $0.size) }
        }
    }
}
