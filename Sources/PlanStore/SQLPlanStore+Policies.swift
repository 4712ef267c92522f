import Foundation
import PlanCore
import SQLKit

/// The policy list.
extension SQLPlanStore {
    public func policies() async throws -> [Policy] {
        try await provider.withDatabase { db in try await Self.readPolicies(db, id: nil) }
    }

    public func policy(id: String) async throws -> Policy? {
        try await provider.withDatabase { db in try await Self.readPolicies(db, id: id).first }
    }

    static func readPolicies(_ db: any SQLDatabase, id: String?) async throws -> [Policy] {
        var select = SQLQueryString("SELECT * FROM policies")
        if let id { select.appendInterpolation(" WHERE id = \(bind: id)" as SQLQueryString) }
        select.appendLiteral(" ORDER BY position, id")
        return try await db.raw(select).all().compactMap { row in
            guard let status = PolicyStatus(rawValue: try row.decode(column: "status", as: String.self)) else { return nil }
            func list(_ column: String) throws -> [String] {
                try row.decode(column: column, as: String.self).split(separator: "|").map(String.init)
            }
            return Policy(
                number: try row.decode(column: "id", as: String.self), position: try row.decode(column: "position", as: Int.self),
                title: try row.decode(column: "title", as: String.self), issuers: try list("issuers"),
                documentNumber: try row.decode(column: "document_number", as: String.self), articles: try list("articles").compactMap { Int($0) },
                planned: try row.decode(column: "planned", as: String?.self).flatMap(Day.init),
                plannedText: try row.decode(column: "planned_text", as: String.self),
                issuedOn: try row.decode(column: "issued_on", as: String?.self).flatMap(Day.init), status: status,
                link: try row.decode(column: "link", as: String.self), note: try row.decode(column: "note", as: String.self))
        }
    }

    public func savePolicies(_ policies: [Policy], actor: Actor, dryRun: Bool, summary: AuditEntry?) async throws -> [RowOutcome] {
        do {
            return try await provider.transaction { db in
                let now = timestamp()
                var outcomes: [RowOutcome] = []
                for policy in policies {
                    let old = try await Self.readPolicies(db, id: policy.id).first
                    if let old, old.sameContent(as: policy) {
                        if old.position != policy.position {
                            try await db.raw("UPDATE policies SET position = \(bind: policy.position) WHERE id = \(bind: policy.id)").run()
                        }
                        outcomes.append(.unchanged)
                        continue
                    }
                    outcomes.append(old == nil ? .new : .changed)
                    try await db.raw("DELETE FROM policies WHERE id = \(bind: policy.id)").run()
                    try await db.raw(
                        """
                        INSERT INTO policies (id, position, title, issuers, document_number, articles, planned, planned_text, issued_on, status, link,
                          note, updated_by, updated_at)
                        VALUES (\(bind: policy.id), \(bind: policy.position), \(bind: policy.title), \(bind: policy.issuers.joined(separator: "|")),
                          \(bind: policy.documentNumber), \(bind: policy.articles.map(String.init).joined(separator: "|")),
                          \(bind: policy.planned?.description), \(bind: policy.plannedText), \(bind: policy.issuedOn?.description),
                          \(bind: policy.status.rawValue), \(bind: policy.link), \(bind: policy.note), \(bind: actor.username), \(bind: now))
                        """
                    ).run()
                    try await Self.insertAudit(
                        [
                            AuditEntry(
                                at: now, actor: actor, action: old == nil ? "policy.create" : "policy.change",
                                unitCode: policy.issuers.first ?? actor.unitCode, subject: policy.id,
                                before: old.map { "\($0.status.rawValue) \($0.title.prefix(200))" } ?? "",
                                after: "\(policy.status.rawValue) \(policy.title.prefix(200))")
                        ], on: db)
                }
                return try await Self.finishListSave(outcomes, dryRun: dryRun, summary: summary, on: db)
            }
        } catch let dry as DryRunList {
            return dry.outcomes
        }
    }

    public func deletePolicy(id: String, actor: Actor) async throws {
        try await provider.transaction { db in
            guard let policy = try await Self.readPolicies(db, id: id).first else { throw StoreError("no policy \(id)") }
            if try await db.raw(
                "SELECT id FROM supervision_orders WHERE subject_kind = 'policy' AND subject_id = \(bind: id) LIMIT 1"
            ).first() != nil {
                throw SupervisionError(zh: "已有督办单针对该政策，不能删除", en: "A supervision order is about this policy: it cannot be deleted")
            }
            try await db.raw("DELETE FROM policies WHERE id = \(bind: id)").run()
            try await Self.bumpSupervisionVersion(db)
            try await Self.insertAudit(
                [
                    AuditEntry(
                        at: timestamp(), actor: actor, action: "policy.delete", unitCode: policy.issuers.first ?? actor.unitCode, subject: id,
                        before: String(policy.title.prefix(200)))
                ], on: db)
        }
    }
}
