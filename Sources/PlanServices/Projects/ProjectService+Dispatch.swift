import Foundation
import NIOPosix
import PlanCore
import PlanStore

/// Monthly dispatch (月度调度): by the rules' due day each month the project's unit reports
/// investment, progress, milestones and problems; those who approve for the unit (its reviewers,
/// as for figures, and the office) approve or return the report; approved reports feed the targets projects serve. Problems have an owner
/// and a due day, are closed, or become supervision orders in one step.
extension ProjectService {
    /// What a report import (or one report from the form) did.
    public struct ReportImport: Sendable {
        public var format: ReportFile.Format?
        public var rows: [(row: ProjectReportFile.Row, resolved: ProjectReportFile.Resolved?, problems: [RowProblem])]
        public var outcomes: [RowOutcome]?
        public var dryRun: Bool

        public var problemCount: Int { rows.reduce(0) { $0 + $1.problems.count } }
        public func count(_ outcome: RowOutcome) -> Int { outcomes?.filter { $0 == outcome }.count ?? 0 }
    }

    /// Reads a month's reports (a workbook or CSV) and keeps them in one transaction when every
    /// row is valid and may be reported by `identity`.
    public func importReports(
        _ data: Data, sheet: String?, fileName: String, identity: Identity?, actor: Actor, dryRun: Bool
    ) async throws -> ReportImport {
        guard identity != nil else { throw ServiceError.notAuthenticated }
        try TextInput.check(["filename": fileName, "sheet": sheet ?? ""])
        let outcome = try await NIOThreadPool.singleton.runIfActive {
            () -> Result<(format: ReportFile.Format, rows: [ProjectReportFile.Row]), ReportFileError> in
            do throws(ReportFileError) { return .success(try ProjectReportFile.parse(data, sheet: sheet)) } catch { return .failure(error) }
        }
        switch outcome {
        case .success(let parsed):
            let result = try await saveReports(
                parsed.rows, format: parsed.format, fileName: fileName, identity: identity, actor: actor, dryRun: dryRun)
            if !dryRun, result.outcomes != nil { ImportMetrics.count(parsed.rows.count, kind: "project_reports") }
            return result
        case .failure(let error): throw ServiceError.invalid(zh: error.zh, en: error.en, problems: [])
        }
    }

    /// One report from the form (the file's columns as cells).
    public func report(_ cells: [String: String], identity: Identity?, actor: Actor) async throws -> ReportImport {
        try await saveReports(
            [ProjectReportFile.Row(line: 1, cells: cells)], format: nil, fileName: nil, identity: identity, actor: actor, dryRun: false)
    }

    func saveReports(
        _ rows: [ProjectReportFile.Row], format: ReportFile.Format?, fileName: String?, identity: Identity?, actor: Actor, dryRun: Bool
    ) async throws -> ReportImport {
        guard let identity else { throw ServiceError.notAuthenticated }
        for row in rows {
            let cells = Dictionary(row.cells.map { ("line \(row.line) \($0.key)", $0.value) }, uniquingKeysWith: { a, _ in a })
            try TextInput.check(cells, multiline: Set(cells.keys))
        }
        let library = try await library()
        let units = try await store.units()
        let today = clock.today()
        // The year's investment before a month: the latest stored report of the year before it.
        let codes = Set(rows.map { $0["code"] })
        var earlier: [String: [ProjectReport]] = [:]
        if rows.contains(where: { $0["investmentYear"].isEmpty }) {
            if codes.count <= 50 {
                for code in codes where library.byCode[code] != nil { earlier[code] = try await store.projectReports(code: code, month: nil) }
            } else {
                // A month's file: read the year's earlier months, one month at a time, not every report.
                var months: Set<Period> = []
                for row in rows where row["investmentYear"].isEmpty {
                    guard let m = Period(row["month"]), case .month(let n) = m.span else { continue }
                    for k in 1..<n { months.insert(Period(year: m.year, span: .month(k))) }
                }
                for month in months.sorted() {
                    for r in try await store.projectReports(code: nil, month: month) where codes.contains(r.code) {
                        earlier[r.code, default: []].append(r)
                    }
                }
            }
        }
        let previousYear: (String, Period) -> Double = { code, month in
            earlier[code]?.last { $0.month.year == month.year && $0.month < month }?.investmentYear ?? 0
        }
        var resolved = ProjectReportFile.resolve(
            rows, projects: library.byCode, units: units, today: today, previousYear: previousYear)
        var allowed: [String: Bool] = [:]
        for (i, entry) in resolved.enumerated() {
            guard let r = entry.resolved, let p = library.byCode[r.report.code] else { continue }
            if allowed[p.unitCode] == nil { allowed[p.unitCode] = try await reporting.allows(identity, .reportProgress, unit: p.unitCode) }
            if allowed[p.unitCode] != true {
                resolved[i].problems.append(
                    RowProblem(
                        line: entry.row.line, indicatorKey: nil, message: "You cannot report for \(p.unitCode)", messageZh: "无权报送 \(p.unitCode) 的项目"))
                resolved[i].resolved = nil
            }
        }
        guard resolved.allSatisfy({ $0.problems.isEmpty }) else { return ReportImport(format: format, rows: resolved, outcomes: nil, dryRun: dryRun) }
        let reports = resolved.compactMap(\.resolved?.report)
        let summary = fileName.map {
            AuditEntry(
                at: timestamp(), actor: actor, action: "project.reports.import", unitCode: actor.unitCode, subject: String($0.prefix(100)),
                detail: "\(format?.rawValue ?? ""), \(reports.count) rows")
        }
        do {
            let outcomes = try await store.saveProjectReports(
                reports, problems: resolved.compactMap(\.resolved?.problem), actor: actor, dryRun: dryRun, summary: summary,
                check: { stored in
                    if let approved = stored.values.first(where: { $0.status == .approved }) {
                        throw ProjectError(
                            zh: "\(approved.code) \(approved.month) 的报告已审核通过，不能再改",
                            en: "The report \(approved.code) \(approved.month) is approved: it cannot change")
                    }
                })
            return ReportImport(format: format, rows: resolved, outcomes: outcomes, dryRun: dryRun)
        } catch let error as ProjectError {
            throw ServiceError.conflict(zh: error.zh, en: error.en)
        }
    }

    /// A project's reports, newest first; reports not approved are seen by those who may see the
    /// unit's drafts.
    public func reports(_ code: String, identity: Identity?) async throws -> [ProjectReport] {
        let project = try await project(code, identity: identity)
        let drafts = try await reporting.allows(identity, .readDrafts, unit: project.unitCode)
        return try await store.projectReports(code: code, month: nil).filter { drafts || $0.status == .approved }.reversed()
    }

    /// Approves or returns reports awaiting review.
    public func reviewReports(_ keys: [ProjectReportKey], approve: Bool, note: String, identity: Identity?, actor: Actor) async throws -> Int {
        guard let identity else { throw ServiceError.notAuthenticated }
        try TextInput.check(["note": note], multiline: ["note"])
        if !approve, note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ServiceError.invalid(zh: "退回时请说明理由", en: "Say why the report is returned")
        }
        let library = try await library()
        for key in keys {
            guard let p = library.byCode[key.code] else { throw ServiceError.notFound(what: "project \(key.code)") }
            try await reporting.authorize(identity, .approve, unit: p.unitCode)
        }
        do {
            let changed = try await store.reviewProjectReports(keys, approve: approve, note: note, actor: actor)
            if approve { await refeed() }
            return changed
        } catch let error as ProjectError {
            throw ServiceError.conflict(zh: error.zh, en: error.en)
        }
    }

    /// Reports awaiting review that `identity` may approve, oldest month first.
    public func pendingReports(identity: Identity?) async throws -> [ProjectReport] {
        guard let identity else { return [] }
        let library = try await library()
        var out: [ProjectReport] = []
        var allowed: [String: Bool] = [:]
        for r in try await store.submittedProjectReports() {
            guard let p = library.byCode[r.code] else { continue }
            if allowed[p.unitCode] == nil { allowed[p.unitCode] = try await reporting.allows(identity, .approve, unit: p.unitCode) }
            if allowed[p.unitCode] == true { out.append(r) }
        }
        return out
    }

    // MARK: Problems

    /// The problems of a project, or every problem `identity` may see.
    public func problems(_ code: String?, identity: Identity?) async throws -> [ProjectProblem] {
        if let code {
            _ = try await project(code, identity: identity)
            return try await store.projectProblems(code: code)
        }
        let library = try await library()
        var out: [ProjectProblem] = []
        for problem in try await store.projectProblems(code: nil) {
            guard let p = library.byCode[problem.code] else { continue }
            if isPublic(p, library) { out.append(problem) } else if try await canSeeUnpublished(p, identity) { out.append(problem) }
        }
        return out.sorted { ($0.isOpen ? 0 : 1, $0.due, $0.id) < ($1.isOpen ? 0 : 1, $1.due, $1.id) }
    }

    func problem(_ id: Int) async throws -> ProjectProblem {
        guard let problem = try await store.projectProblems(code: nil).first(where: { $0.id == id }) else {
            throw ServiceError.notFound(what: "problem \(id)")
        }
        return problem
    }

    /// Closes a problem (those who approve for its owner unit), with a note on how it was solved.
    public func closeProblem(_ id: Int, note: String, identity: Identity?, actor: Actor) async throws {
        let problem = try await problem(id)
        try await reporting.authorize(identity, .approve, unit: problem.ownerUnit)
        try TextInput.check(["note": note], multiline: ["note"])
        guard !note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ServiceError.invalid(zh: "请说明问题如何解决", en: "Say how the problem was solved")
        }
        do {
            try await store.closeProjectProblem(id: id, note: note, on: clock.today(), actor: actor)
        } catch let error as ProjectError {
            throw ServiceError.conflict(zh: error.zh, en: error.en)
        }
    }

    /// Turns a problem into a supervision order to its owner unit in one step: the problem is the
    /// matter, the help asked for the requirement, its due day the order's (two weeks from today
    /// when that has passed); the order links back to the problem.
    public func escalateProblem(_ id: Int, level: String, identity: Identity?, actor: Actor) async throws -> SupervisionOrder {
        let problem = try await problem(id)
        try await reporting.authorize(identity, .issueOrders, unit: problem.ownerUnit)
        guard problem.isOpen, problem.orderID == nil else {
            throw ServiceError.conflict(zh: "问题 \(id) 已解决或已转为督办", en: "Problem \(id) is closed or already an order")
        }
        let project = try await store.project(code: problem.code)
        let today = clock.today()
        let due = problem.due > today ? problem.due : today.adding(days: 14)
        let form = SupervisionService.OrderForm(
            unit: problem.ownerUnit, subject: "project:\(problem.code)",
            matter: "项目「\(project?.name ?? problem.code)」（\(problem.code)）\(problem.month) 调度反映的问题：\(problem.text)",
            requirement: problem.help.isEmpty ? "协调解决项目推进中的问题，按期反馈办理结果" : problem.help, level: level.isEmpty ? "key" : level,
            due: due.description)
        let draft = try await supervision.orderDraft(form, identity: identity, source: "project-problem:\(id)")
        guard let order = try await store.issueOrders([draft], note: "", actor: actor).first else {
            throw ServiceError.unavailable("order not issued")
        }
        return order
    }
}
