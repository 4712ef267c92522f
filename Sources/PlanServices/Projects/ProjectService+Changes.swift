import Foundation
import PlanCore
import PlanStore

/// Stage moves and dynamic adjustment (动态调整): the office moves a project along its life with
/// a date and a reason; the project's unit asks to change its scope, investment or schedule, or
/// to withdraw it, and the office approves (a new version) or returns the request.
extension ProjectService {
    /// Moves a project to a next stage on a day (a start or completion day as it happened).
    public func move(_ code: String, to stageText: String, on dayText: String, reason: String, identity: Identity?, actor: Actor) async throws
        -> Project
    {
        try await authorizeOffice(identity)
        try TextInput.check(["reason": reason, "day": dayText], multiline: ["reason"])
        guard let stage = ProjectStage(rawValue: stageText) else {
            throw ServiceError.badParameter(name: "stage", message: ProjectStage.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let day = dayText.trimmingCharacters(in: .whitespaces).isEmpty ? clock.today() : Day(dayText.trimmingCharacters(in: .whitespaces))
        guard let day, day <= clock.today() else {
            throw ServiceError.invalid(zh: "日期应写成 2025-03-01，且不晚于今天", en: "Write the day as 2025-03-01, not after today")
        }
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else { throw ServiceError.invalid(zh: "请说明理由", en: "Give a reason") }
        do {
            let moved = try await store.moveProject(
                code: code, to: stage, on: day, reason: why, actor: actor,
                check: { p in
                    guard p.stage.canMove(to: stage) else {
                        throw ProjectError(
                            zh: "项目处于「\(p.stage.nameZh)」，不能转为「\(stage.nameZh)」",
                            en: "A project \(p.stage.nameEn.lowercased()) cannot become \(stage.nameEn.lowercased())")
                    }
                })
            await refeed()
            return moved
        } catch let error as ProjectError {
            throw ServiceError.conflict(zh: error.zh, en: error.en)
        }
    }

    public func transitions(_ code: String, identity: Identity?) async throws -> [ProjectTransition] {
        _ = try await project(code, identity: identity)
        return try await store.projectTransitions(code: code)
    }

    public func versions(_ code: String, identity: Identity?) async throws -> [ProjectVersion] {
        _ = try await project(code, identity: identity)
        return try await store.projectVersions(code: code)
    }

    public func adjustments(_ code: String?, identity: Identity?) async throws -> [ProjectAdjustment] {
        if let code { _ = try await project(code, identity: identity) }
        let all = try await store.projectAdjustments(code: code)
        if code != nil { return all }
        let library = try await library()
        var out: [ProjectAdjustment] = []
        for a in all {
            guard let p = library.byCode[a.code] else { continue }
            if isPublic(p, library) { out.append(a) } else if try await canSeeUnpublished(p, identity) { out.append(a) }
        }
        return out
    }

    /// Asks to change an admitted project. `cells` are the workbook's columns for the fields the
    /// kind may change (the others are taken from the project as it is).
    public func requestAdjustment(
        _ code: String, kind kindText: String, cells: [String: String], reason: String, identity: Identity?, actor: Actor
    ) async throws -> ProjectAdjustment {
        guard let identity else { throw ServiceError.notAuthenticated }
        let current = try await project(code, identity: identity)
        if try await !reporting.allows(identity, .reportProgress, unit: current.unitCode), try await !isOffice(identity) {
            throw ServiceError.notAllowed("ask to adjust projects", unit: current.unitCode)
        }
        guard let kind = AdjustmentKind(rawValue: kindText) else {
            throw ServiceError.badParameter(name: "kind", message: AdjustmentKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        try TextInput.check(cells.merging(["reason": why]) { a, _ in a }, multiline: ["reason", "content", "location", "contact"])
        guard !why.isEmpty, why.count <= 2000 else {
            throw ServiceError.invalid(zh: "请说明调整理由（不超过 2000 字）", en: "Give a reason (at most 2,000 characters)")
        }
        var proposed = current
        if kind != .withdraw {
            // The project as the workbook would write it, with the asked-for fields replaced.
            let units = Dictionary(try await store.units().map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            let plan = try await plans.current().plan
            let regions = Dictionary(plan.regions.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            let year = clock.today().year
            let row = ProjectFile.rows([current], units: units, regions: regions, year: year)[0]
            var merged = Dictionary(uniqueKeysWithValues: zip(ProjectFile.columns.map(\.key), row))
            merged["unit"] = current.unitCode
            for (key, value) in cells
            where ProjectFile.columns.contains(where: { $0.key == key }) && !["code", "unit", "county", "tier"].contains(key) {
                merged[key] = value.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let resolved = ProjectFile.projects(
                [ProjectFile.Row(line: 1, cells: merged)], context: try await fileContext(year: year, declaringUnit: nil))[0]
            guard var made = resolved.project else {
                throw ServiceError.invalid(
                    zh: resolved.problems.map(\.messageZh).joined(separator: "；"), en: resolved.problems.map(\.message).joined(separator: "; "),
                    problems: resolved.problems)
            }
            // Years other than this one keep their planned amounts.
            var annual = current.annualInvestment
            annual[year] = made.annualInvestment[year]
            made.annualInvestment = annual
            made.stage = current.stage
            made.requestedStage = current.requestedStage
            made.windowYear = current.windowYear
            made.version = current.version
            made.actualStart = current.actualStart
            made.actualCompletion = current.actualCompletion
            made.annualSince = current.annualSince
            proposed = made
        }
        if let problem = ProjectAdjustment.check(kind: kind, current: current, proposed: proposed) {
            throw ServiceError.invalid(zh: problem.zh, en: problem.en)
        }
        do {
            return try await store.requestAdjustment(
                code: code, kind: kind, proposed: proposed, reason: why, actor: actor,
                check: { p, existing in
                    guard p.stage.isInLibrary, p.stage != .evaluated else {
                        throw ProjectError(zh: "只有在库项目可以申请调整", en: "Only projects in the library can be adjusted")
                    }
                    if existing.contains(where: { $0.status == .pending }) {
                        throw ProjectError(zh: "该项目已有待审批的调整申请", en: "The project already has a pending request")
                    }
                    guard p.version == current.version else {
                        throw ProjectError(zh: "项目已有新版本，请刷新后重新申请", en: "The project has changed: reload and ask again")
                    }
                })
        } catch let error as ProjectError {
            throw ServiceError.conflict(zh: error.zh, en: error.en)
        }
    }

    /// Approves or returns a pending request (the office), with a note.
    public func decideAdjustment(_ id: Int, approve: Bool, note: String, identity: Identity?, actor: Actor) async throws -> ProjectAdjustment {
        try await authorizeOffice(identity)
        try TextInput.check(["note": note], multiline: ["note"])
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if !approve, text.isEmpty { throw ServiceError.invalid(zh: "退回时请说明理由", en: "Say why the request is returned") }
        do {
            let decided = try await store.decideAdjustment(
                id: id, approve: approve, note: text, on: clock.today(), actor: actor,
                check: { request, project in
                    guard request.status == .pending else {
                        throw ProjectError(zh: "申请 \(id) 已\(request.status.nameZh)", en: "Request \(id) is already \(request.status.rawValue)")
                    }
                    guard request.proposed.version == project.version else {
                        throw ProjectError(zh: "项目在申请后已有新版本，请退回重新申请", en: "The project changed since the request: return it")
                    }
                })
            if approve { await refeed() }
            return decided
        } catch let error as ProjectError {
            throw ServiceError.conflict(zh: error.zh, en: error.en)
        }
    }
}
