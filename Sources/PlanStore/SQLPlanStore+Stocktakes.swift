import Foundation
import PlanCore
import SQLKit

/// Stocktakes and their decisions.
extension SQLPlanStore {
    public func stocktakes() async throws -> [Stocktake] {
        try await provider.withDatabase { db in try await Self.readStocktakes(db, id: nil) }
    }

    public func stocktake(id: String) async throws -> Stocktake? {
        try await provider.withDatabase { db in try await Self.readStocktakes(db, id: id).first }
    }

    static func readStocktakes(_ db: any SQLDatabase, id: String?) async throws -> [Stocktake] {
        var select = SQLQueryString("SELECT * FROM stocktakes")
        if let id { select.appendInterpolation(" WHERE id = \(bind: id)" as SQLQueryString) }
        select.appendLiteral(" ORDER BY day DESC, id")
        var result: [Stocktake] = []
        for row in try await db.raw(select).all() {
            guard let day = Day(try row.decode(column: "day", as: String.self)),
                let scope = StocktakeScope(slug: try row.decode(column: "scope", as: String.self))
            else { continue }
            result.append(
                Stocktake(
                    date: day, scope: scope, statuses: Stocktake.statuses(from: try row.decode(column: "statuses", as: String.self)),
                    createdBy: try row.decode(column: "created_by", as: String.self), createdAt: try row.decode(column: "created_at", as: String.self)
                ))
        }
        guard !result.isEmpty else { return [] }
        var decisions = SQLQueryString("SELECT * FROM stocktake_decisions")
        if let id { decisions.appendInterpolation(" WHERE stocktake_id = \(bind: id)" as SQLQueryString) }
        decisions.appendLiteral(" ORDER BY stocktake_id, seq")
        let index = Dictionary(result.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        for row in try await db.raw(decisions).all() {
            guard let i = index[try row.decode(column: "stocktake_id", as: String.self)],
                let kind = StocktakeDecision.Kind(rawValue: try row.decode(column: "kind", as: String.self))
            else { continue }
            result[i].decisions.append(
                StocktakeDecision(
                    seq: try row.decode(column: "seq", as: Int.self), text: try row.decode(column: "text", as: String.self), kind: kind,
                    unitCode: try row.decode(column: "unit_code", as: String?.self),
                    due: try row.decode(column: "due", as: String?.self).flatMap(Day.init),
                    ref: try row.decode(column: "ref", as: String?.self), decidedBy: try row.decode(column: "decided_by", as: String.self),
                    decidedAt: try row.decode(column: "decided_at", as: String.self)))
        }
        return result
    }

    public func createStocktake(_ s: Stocktake, actor: Actor) async throws {
        try await provider.transaction { db in
            guard try await db.raw("SELECT id FROM stocktakes WHERE id = \(bind: s.id)").first() == nil else {
                throw SupervisionError(zh: "\(s.date) 已有该范围的调度会", en: "There is a stocktake of this scope on \(s.date)")
            }
            try await db.raw(
                """
                INSERT INTO stocktakes (id, day, scope, statuses, created_by, created_at)
                VALUES (\(bind: s.id), \(bind: s.date.description), \(bind: s.scope.slug), \(bind: s.statusText), \(bind: s.createdBy), \(bind: s.createdAt))
                """
            ).run()
            try await Self.insertAudit(
                [AuditEntry(at: timestamp(), actor: actor, action: "stocktake.create", unitCode: actor.unitCode, subject: s.id, after: s.scope.slug)],
                on: db)
        }
    }

    public func decide(
        stocktakeID: String, text: String, kind: StocktakeDecision.Kind, unitCode: String?, due: Day?, order: SupervisionOrder?, task: WorkTask?,
        actor: Actor
    ) async throws -> Stocktake {
        try await provider.transaction { db in
            let now = timestamp()
            guard try await db.raw("SELECT id FROM stocktakes WHERE id = \(bind: stocktakeID)").first() != nil else {
                throw StoreError("no stocktake \(stocktakeID)")
            }
            var ref: String?
            if let order {
                ref = try await Self.insertOrders([order], note: "调度会 \(stocktakeID) 议定", actor: actor, now: now, on: db).first?.id
            }
            if let task {
                guard try await Self.readTasks(db, year: nil, id: task.id).first == nil else {
                    throw SupervisionError(zh: "已有任务 \(task.id)", en: "Task \(task.id) exists")
                }
                try await Self.writeTask(task, old: nil, actor: actor, now: now, on: db)
                try await Self.bumpSupervisionVersion(db)
                try await Self.insertAudit(
                    [
                        AuditEntry(
                            at: now, actor: actor, action: "task.create", unitCode: task.leadUnits.first ?? actor.unitCode, subject: task.id,
                            after: String(task.title.prefix(200)), detail: "stocktake \(stocktakeID)")
                    ], on: db)
                ref = task.id
            }
            let seq =
                (try await db.raw("SELECT MAX(seq) AS m FROM stocktake_decisions WHERE stocktake_id = \(bind: stocktakeID)").first()
                    .flatMap { try $0.decode(column: "m", as: Int?.self) } ?? 0) + 1
            try await db.raw(
                """
                INSERT INTO stocktake_decisions (stocktake_id, seq, text, kind, unit_code, due, ref, decided_by, decided_at)
                VALUES (\(bind: stocktakeID), \(bind: seq), \(bind: text), \(bind: kind.rawValue), \(bind: unitCode), \(bind: due?.description),
                  \(bind: ref), \(bind: actor.username), \(bind: now))
                """
            ).run()
            try await Self.insertAudit(
                [
                    AuditEntry(
                        at: now, actor: actor, action: "stocktake.decide", unitCode: unitCode ?? actor.unitCode, subject: "\(stocktakeID) #\(seq)",
                        after: "\(kind.rawValue) \(ref ?? "")", detail: String(text.prefix(200)))
                ], on: db)
            guard let saved = try await Self.readStocktakes(db, id: stocktakeID).first else { throw StoreError("stocktake vanished") }
            return saved
        }
    }
}
