import Foundation
import PlanCore
import SQLKit

/// The project registry: projects, declaration windows, reviews, admission and stage moves.
extension SQLPlanStore {
    static func projectJSON(_ project: Project) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(project), as: UTF8.self)
    }

    static func decodeProject(_ text: String) throws -> Project {
        try JSONDecoder().decode(Project.self, from: Data(text.utf8))
    }

    static func readProjects(_ db: any SQLDatabase, code: String?, lock: Bool = false) async throws -> [Project] {
        var select = SQLQueryString("SELECT body FROM projects")
        if let code { select.appendInterpolation(" WHERE code = \(bind: code)" as SQLQueryString) }
        select.appendLiteral(" ORDER BY code")
        if lock { select.appendLiteral(" FOR UPDATE") }
        return try await db.raw(select).all().map { try decodeProject(try $0.decode(column: "body", as: String.self)) }
    }

    static func bumpProjectsVersion(_ db: any SQLDatabase) async throws {
        try await db.raw("UPDATE plan_meta SET value = CAST(CAST(value AS BIGINT) + 1 AS TEXT) WHERE name = 'projects_version'").run()
        try await bumpSupervisionVersion(db)
    }

    /// Reads a project for a change, locking its row on PostgreSQL.
    func lockedProject(_ db: any SQLDatabase, code: String) async throws -> Project {
        guard let project = try await Self.readProjects(db, code: code, lock: provider.dialectName == "postgresql").first else {
            throw ProjectError(zh: "没有找到项目 \(code)", en: "No project \(code)")
        }
        return project
    }

    static func writeProject(_ project: Project, on db: any SQLDatabase, now: String) async throws {
        try await db.raw(
            """
            UPDATE projects SET unit_code = \(bind: project.unitCode), city_code = \(bind: project.cityCode), sector = \(bind: project.sector),
              stage = \(bind: project.stage.rawValue), window_year = \(bind: project.windowYear), version = \(bind: project.version),
              body = \(bind: try projectJSON(project)), updated_at = \(bind: now)
            WHERE code = \(bind: project.code)
            """
        ).run()
    }

    static func insertTransition(_ t: ProjectTransition, on db: any SQLDatabase) async throws {
        let seq =
            try await db.raw("SELECT COALESCE(MAX(seq), 0) AS n FROM project_transitions WHERE code = \(bind: t.code)").first()?.decode(
                column: "n", as: Int.self) ?? 0
        try await db.raw(
            """
            INSERT INTO project_transitions (code, seq, from_stage, to_stage, on_day, by_user, reason, at)
            VALUES (\(bind: t.code), \(bind: seq + 1), \(bind: t.from?.rawValue), \(bind: t.to.rawValue), \(bind: t.on.description),
              \(bind: t.by), \(bind: t.reason), \(bind: t.at))
            """
        ).run()
    }

    public func projectsVersion() async throws -> Int {
        try await provider.withDatabase { db in
            let text = try await db.raw("SELECT value FROM plan_meta WHERE name = 'projects_version'").first()?.decode(
                column: "value", as: String.self)
            return Int(text ?? "0") ?? 0
        }
    }

    public func projects() async throws -> [Project] {
        try await provider.withDatabase { db in try await Self.readProjects(db, code: nil) }
    }

    public func project(code: String) async throws -> Project? {
        try await provider.withDatabase { db in try await Self.readProjects(db, code: code).first }
    }

    public func declareProjects(
        _ projects: [Project], actor: Actor, dryRun: Bool, summary: AuditEntry?, check: @escaping @Sendable (Project, Project?) throws -> Void
    ) async throws -> [RowOutcome] {
        do {
            return try await provider.transaction { db in
                let now = timestamp()
                var outcomes: [RowOutcome] = []
                var audit: [AuditEntry] = []
                for project in projects {
                    let old = try await Self.readProjects(db, code: project.code, lock: provider.dialectName == "postgresql").first
                    try check(project, old)
                    if let old, old == project {
                        outcomes.append(.unchanged)
                        continue
                    }
                    outcomes.append(old == nil ? .new : .changed)
                    if old == nil {
                        try await db.raw(
                            """
                            INSERT INTO projects (code, unit_code, city_code, sector, stage, window_year, version, body, declared_by, declared_at, updated_at)
                            VALUES (\(bind: project.code), \(bind: project.unitCode), \(bind: project.cityCode), \(bind: project.sector),
                              \(bind: project.stage.rawValue), \(bind: project.windowYear), \(bind: project.version), \(bind: try Self.projectJSON(project)),
                              \(bind: actor.username), \(bind: now), \(bind: now))
                            """
                        ).run()
                        try await Self.insertTransition(
                            ProjectTransition(
                                code: project.code, from: nil, to: .declared, on: Day(String(now.prefix(10))) ?? Day(year: 2000, month: 1, day: 1),
                                by: actor.username, reason: "申报 \(project.windowYear) 年度", at: now), on: db)
                    } else {
                        try await Self.writeProject(project, on: db, now: now)
                    }
                    audit.append(
                        AuditEntry(
                            at: now, actor: actor, action: old == nil ? "project.declare" : "project.change", unitCode: project.unitCode,
                            subject: project.code, before: old.map { String($0.name.prefix(200)) } ?? "", after: String(project.name.prefix(200))))
                }
                try await Self.insertAudit(audit, on: db)
                if let summary {
                    var entry = summary
                    entry.after = "new \(outcomes.filter { $0 == .new }.count), changed \(outcomes.filter { $0 == .changed }.count)"
                    try await Self.insertAudit([entry], on: db)
                }
                try await Self.bumpProjectsVersion(db)
                if dryRun { throw DryRunList(outcomes: outcomes) }
                return outcomes
            }
        } catch let dry as DryRunList {
            return dry.outcomes
        }
    }

    public func declarationWindows() async throws -> [DeclarationWindow] {
        try await provider.withDatabase { db in
            try await db.raw("SELECT * FROM project_windows ORDER BY year DESC").all().compactMap { row in
                guard let opens = Day(try row.decode(column: "opens", as: String.self)),
                    let closes = Day(try row.decode(column: "closes", as: String.self))
                else { return nil }
                return DeclarationWindow(
                    year: try row.decode(column: "year", as: Int.self), opens: opens, closes: closes,
                    criteria: try row.decode(column: "criteria", as: String.self),
                    openedBy: try row.decode(column: "opened_by", as: String.self),
                    publishedAt: try row.decode(column: "published_at", as: String?.self))
            }
        }
    }

    public func saveDeclarationWindow(_ window: DeclarationWindow, actor: Actor) async throws {
        try await provider.transaction { db in
            let old = try await db.raw("SELECT opens, closes FROM project_windows WHERE year = \(bind: window.year)").first()
            try await db.raw("DELETE FROM project_windows WHERE year = \(bind: window.year)").run()
            try await db.raw(
                """
                INSERT INTO project_windows (year, opens, closes, criteria, opened_by, published_at)
                VALUES (\(bind: window.year), \(bind: window.opens.description), \(bind: window.closes.description), \(bind: window.criteria),
                  \(bind: window.openedBy), \(bind: window.publishedAt))
                """
            ).run()
            try await Self.insertAudit(
                [
                    AuditEntry(
                        at: timestamp(), actor: actor, action: old == nil ? "window.open" : "window.change", unitCode: actor.unitCode,
                        subject: String(window.year),
                        before: try old.map {
                            "\(try $0.decode(column: "opens", as: String.self)) – \(try $0.decode(column: "closes", as: String.self))"
                        } ?? "",
                        after: "\(window.opens) – \(window.closes)")
                ], on: db)
            try await Self.bumpProjectsVersion(db)
        }
    }

    public func publishDeclarationWindow(year: Int, actor: Actor) async throws {
        try await provider.transaction { db in
            let now = timestamp()
            try await db.raw("UPDATE project_windows SET published_at = \(bind: now) WHERE year = \(bind: year)").run()
            try await Self.insertAudit(
                [AuditEntry(at: now, actor: actor, action: "window.publish", unitCode: actor.unitCode, subject: String(year))], on: db)
            try await Self.bumpProjectsVersion(db)
        }
    }

    public func projectReviews(code: String?) async throws -> [ProjectReview] {
        try await provider.withDatabase { db in
            var select = SQLQueryString("SELECT * FROM project_reviews")
            if let code { select.appendInterpolation(" WHERE code = \(bind: code)" as SQLQueryString) }
            select.appendLiteral(" ORDER BY code, at")
            return try await db.raw(select).all().map { row in
                ProjectReview(
                    code: try row.decode(column: "code", as: String.self), reviewer: try row.decode(column: "reviewer", as: String.self),
                    score: try row.decode(column: "score", as: Double.self), comment: try row.decode(column: "comment", as: String.self),
                    at: try row.decode(column: "at", as: String.self))
            }
        }
    }

    public func saveProjectReview(_ review: ProjectReview, actor: Actor) async throws {
        try await provider.transaction { db in
            let project = try await lockedProject(db, code: review.code)
            guard project.stage == .declared else {
                throw ProjectError(
                    zh: "项目已\(project.stage.nameZh)，不能再评分", en: "The project is \(project.stage.nameEn.lowercased()): it is no longer scored")
            }
            try await db.raw("DELETE FROM project_reviews WHERE code = \(bind: review.code) AND reviewer = \(bind: review.reviewer)").run()
            try await db.raw(
                """
                INSERT INTO project_reviews (code, reviewer, score, comment, at)
                VALUES (\(bind: review.code), \(bind: review.reviewer), \(bind: review.score), \(bind: review.comment), \(bind: review.at))
                """
            ).run()
            try await Self.insertAudit(
                [
                    AuditEntry(
                        at: review.at, actor: actor, action: "project.review", unitCode: project.unitCode, subject: review.code,
                        after: "\(PlainNumber.format(review.score)) \(review.comment.prefix(200))")
                ], on: db)
            try await Self.bumpProjectsVersion(db)
        }
    }

    public func admitProjects(
        admitted: [String], rejected: [String], on day: Day, reason: String, actor: Actor, check: @escaping @Sendable (Project) throws -> Void
    ) async throws {
        try await provider.transaction { db in
            let now = timestamp()
            var audit: [AuditEntry] = []
            for (codes, admit) in [(admitted, true), (rejected, false)] {
                for code in codes {
                    var project = try await lockedProject(db, code: code)
                    try check(project)
                    let from = project.stage
                    project.stage = admit ? project.requestedStage : .notSelected
                    if project.stage == .annual { project.annualSince = day }
                    try await Self.writeProject(project, on: db, now: now)
                    try await Self.insertTransition(
                        ProjectTransition(code: code, from: from, to: project.stage, on: day, by: actor.username, reason: reason, at: now), on: db)
                    if admit {
                        try await db.raw(
                            """
                            INSERT INTO project_versions (code, version, body, changed_by, changed_at, reason)
                            VALUES (\(bind: code), \(bind: project.version), \(bind: try Self.projectJSON(project)), \(bind: actor.username), \(bind: now),
                              \(bind: reason))
                            """
                        ).run()
                    }
                    audit.append(
                        AuditEntry(
                            at: now, actor: actor, action: admit ? "project.admit" : "project.reject", unitCode: project.unitCode, subject: code,
                            before: from.rawValue, after: project.stage.rawValue, detail: String(reason.prefix(500))))
                }
            }
            try await Self.insertAudit(audit, on: db)
            try await Self.bumpProjectsVersion(db)
        }
    }

    public func moveProject(
        code: String, to stage: ProjectStage, on day: Day, reason: String, actor: Actor, check: @escaping @Sendable (Project) throws -> Void
    ) async throws -> Project {
        try await provider.transaction { db in
            var project = try await lockedProject(db, code: code)
            try check(project)
            let from = project.stage
            let now = timestamp()
            project.stage = stage
            if stage == .started { project.actualStart = day }
            if stage == .completed { project.actualCompletion = day }
            if stage == .annual { project.annualSince = day }
            try await Self.writeProject(project, on: db, now: now)
            try await Self.insertTransition(
                ProjectTransition(code: code, from: from, to: stage, on: day, by: actor.username, reason: reason, at: now), on: db)
            try await Self.insertAudit(
                [
                    AuditEntry(
                        at: now, actor: actor, action: "project.move", unitCode: project.unitCode, subject: code, before: from.rawValue,
                        after: stage.rawValue, detail: "\(day) \(reason.prefix(500))")
                ], on: db)
            try await Self.bumpProjectsVersion(db)
            return project
        }
    }

    public func projectTransitions(code: String) async throws -> [ProjectTransition] {
        try await provider.withDatabase { db in
            try await db.raw("SELECT * FROM project_transitions WHERE code = \(bind: code) ORDER BY seq").all().compactMap { row in
                guard let to = ProjectStage(rawValue: try row.decode(column: "to_stage", as: String.self)),
                    let on = Day(try row.decode(column: "on_day", as: String.self))
                else { return nil }
                return ProjectTransition(
                    code: code, from: try row.decode(column: "from_stage", as: String?.self).flatMap(ProjectStage.init(rawValue:)), to: to, on: on,
                    by: try row.decode(column: "by_user", as: String.self), reason: try row.decode(column: "reason", as: String.self),
                    at: try row.decode(column: "at", as: String.self))
            }
        }
    }
}
