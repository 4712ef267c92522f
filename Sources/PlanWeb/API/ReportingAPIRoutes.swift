import Foundation
import Hummingbird
import Logging
import PlanCore
import PlanServices
import PlanStore

/// `/api/v1` for data collection: sessions and tokens, units and calendars, figures by unit and
/// period, imports, the workflow, reconciliation, the audit log and user administration.
struct ReportingAPIRoutes {
    let reporting: ReportingService
    let accounts: AccountService

    func register(on router: Router<PlanRequestContext>) {
        let api = router.group("api/v1")
        api.post("session") { request, context in
            let body = try await decode(API.SessionRequest.self, request)
            let session = try await accounts.login(username: body.username, password: body.password, ip: context.remoteAddress, channel: "api")
            return try created(
                API.SessionResponse(
                    token: session.token, expiresAt: AccountService.timestamp(session.expiresAt), user: API.UserItem(session.account)), request)
        }
        api.delete("session") { request, context in
            let identity = try context.requireIdentity()
            try await accounts.logout(identity, ip: context.remoteAddress)
            return Response(status: .noContent)
        }
        api.get("me") { request, context in
            try JSONResponse.make(API.UserItem(try context.requireIdentity().account), request: request)
        }
        api.post("tokens") { request, context in
            let identity = try context.requireIdentity()
            let body = try await decode(API.TokenRequest.self, request)
            let label = String((body.label ?? "api").prefix(100))
            return try created(
                API.TokenResponse(token: try await accounts.createToken(identity, label: label, ip: context.remoteAddress), label: label), request)
        }
        api.get("tokens") { request, context in
            let identity = try context.requireIdentity()
            return try JSONResponse.make(try await accounts.tokens(identity).map(API.TokenItem.init), request: request)
        }
        api.delete("tokens/:id") { request, context in
            let identity = try context.requireIdentity()
            try await accounts.revokeToken(identity, id: try context.parameters.require("id"), ip: context.remoteAddress)
            return Response(status: .noContent)
        }
        api.get("units") { request, context in
            let tree = try await reporting.tree()
            return try JSONResponse.make(tree.subtree(of: tree.root).compactMap { tree[$0] }.map(API.UnitItem.init), request: request)
        }
        api.get("units/:code/calendar") { request, context in
            let code = try context.parameters.require("code")
            try await reporting.authorize(context.identity, .viewStatus, unit: code)
            return try JSONResponse.make(try await reporting.calendar(unit: code).map(API.CalendarItem.init), request: request)
        }
        api.put("units/:code/calendar") { request, context in
            let code = try context.parameters.require("code")
            let (identity, _) = try await reporting.authorize(context.identity, .manageCalendar, unit: code)
            let body = try await decode(API.ScheduleRequest.self, request)
            let lines = body.entries.map {
                ReportingService.CalendarLine(
                    indicatorKey: $0.indicatorKey, frequency: $0.frequency, firstYear: $0.firstYear, dueDays: $0.dueDays, lockDays: $0.lockDays)
            }
            let periods = try await reporting.replaceCalendar(unit: code, lines: lines, identity: identity, actor: context.actor(identity))
            return try JSONResponse.make(periods.map(API.CalendarItem.init), request: request)
        }
        api.get("units/:code/periods/:period/observations") { request, context in
            let (code, period) = try ReportingPageRoutes.unitPeriod(context)
            try await reporting.authorize(context.identity, .viewStatus, unit: code)
            let data = try await reporting.periodData(unit: code, period: period, identity: context.identity)
            let values = data.values.map { v in
                API.PeriodValueItem(
                    indicatorKey: v.indicatorKey, value: v.value, approvedValue: v.approvedValue, comment: v.comment, explanation: v.explanation,
                    flags: v.flags, revision: v.revision, updatedBy: v.updatedBy, updatedAt: v.updatedAt)
            }
            return try JSONResponse.make(
                API.PeriodValues(
                    unit: code, period: period.description, status: data.entry.status.rawValue, dueDay: data.entry.dueDay.description,
                    lockDay: data.entry.lockDay.description, locked: data.entry.locked, inCalendar: data.entry.inCalendar,
                    indicators: data.entry.indicatorKeys, values: values),
                request: request)
        }
        api.post("units/:code/periods/:period/observations") { request, context in
            let (code, period) = try ReportingPageRoutes.unitPeriod(context)
            let identity = try context.requireIdentity()
            let body = try await decode(API.ObservationBatch.self, request)
            let rows = body.values.enumerated().map { i, v in
                ReportRow(
                    line: i + 1, indicatorKey: v.indicatorKey, period: period.description, value: v.value.text, unit: v.unit ?? "",
                    comment: v.comment ?? "", explanation: v.explanation ?? "")
            }
            guard !rows.isEmpty else { throw ServiceError.badParameter(name: "values", message: "the batch is empty") }
            let result = try await reporting.save(
                rows, unit: code, actor: context.actor(identity), identity: identity, reason: body.reason ?? "", dryRun: body.dryRun ?? false)
            let status = try await reporting.store.submission(unit: code, period: period).status
            return try batchResponse(result, unit: code, format: nil, status: status, request: request)
        }
        for (path, step) in [("submit", WorkflowStep.submit), ("approve", .approve), ("return", .returnSubmission), ("reopen", .reopen)] {
            api.post("units/:code/periods/:period/\(path)") { request, context in
                let (code, period) = try ReportingPageRoutes.unitPeriod(context)
                let identity = try context.requireIdentity()
                let body = try await decodeOptional(API.StepRequest.self, request)
                let submission = try await reporting.step(
                    step, unit: code, period: period, reason: body?.reason, actor: context.actor(identity), identity: identity)
                return try JSONResponse.make(API.SubmissionItem(submission), request: request)
            }
        }
        api.post("units/:code/imports") { request, context in
            let code = try context.parameters.require("code")
            let identity = try context.requireIdentity()
            try await reporting.authorize(identity, .enterData, unit: code)
            let q = Query(request: request)
            let data = Data(buffer: try await FormBody.collect(request, limit: WebLimits.maxUploadBytes))
            let dryRun = ["1", "true", "yes"].contains(q.string("dry_run")?.lowercased() ?? "")
            let (format, result) = try await reporting.importFile(
                data, sheet: q.text("sheet"), fileName: q.text("filename") ?? "api-upload", unit: code, actor: context.actor(identity),
                identity: identity,
                dryRun: dryRun, reason: q.text("reason") ?? "", progress: dryRun ? nil : Self.progressLog(context.logger, unit: code))
            return try batchResponse(result, unit: code, format: format.rawValue, status: nil, request: request)
        }
        api.get("reconciliation") { request, context in
            let identity = try context.requireIdentity()
            guard let text = Query(request: request).string("period"), let period = Period(text) else {
                throw ServiceError.badParameter(name: "period", message: "expected 2025, 2025Q3 or 2025-09")
            }
            return try JSONResponse.make(
                try await reporting.reconciliation(period: period, identity: identity).map(API.ReconciliationItem.init), request: request)
        }
        api.get("audit") { request, context in
            let q = Query(request: request)
            let filter = AuditFilter(
                actor: q.text("actor"), action: q.text("action"), unit: q.text("unit"), since: q.text("since"), until: q.text("until"),
                limit: try q.int("limit", in: 1...1000) ?? 100, offset: try q.int("offset", in: 0...Int.max) ?? 0)
            let (entries, total) = try await reporting.audit(filter, identity: context.identity)
            return try JSONResponse.make(
                API.AuditList(items: entries.map(API.AuditItem.init), total: total, offset: filter.offset, limit: filter.limit), request: request)
        }
        api.get("users") { request, context in
            let identity = try context.requireIdentity()
            return try JSONResponse.make(try await accounts.users(by: identity).map(API.UserItem.init), request: request)
        }
        api.post("users") { request, context in
            let identity = try context.requireIdentity()
            let body = try await decode(API.UserCreate.self, request)
            guard let role = Role(rawValue: body.role) else {
                throw ServiceError.badParameter(name: "role", message: "expected one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let user = UserAccount(username: body.username, displayName: body.displayName ?? body.username, unitCode: body.unitCode, role: role)
            let created = try await accounts.createUser(user, password: body.password, by: identity, ip: context.remoteAddress)
            return try self.created(API.UserItem(created), request)
        }
        api.patch("users/:username") { request, context in
            let username = try context.parameters.require("username")
            let identity = try context.requireIdentity()
            let body = try await decode(API.UserPatch.self, request)
            let role = try body.role.map { text -> Role in
                guard let role = Role(rawValue: text) else { throw ServiceError.badParameter(name: "role", message: "unknown role \(text)") }
                return role
            }
            let updated = try await accounts.updateUser(
                username, role: role, unitCode: body.unitCode, disabled: body.disabled, password: body.password, by: identity,
                ip: context.remoteAddress)
            return try JSONResponse.make(API.UserItem(updated), request: request)
        }
    }

    /// Logs an import's writing as it goes (about every 10 %), so operators can follow a large one.
    static func progressLog(_ logger: Logger, unit: String) -> @Sendable (Int, Int) -> Void {
        let step = LockedCounter()
        return { done, total in
            guard total > 0 else { return }
            let tenth = done * 10 / total
            guard step.advance(to: tenth) || done == total else { return }
            logger.info("import for \(unit): \(done)/\(total) values written")
        }
    }

    func batchResponse(_ result: ReportingService.SaveResult, unit: String, format: String?, status: SubmissionStatus?, request: Request) throws
        -> Response
    {
        guard let outcomes = result.outcomes else {
            let problems = result.checked.flatMap { c in
                c.errors.map { RowProblem(line: c.row.line, indicatorKey: c.row.indicatorKey, message: $0.en, messageZh: $0.zh) }
            }
            throw ServiceError.invalid(
                zh: "\(result.errorCount) 行有误，未写入任何数据", en: "\(result.errorCount) rows are invalid: nothing was written", problems: problems)
        }
        let rows = zip(result.checked, outcomes).map { c, o in
            API.RowResult(line: c.row.line, indicatorKey: c.row.indicatorKey, period: c.row.period, outcome: o.rawValue, flags: c.flags.map(\.code))
        }
        return try JSONResponse.make(
            API.BatchResult(
                unit: unit, dryRun: result.dryRun, format: format, new: result.count(.new), changed: result.count(.changed),
                unchanged: result.count(.unchanged), rows: rows, status: status?.rawValue),
            request: request)
    }

    func created<T: Encodable>(_ value: T, _ request: Request) throws -> Response { try APIBody.created(value, request) }

    func decode<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T { try await APIBody.decode(type, request) }

    func decodeOptional<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T? { try await APIBody.decodeOptional(type, request) }
}

/// Reading JSON request bodies and answering 201, for every API route.
enum APIBody {
    static func created<T: Encodable>(_ value: T, _ request: Request) throws -> Response {
        var response = try JSONResponse.make(value, request: request)
        response.status = .created
        return response
    }

    static func decode<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        guard let value = try await decodeOptional(type, request) else {
            throw ServiceError.badParameter(name: "body", message: "expected JSON: malformed JSON")
        }
        return value
    }

    static func decodeOptional<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T? {
        let buffer = try await FormBody.collect(request, limit: WebLimits.maxFormBytes)
        guard buffer.readableBytes > 0 else { return nil }
        do {
            return try API.decoder.decode(T.self, from: Data(buffer: buffer))
        } catch {
            throw ServiceError.badParameter(name: "body", message: "expected JSON: \(describe(error))")
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing field \(key.stringValue)"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            "wrong type at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted: "malformed JSON"
        default: "malformed JSON"
        }
    }
}

/// The last tenth reported, for progress logging from any thread.
final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var last = -1

    /// Whether `value` is past the last one seen (and remembers it).
    func advance(to value: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard value > last else { return false }
        last = value
        return true
    }
}
