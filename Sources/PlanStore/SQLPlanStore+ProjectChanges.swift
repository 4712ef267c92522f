import Foundation
import PlanCore
import SQLKit

/// Dynamic adjustment: requests, decisions and the versions they leave.
extension SQLPlanStore {
    public func projectVersions(code: String) async throws -> [ProjectVersion] {
        try await provider.withDatabase { db in
            try await db.raw("SELECT * FROM project_versions WHERE code = \(bind: code) ORDER BY version").all().map { row in
                ProjectVersion(
                    project: try Self.decodeProject(try row.decode(column: "body", as: String.self)),
                    at: try row.decode(column: "changed_at", as: String.self),
                    by: try row.decode(column: "changed_by", as: String.self), reason: try row.decode(column: "reason", as: String.self))
            }
        }
    }

    static func readAdjustments(_ db: any SQLDatabase, code: String?, id: Int? = nil) async throws -> [ProjectAdjustment] {
        var select = SQLQueryString("SELECT * FROM project_adjustments WHERE 1 = 1")
        if let code { select.appendInterpolation(" AND code = \(bind: code)" as SQLQueryString) }
        if let id { select.appendInterpolation(" AND id = \(bind: id)" as SQLQueryString) }
        select.appendLiteral(" ORDER BY id")
        return try await db.raw(select).all().compactMap { row in
            guard let kind = AdjustmentKind(rawValue: try row.decode(column: "kind", as: String.self)),
                let status = AdjustmentStatus(rawValue: try row.decode(column: "status", as: String.self))
            else { return nil }
            return ProjectAdjustment(
                id: try row.decode(column: "id", as: Int.self), code: try row.decode(column: "code", as: String.self), kind: kind,
                proposed: try decodeProject(try row.decode(column: "proposed", as: String.self)),
                reason: try row.decode(column: "reason", as: String.self),
                status: status, requestedBy: try row.decode(column: "requested_by", as: String.self),
                requestedAt: try row.decode(column: "requested_at", as: String.self),
                decidedBy: try row.decode(column: "decided_by", as: String?.self),
                decidedAt: try row.decode(column: "decided_at", as: String?.self),
                decisionNote: try row.decode(column: "decision_note", as: String.self),
                version: try row.decode(column: "version", as: Int?.self))
        }
    }

    public func projectAdjustments(code: String?) async throws -> [ProjectAdjustment] {
        try await provider.withDatabase { db in try await Self.readAdjustments(db, code: code) }
    }

    public func requestAdjustment(
        code: String, kind: AdjustmentKind, proposed: Project, reason: String, actor: Actor,
        check: @escaping @Sendable (Project, [ProjectAdjustment]) throws -> Void
    ) async throws -> ProjectAdjustment {
        try await provider.transaction { db in
            let project = try await lockedProject(db, code: code)
            try check(project, try await Self.readAdjustments(db, code: code))
            let id =
                (try await db.raw("SELECT COALESCE(MAX(id), 0) AS n FROM project_adjustments").first()?.decode(column: "n", as: Int.self) ?? 0) + 1
            let now = timestamp()
            try await db.raw(
                """
                INSERT INTO project_adjustments (id, code, kind, proposed, reason, status, requested_by, requested_at, decision_note)
                VALUES (\(bind: id), \(bind: code), \(bind: kind.rawValue), \(bind: try Self.projectJSON(proposed)), \(bind: reason), 'pending',
                  \(bind: actor.username), \(bind: now), '')
                """
            ).run()
            try await Self.insertAudit(
                [
                    AuditEntry(
                        at: now, actor: actor, action: "adjustment.request", unitCode: project.unitCode, subject: code, after: kind.rawValue,
                        detail: String(reason.prefix(500)))
                ], on: db)
            try await Self.bumpProjectsVersion(db)
            guard let made = try await Self.readAdjustments(db, code: nil, id: id).first else { throw StoreError("adjustment \(id) not read back") }
            return made
        }
    }

    public func decideAdjustment(
        id: Int, approve: Bool, note: String, on day: Day, actor: Actor, check: @escaping @Sendable (ProjectAdjustment, Project) throws -> Void
    ) async throws -> ProjectAdjustment {
        try await provider.transaction { db in
            guard let request = try await Self.readAdjustments(db, code: nil, id: id).first else {
                throw ProjectError(zh: "没有找到调整申请 \(id)", en: "No adjustment request \(id)")
            }
            let current = try await lockedProject(db, code: request.code)
            try check(request, current)
            let now = timestamp()
            var version: Int?
            if approve {
                var next = request.kind == .withdraw ? current : request.proposed
                next.stage = request.kind == .withdraw ? .withdrawn : current.stage
                next.actualStart = current.actualStart
                next.actualCompletion = current.actualCompletion
                next.annualSince = current.annualSince
                next.version = current.version + 1
                version = next.version
                try await Self.writeProject(next, on: db, now: now)
                try await db.raw(
                    """
                    INSERT INTO project_versions (code, version, body, changed_by, changed_at, reason)
                    VALUES (\(bind: next.code), \(bind: next.version), \(bind: try Self.projectJSON(next)), \(bind: actor.username), \(bind: now),
                      \(bind: "\(request.kind.nameZh)：\(request.reason)"))
                    """
                ).run()
                if request.kind == .withdraw {
                    try await Self.insertTransition(
                        ProjectTransition(
                            code: next.code, from: current.stage, to: .withdrawn, on: day, by: actor.username, reason: request.reason, at: now),
                        on: db)
                }
            }
            try await db.raw(
                """
                UPDATE project_adjustments SET status = \(bind: approve ? "approved" : "returned"), decided_by = \(bind: actor.username),
                  decided_at = \(bind: now), decision_note = \(bind: note), version = \(bind: version) WHERE id = \(bind: id)
                """
            ).run()
            try await Self.insertAudit(
                [
                    AuditEntry(
                        at: now, actor: actor, action: approve ? "adjustment.approve" : "adjustment.return", unitCode: current.unitCode,
                        subject: request.code, before: "v\(current.version)", after: version.map { "v\($0)" } ?? "", detail: String(note.prefix(500)))
                ], on: db)
            try await Self.bumpProjectsVersion(db)
            guard let decided = try await Self.readAdjustments(db, code: nil, id: id).first else {
                throw StoreError("adjustment \(id) not read back")
            }
            return decided
        }
    }
}
