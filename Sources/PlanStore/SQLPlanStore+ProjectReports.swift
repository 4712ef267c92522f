import Foundation
import PlanCore
import SQLKit

/// Monthly dispatch reports, the problems they raise, and the office's rules.
extension SQLPlanStore {
    static func projectReport(_ row: any SQLRow) throws -> ProjectReport? {
        guard let month = Period(try row.decode(column: "month", as: String.self)),
            let status = ProjectReportStatus(rawValue: try row.decode(column: "status", as: String.self))
        else { return nil }
        return ProjectReport(
            code: try row.decode(column: "code", as: String.self), month: month,
            investmentMonth: try row.decode(column: "investment_month", as: Double.self),
            investmentToDate: try row.decode(column: "investment_to_date", as: Double.self),
            investmentYear: try row.decode(column: "investment_year", as: Double.self), progress: try row.decode(column: "progress", as: Double.self),
            milestones: Set(
                try row.decode(column: "milestones", as: String.self).split(separator: "|").compactMap { ProjectMilestone(rawValue: String($0)) }),
            status: status, submittedBy: try row.decode(column: "submitted_by", as: String.self),
            submittedAt: try row.decode(column: "submitted_at", as: String.self), reviewedBy: try row.decode(column: "reviewed_by", as: String?.self),
            reviewNote: try row.decode(column: "review_note", as: String.self),
            firstSubmittedAt: try row.decode(column: "first_submitted_at", as: String.self))
    }

    public func projectReports(code: String?, month: Period?) async throws -> [ProjectReport] {
        try await provider.withDatabase { db in
            var select = SQLQueryString("SELECT * FROM project_reports WHERE 1 = 1")
            if let code { select.appendInterpolation(" AND code = \(bind: code)" as SQLQueryString) }
            if let month { select.appendInterpolation(" AND month = \(bind: month.description)" as SQLQueryString) }
            select.appendLiteral(" ORDER BY code, month")
            return try await db.raw(select).all().compactMap(Self.projectReport)
        }
    }

    public func submittedProjectReports() async throws -> [ProjectReport] {
        try await provider.withDatabase { db in
            try await db.raw("SELECT * FROM project_reports WHERE status = 'submitted' ORDER BY month, code").all().compactMap(Self.projectReport)
        }
    }

    public func latestApprovedProjectReports(year: Int?) async throws -> [String: ProjectReport] {
        try await provider.withDatabase { db in
            var range = SQLQueryString("")
            if let year { range.appendInterpolation(" AND month >= \(bind: "\(year)-01") AND month <= \(bind: "\(year)-12")" as SQLQueryString) }
            var select = SQLQueryString(
                "SELECT r.* FROM project_reports r JOIN (SELECT code, MAX(month) AS latest FROM project_reports WHERE status = 'approved'")
            select.appendInterpolation(range)
            select.appendLiteral(" GROUP BY code) l ON r.code = l.code AND r.month = l.latest")
            var out: [String: ProjectReport] = [:]
            for row in try await db.raw(select).all() {
                if let report = try Self.projectReport(row) { out[report.code] = report }
            }
            return out
        }
    }

    public func reportedMonths(since: Period) async throws -> [String: Set<String>] {
        try await provider.withDatabase { db in
            var out: [String: Set<String>] = [:]
            for row in try await db.raw("SELECT code, month FROM project_reports WHERE month >= \(bind: since.description)").all() {
                out[try row.decode(column: "code", as: String.self), default: []].insert(try row.decode(column: "month", as: String.self))
            }
            return out
        }
    }

    public func saveProjectReports(
        _ reports: [ProjectReport], problems: [ProjectProblem], actor: Actor, dryRun: Bool, summary: AuditEntry?,
        check: @escaping @Sendable ([String: ProjectReport]) throws -> Void
    ) async throws -> [RowOutcome] {
        do {
            return try await provider.transaction { db in
                let now = timestamp()
                var stored: [String: ProjectReport] = [:]
                // One read per month rather than one per row: a month's import is thousands of rows.
                for month in Set(reports.map(\.month.description)) {
                    for row in try await db.raw("SELECT * FROM project_reports WHERE month = \(bind: month)").all() {
                        if let r = try Self.projectReport(row) { stored["\(r.code) \(r.month)"] = r }
                    }
                }
                let relevant = Dictionary(
                    reports.compactMap { r in stored["\(r.code) \(r.month)"].map { ("\(r.code) \(r.month)", $0) } }, uniquingKeysWith: { a, _ in a })
                try check(relevant)
                var outcomes: [RowOutcome] = []
                var audit: [AuditEntry] = []
                var kept: Set<String> = []
                for report in reports {
                    let key = "\(report.code) \(report.month)"
                    let old = stored[key]
                    if let old, old.investmentMonth == report.investmentMonth, old.investmentToDate == report.investmentToDate,
                        old.investmentYear == report.investmentYear, old.progress == report.progress, old.milestones == report.milestones,
                        old.status == .submitted
                    {
                        outcomes.append(.unchanged)
                        continue
                    }
                    outcomes.append(old == nil ? .new : .changed)
                    kept.insert(key)
                    if old != nil {
                        try await db.raw(
                            "DELETE FROM project_reports WHERE code = \(bind: report.code) AND month = \(bind: report.month.description)"
                        ).run()
                    }
                    try await db.raw(
                        """
                        INSERT INTO project_reports (code, month, investment_month, investment_to_date, investment_year, progress, milestones, status,
                          submitted_by, submitted_at, first_submitted_at, reviewed_by, review_note)
                        VALUES (\(bind: report.code), \(bind: report.month.description), \(bind: report.investmentMonth), \(bind: report.investmentToDate),
                          \(bind: report.investmentYear), \(bind: report.progress),
                          \(bind: ProjectMilestone.allCases.filter(report.milestones.contains).map(\.rawValue).joined(separator: "|")), 'submitted',
                          \(bind: actor.username), \(bind: now), \(bind: old?.firstSubmittedAt ?? now), NULL, '')
                        """
                    ).run()
                    if summary == nil {
                        audit.append(
                            AuditEntry(
                                at: now, actor: actor, action: "project.report", unitCode: actor.unitCode, subject: key,
                                before: old.map { "\(PlainNumber.format($0.investmentMonth)) \(PlainNumber.format($0.progress))%" } ?? "",
                                after: "\(PlainNumber.format(report.investmentMonth)) \(PlainNumber.format(report.progress))%"))
                    }
                }
                var nextID =
                    (try await db.raw("SELECT COALESCE(MAX(id), 0) AS n FROM project_problems").first()?.decode(column: "n", as: Int.self) ?? 0)
                // A problem comes with its report: a row kept unchanged raises it no second time.
                for problem in problems where kept.contains("\(problem.code) \(problem.month)") {
                    nextID += 1
                    try await db.raw(
                        """
                        INSERT INTO project_problems (id, code, month, text, help, owner_unit, due, closing_note)
                        VALUES (\(bind: nextID), \(bind: problem.code), \(bind: problem.month.description), \(bind: problem.text), \(bind: problem.help),
                          \(bind: problem.ownerUnit), \(bind: problem.due.description), '')
                        """
                    ).run()
                    audit.append(
                        AuditEntry(
                            at: now, actor: actor, action: "problem.raise", unitCode: problem.ownerUnit, subject: "\(problem.code) #\(nextID)",
                            after: String(problem.text.prefix(200))))
                }
                try await Self.insertAudit(audit, on: db)
                if var summary {
                    summary.after = "new=\(outcomes.filter { $0 == .new }.count) changed=\(outcomes.filter { $0 == .changed }.count)"
                    try await Self.insertAudit([summary], on: db)
                }
                // A report awaiting review changes no colour nor fed value (those read approved
                // reports): only the alerts' inputs move on, not the library's version.
                try await Self.bumpSupervisionVersion(db)
                if dryRun { throw DryRunList(outcomes: outcomes) }
                return outcomes
            }
        } catch let dry as DryRunList {
            return dry.outcomes
        }
    }

    public func reviewProjectReports(_ keys: [ProjectReportKey], approve: Bool, note: String, actor: Actor) async throws -> Int {
        try await provider.transaction { db in
            let now = timestamp()
            var changed = 0
            var audit: [AuditEntry] = []
            for key in keys {
                guard
                    let row = try await db.raw(
                        "SELECT status FROM project_reports WHERE code = \(bind: key.code) AND month = \(bind: key.month.description)"
                    ).first(), try row.decode(column: "status", as: String.self) == "submitted"
                else {
                    throw ProjectError(zh: "\(key.code) \(key.month) 的报告不是待审核状态", en: "The report \(key.code) \(key.month) is not awaiting review")
                }
                try await db.raw(
                    """
                    UPDATE project_reports SET status = \(bind: approve ? "approved" : "returned"), reviewed_by = \(bind: actor.username),
                      review_note = \(bind: note) WHERE code = \(bind: key.code) AND month = \(bind: key.month.description)
                    """
                ).run()
                changed += 1
                audit.append(
                    AuditEntry(
                        at: now, actor: actor, action: approve ? "project.report.approve" : "project.report.return", unitCode: actor.unitCode,
                        subject: key.text, detail: String(note.prefix(500))))
            }
            try await Self.insertAudit(audit, on: db)
            try await Self.bumpProjectsVersion(db)
            return changed
        }
    }

    public func projectProblems(code: String?) async throws -> [ProjectProblem] {
        try await provider.withDatabase { db in
            var select = SQLQueryString(
                "SELECT p.*, o.id AS order_id FROM project_problems p LEFT JOIN supervision_orders o ON o.source = 'project-problem:' || CAST(p.id AS TEXT)"
            )
            if let code { select.appendInterpolation(" WHERE p.code = \(bind: code)" as SQLQueryString) }
            select.appendLiteral(" ORDER BY p.id")
            return try await db.raw(select).all().compactMap { row in
                guard let month = Period(try row.decode(column: "month", as: String.self)),
                    let due = Day(try row.decode(column: "due", as: String.self))
                else { return nil }
                return ProjectProblem(
                    id: try row.decode(column: "id", as: Int.self), code: try row.decode(column: "code", as: String.self), month: month,
                    text: try row.decode(column: "text", as: String.self), help: try row.decode(column: "help", as: String.self),
                    ownerUnit: try row.decode(column: "owner_unit", as: String.self), due: due,
                    closedOn: try row.decode(column: "closed_on", as: String?.self).flatMap(Day.init),
                    closedBy: try row.decode(column: "closed_by", as: String?.self),
                    closingNote: try row.decode(column: "closing_note", as: String.self),
                    orderID: try row.decode(column: "order_id", as: String?.self))
            }
        }
    }

    public func closeProjectProblem(id: Int, note: String, on day: Day, actor: Actor) async throws {
        try await provider.transaction { db in
            guard let row = try await db.raw("SELECT code, owner_unit, closed_on FROM project_problems WHERE id = \(bind: id)").first() else {
                throw ProjectError(zh: "没有找到问题 \(id)", en: "No problem \(id)")
            }
            guard try row.decode(column: "closed_on", as: String?.self) == nil else {
                throw ProjectError(zh: "问题 \(id) 已经解决", en: "Problem \(id) is already closed")
            }
            try await db.raw(
                """
                UPDATE project_problems SET closed_on = \(bind: day.description), closed_by = \(bind: actor.username), closing_note = \(bind: note)
                WHERE id = \(bind: id)
                """
            ).run()
            try await Self.insertAudit(
                [
                    AuditEntry(
                        at: timestamp(), actor: actor, action: "problem.close", unitCode: try row.decode(column: "owner_unit", as: String.self),
                        subject: "\(try row.decode(column: "code", as: String.self)) #\(id)", detail: String(note.prefix(500)))
                ], on: db)
            try await Self.bumpProjectsVersion(db)
        }
    }

    public func projectRules() async throws -> ProjectRules {
        try await provider.withDatabase { db in
            guard
                let text = try await db.raw("SELECT value FROM project_settings WHERE name = 'rules'").first()?.decode(
                    column: "value", as: String.self)
            else { return .standard }
            return try JSONDecoder().decode(ProjectRules.self, from: Data(text.utf8))
        }
    }

    public func saveProjectRules(_ rules: ProjectRules, actor: Actor) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(rules), as: UTF8.self)
        try await provider.transaction { db in
            let old = try await db.raw("SELECT value FROM project_settings WHERE name = 'rules'").first()?.decode(column: "value", as: String.self)
            try await db.raw("DELETE FROM project_settings WHERE name = 'rules'").run()
            try await db.raw("INSERT INTO project_settings (name, value) VALUES ('rules', \(bind: text))").run()
            try await Self.insertAudit(
                [
                    AuditEntry(
                        at: timestamp(), actor: actor, action: "project.rules", unitCode: actor.unitCode, subject: "rules", before: old ?? "",
                        after: text)
                ],
                on: db)
            try await Self.bumpProjectsVersion(db)
        }
    }
}
