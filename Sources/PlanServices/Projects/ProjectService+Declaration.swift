import Foundation
import NIOPosix
import PlanCore
import PlanStore

/// Declaration windows and annual selection (年度集中遴选): the office opens a window for a year,
/// units declare projects (a form or a workbook, previewed before it is kept), reviewers score
/// them against the window's criteria, the office admits the selected ones and publishes the list.
extension ProjectService {
    public func windows() async throws -> [DeclarationWindow] { try await store.declarationWindows() }

    /// Opens (or changes) a year's window.
    public func openWindow(year: Int, opens: String, closes: String, criteria: String, identity: Identity?, actor: Actor) async throws
        -> DeclarationWindow
    {
        let identity = try await authorizeOffice(identity)
        try TextInput.check(["criteria": criteria, "opens": opens, "closes": closes], multiline: ["criteria"])
        guard (2000...2100).contains(year) else { throw ServiceError.badParameter(name: "year", message: "a year from 2000 to 2100") }
        guard let o = Day(opens.trimmingCharacters(in: .whitespaces)), let c = Day(closes.trimmingCharacters(in: .whitespaces)) else {
            throw ServiceError.invalid(zh: "请把开始和截止日期写成 2025-01-15", en: "Write the opening and closing days as 2025-01-15")
        }
        guard o <= c else { throw ServiceError.invalid(zh: "截止日期早于开始日期", en: "The window closes before it opens") }
        let text = criteria.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 4000 else {
            throw ServiceError.invalid(zh: "请填写遴选标准（不超过 4000 字）", en: "Give the selection criteria (at most 4,000 characters)")
        }
        if let old = try await store.declarationWindows().first(where: { $0.year == year }), old.publishedAt != nil {
            throw ServiceError.conflict(zh: "\(year) 年度名单已发布，窗口不能再改", en: "The \(year) list is published: its window cannot change")
        }
        let window = DeclarationWindow(year: year, opens: o, closes: c, criteria: text, openedBy: identity.account.username)
        try await store.saveDeclarationWindow(window, actor: actor)
        return window
    }

    func openWindow(_ year: Int) async throws -> DeclarationWindow {
        guard let window = try await store.declarationWindows().first(where: { $0.year == year }) else {
            throw ServiceError.conflict(zh: "\(year) 年度没有开放申报", en: "No declaration window is open for \(year)")
        }
        guard window.isOpen(on: clock.today()) else {
            throw ServiceError.conflict(
                zh: "\(year) 年度申报时间为 \(window.opens) 至 \(window.closes)，当前不在申报期内",
                en: "The \(year) window runs from \(window.opens) to \(window.closes): it is not open today")
        }
        return window
    }

    func fileContext(year: Int, declaringUnit: String?) async throws -> ProjectFile.Context {
        let plan = try await plans.current().plan
        return ProjectFile.Context(
            regions: Dictionary(plan.regions.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a }), units: try await store.units(),
            articleCount: plan.articles.count, targetIDs: Set(plan.targets.map(\.id)), year: year, declaringUnit: declaringUnit)
    }

    /// The unit a person declares for: their own unless they are the office (who may name any).
    func declaringUnit(_ identity: Identity) async throws -> String? {
        try await isOffice(identity) ? nil : identity.account.unitCode
    }

    /// What a declaration import did: every row's project or problems and, when all were valid,
    /// every row's outcome.
    public struct DeclarationImport: Sendable {
        public var format: ReportFile.Format
        public var rows: [(row: ProjectFile.Row, project: Project?, problems: [RowProblem])]
        public var outcomes: [RowOutcome]?
        public var dryRun: Bool

        public var problemCount: Int { rows.reduce(0) { $0 + $1.problems.count } }
        public func count(_ outcome: RowOutcome) -> Int { outcomes?.filter { $0 == outcome }.count ?? 0 }
    }

    /// Reads a declaration workbook for a year's open window and, when every row resolves, keeps
    /// it in one transaction (with `dryRun`, says what keeping it would do).
    public func importDeclarations(
        _ data: Data, year: Int, sheet: String?, fileName: String, identity: Identity?, actor: Actor, dryRun: Bool
    ) async throws -> DeclarationImport {
        guard let identity else { throw ServiceError.notAuthenticated }
        try TextInput.check(["filename": fileName, "sheet": sheet ?? ""])
        _ = try await openWindow(year)
        let outcome = try await NIOThreadPool.singleton.runIfActive {
            () -> Result<(format: ReportFile.Format, rows: [ProjectFile.Row]), ReportFileError> in
            do throws(ReportFileError) { return .success(try ProjectFile.parse(data, sheet: sheet)) } catch { return .failure(error) }
        }
        let parsed: (format: ReportFile.Format, rows: [ProjectFile.Row])
        switch outcome {
        case .success(let value): parsed = value
        case .failure(let error): throw ServiceError.invalid(zh: error.zh, en: error.en, problems: [])
        }
        for row in parsed.rows {
            let cells = Dictionary(row.cells.map { ("line \(row.line) \($0.key)", $0.value) }, uniquingKeysWith: { a, _ in a })
            try TextInput.check(cells, multiline: Set(cells.keys))
        }
        var rows = ProjectFile.projects(parsed.rows, context: try await fileContext(year: year, declaringUnit: try await declaringUnit(identity)))
        for (i, entry) in rows.enumerated() {
            if let p = entry.project, try await !reporting.allows(identity, .reportProgress, unit: p.unitCode), try await !isOffice(identity) {
                rows[i].problems.append(
                    RowProblem(
                        line: entry.row.line, indicatorKey: nil, message: "You cannot declare for \(p.unitCode)", messageZh: "无权为 \(p.unitCode) 申报项目")
                )
                rows[i].project = nil
            }
        }
        guard rows.allSatisfy({ $0.problems.isEmpty }) else {
            return DeclarationImport(format: parsed.format, rows: rows, outcomes: nil, dryRun: dryRun)
        }
        let summary = AuditEntry(
            at: timestamp(), actor: actor, action: "projects.import", unitCode: actor.unitCode, subject: String(fileName.prefix(100)),
            detail: "\(parsed.format.rawValue), \(rows.count) rows, \(year)")
        do {
            let outcomes = try await store.declareProjects(
                rows.compactMap(\.project), actor: actor, dryRun: dryRun, summary: summary, check: Self.declarationCheck)
            if !dryRun { ImportMetrics.count(rows.count, kind: "project_declarations") }
            return DeclarationImport(format: parsed.format, rows: rows, outcomes: outcomes, dryRun: dryRun)
        } catch let error as ProjectError {
            throw ServiceError.conflict(zh: error.zh, en: error.en)
        }
    }

    /// A declaration may add a project or change one still declared, never one already decided.
    @Sendable static func declarationCheck(_ new: Project, _ old: Project?) throws {
        guard let old else { return }
        guard old.stage == .declared else {
            throw ProjectError(
                zh: "项目 \(old.code) 已\(old.stage.nameZh)，不能再次申报；入库项目请提出调整申请",
                en: "Project \(old.code) is \(old.stage.nameEn.lowercased()): declare it no more; ask for an adjustment instead")
        }
        guard old.unitCode == new.unitCode else {
            throw ProjectError(zh: "项目 \(old.code) 已由其他单位申报", en: "Project \(old.code) was declared by another unit")
        }
    }

    /// Declares one project from the form's cells (the workbook's columns).
    public func declare(_ cells: [String: String], year: Int, identity: Identity?, actor: Actor) async throws -> Project {
        guard let identity else { throw ServiceError.notAuthenticated }
        let trimmed = cells.mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        try TextInput.check(trimmed, multiline: ["content", "location", "contact"])
        _ = try await openWindow(year)
        let resolved = ProjectFile.projects(
            [ProjectFile.Row(line: 1, cells: trimmed)], context: try await fileContext(year: year, declaringUnit: try await declaringUnit(identity)))[
                0]
        guard let project = resolved.project else {
            throw ServiceError.invalid(
                zh: resolved.problems.map(\.messageZh).joined(separator: "；"), en: resolved.problems.map(\.message).joined(separator: "; "),
                problems: resolved.problems)
        }
        if try await !reporting.allows(identity, .reportProgress, unit: project.unitCode), try await !isOffice(identity) {
            throw ServiceError.notAllowed("declare projects", unit: project.unitCode)
        }
        do {
            _ = try await store.declareProjects([project], actor: actor, dryRun: false, summary: nil, check: Self.declarationCheck)
        } catch let error as ProjectError {
            throw ServiceError.conflict(zh: error.zh, en: error.en)
        }
        return project
    }

    /// A reviewer's score on a declared project: those who approve for its unit, not its own users.
    public func review(_ code: String, score: String, comment: String, identity: Identity?, actor: Actor) async throws {
        guard let identity else { throw ServiceError.notAuthenticated }
        let project = try await self.project(code, identity: identity)
        try await reporting.authorize(identity, .approve, unit: project.unitCode)
        if identity.account.unitCode == project.unitCode, try await !isOffice(identity) {
            throw ServiceError.forbidden(zh: "不能为本单位申报的项目评分", en: "A unit's own users do not score its projects")
        }
        try TextInput.check(["comment": comment], multiline: ["comment"])
        guard let value = Double(score.trimmingCharacters(in: .whitespaces)), (0...100).contains(value) else {
            throw ServiceError.invalid(zh: "评分应为 0 到 100 之间的数", en: "The score is a number from 0 to 100")
        }
        guard comment.count <= 2000 else { throw ServiceError.invalid(zh: "评审意见过长（上限 2000 字）", en: "The comment is too long (2,000 at most)") }
        do {
            try await store.saveProjectReview(
                ProjectReview(code: code, reviewer: identity.account.username, score: value, comment: comment, at: timestamp()), actor: actor)
        } catch let error as ProjectError {
            throw ServiceError.conflict(zh: error.zh, en: error.en)
        }
    }

    /// The declarations of a year with their reviews and mean score, best first.
    public func declarations(year: Int, identity: Identity?) async throws -> [(project: Project, reviews: [ProjectReview], mean: Double?)] {
        let reviews = Dictionary(grouping: try await store.projectReviews(code: nil), by: \.code)
        let visible = try await projects(Filter(year: year), identity: identity).map(\.project)
        return visible.map { p in
            let r = reviews[p.code] ?? []
            return (p, r, r.isEmpty ? nil : r.map(\.score).reduce(0, +) / Double(r.count))
        }.sorted { ($1.mean ?? -1, $0.project.code) < ($0.mean ?? -1, $1.project.code) }
    }

    /// Admits the selected declarations of a year at the tier each was declared for and marks the
    /// rest not selected (only when `rejectOthers`).
    public func admit(year: Int, codes: [String], rejectOthers: Bool, reason: String, identity: Identity?, actor: Actor) async throws {
        try await authorizeOffice(identity)
        try TextInput.check(["reason": reason], multiline: ["reason"])
        let declared = try await store.projects().filter { $0.windowYear == year && $0.stage == .declared }
        let known = Set(declared.map(\.code))
        if let stray = codes.first(where: { !known.contains($0) }) {
            throw ServiceError.conflict(
                zh: "项目 \(stray) 不是 \(year) 年度待遴选的申报项目", en: "Project \(stray) is not a \(year) declaration awaiting selection")
        }
        guard !codes.isEmpty || rejectOthers else { throw ServiceError.invalid(zh: "请选择要入库的项目", en: "Choose the projects to admit") }
        let rejected = rejectOthers ? declared.map(\.code).filter { !codes.contains($0) } : []
        let note = reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "\(year) 年度集中遴选" : reason
        do {
            try await store.admitProjects(
                admitted: codes, rejected: rejected, on: clock.today(), reason: note, actor: actor,
                check: { p in
                    guard p.stage == .declared else {
                        throw ProjectError(zh: "项目 \(p.code) 已\(p.stage.nameZh)", en: "Project \(p.code) is already decided")
                    }
                })
        } catch let error as ProjectError {
            throw ServiceError.conflict(zh: error.zh, en: error.en)
        }
    }

    /// Publishes a year's list: its admitted projects become public.
    public func publish(year: Int, identity: Identity?, actor: Actor) async throws {
        try await authorizeOffice(identity)
        guard let window = try await store.declarationWindows().first(where: { $0.year == year }) else {
            throw ServiceError.notFound(what: "declaration window \(year)")
        }
        guard window.publishedAt == nil else { throw ServiceError.conflict(zh: "\(year) 年度名单已发布", en: "The \(year) list is already published") }
        let projects = try await store.projects().filter { $0.windowYear == year }
        if projects.contains(where: { $0.stage == .declared }) {
            throw ServiceError.conflict(zh: "还有未遴选的申报项目，请先完成遴选", en: "Some declarations are not decided yet: finish the selection first")
        }
        guard projects.contains(where: { $0.stage.isInLibrary }) else {
            throw ServiceError.conflict(zh: "\(year) 年度没有入库项目", en: "No project was admitted for \(year)")
        }
        try await store.publishDeclarationWindow(year: year, actor: actor)
        await refeed()
    }
}
