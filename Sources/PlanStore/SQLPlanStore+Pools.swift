import Foundation
import PlanCore
import SQLKit

/// Incentive pools and their confirmed allocations.
extension SQLPlanStore {
    static func readPools(_ db: any SQLDatabase, round: String, id: String? = nil) async throws -> [IncentivePool] {
        var filter: SQLQueryString = "round_id = \(bind: round)"
        if let id {
            filter.appendLiteral(" AND id = ")
            filter.appendInterpolation(bind: id)
        }
        return try await db.raw("SELECT * FROM incentive_pools WHERE \(filter) ORDER BY created_at, id").all().map { row in
            let ruleText = try row.decode(column: "rule", as: String.self)
            let rule = try JSONDecoder().decode(IncentiveRule.self, from: Data(ruleText.utf8))
            return IncentivePool(
                roundID: round, id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
                resource: IncentiveResource(rawValue: try row.decode(column: "resource", as: String.self)) ?? .funds,
                amount: try row.decode(column: "amount", as: Double.self), rule: rule, floor: try row.decode(column: "floor", as: Double.self),
                cap: try row.decode(column: "cap", as: Double?.self),
                vetoed: VetoedShare(rawValue: try row.decode(column: "vetoed", as: String.self)) ?? .nothing,
                decimals: try row.decode(column: "decimals", as: Int.self),
                state: IncentivePool.State(rawValue: try row.decode(column: "state", as: String.self)) ?? .draft,
                createdBy: try row.decode(column: "created_by", as: String.self), createdAt: try row.decode(column: "created_at", as: String.self),
                confirmedBy: try row.decode(column: "confirmed_by", as: String?.self),
                confirmedAt: try row.decode(column: "confirmed_at", as: String?.self))
        }
    }

    public func pools(round: String) async throws -> [IncentivePool] {
        try await provider.withDatabase { db in try await Self.readPools(db, round: round) }
    }

    public func savePool(
        _ pool: IncentivePool, actor: Actor, check: @escaping @Sendable (AssessmentRound, [IncentivePool]) throws -> Void
    ) async throws -> IncentivePool {
        let postgres = provider.dialectName == "postgresql"
        return try await provider.transaction { db in
            let locked = try await Self.lockRound(db, id: pool.roundID, postgres: postgres)
            let existing = try await Self.readPools(db, round: pool.roundID)
            try check(locked, existing)
            let now = timestamp()
            let rule = String(decoding: try JSONEncoder().encode(pool.rule), as: UTF8.self)
            let old = existing.first { $0.id == pool.id }
            if old != nil {
                try await db.raw("DELETE FROM incentive_pools WHERE round_id = \(bind: pool.roundID) AND id = \(bind: pool.id)").run()
            }
            try await db.raw(
                """
                INSERT INTO incentive_pools (round_id, id, name, resource, amount, rule, floor, cap, vetoed, decimals, state, created_by, created_at)
                VALUES (\(bind: pool.roundID), \(bind: pool.id), \(bind: pool.name), \(bind: pool.resource.rawValue), \(bind: pool.amount),
                  \(bind: rule), \(bind: pool.floor), \(bind: pool.cap), \(bind: pool.vetoed.rawValue), \(bind: pool.decimals), 'draft',
                  \(bind: actor.username), \(bind: old?.createdAt ?? now))
                """
            ).run()
            let text =
                "\(pool.name): \(PlainNumber.format(pool.amount)) \(pool.resource.unitZh), \(pool.rule.text(zh: true)), floor \(PlainNumber.format(pool.floor)), cap \(pool.cap.map { PlainNumber.format($0) } ?? "none"), vetoed \(pool.vetoed.rawValue)"
            try await Self.insertAudit(
                [
                    AuditEntry(
                        at: now, actor: actor, action: "pool.save", unitCode: actor.unitCode, subject: "\(pool.roundID)/\(pool.id)",
                        before: old == nil ? "" : "draft", after: "draft", detail: text)
                ], on: db)
            guard let saved = try await Self.readPools(db, round: pool.roundID, id: pool.id).first else { throw StoreError("pool vanished") }
            return saved
        }
    }

    public func confirmPool(
        round: String, id: String, actor: Actor, allocate: @escaping @Sendable (AssessmentRound, IncentivePool) throws -> [AllocationLine]
    ) async throws -> IncentivePool {
        let postgres = provider.dialectName == "postgresql"
        return try await provider.transaction { db in
            let locked = try await Self.lockRound(db, id: round, postgres: postgres)
            guard let pool = try await Self.readPools(db, round: round, id: id).first else { throw StoreError("no pool \(round)/\(id)") }
            let lines = try allocate(locked, pool)
            let now = timestamp()
            for (position, l) in lines.enumerated() {
                try await db.raw(
                    """
                    INSERT INTO incentive_allocations (round_id, pool_id, position, unit_code, total, grade, vetoed, weight, floor_part, exact,
                      amount, capped, note_zh, note_en)
                    VALUES (\(bind: round), \(bind: id), \(bind: position), \(bind: l.unit), \(bind: l.total), \(bind: l.grade),
                      \(bind: l.vetoed ? 1 : 0), \(bind: l.weight), \(bind: l.floorPart), \(bind: l.exact), \(bind: l.amount),
                      \(bind: l.capped ? 1 : 0), \(bind: l.noteZh), \(bind: l.noteEn))
                    """
                ).run()
            }
            try await db.raw(
                """
                UPDATE incentive_pools SET state = 'confirmed', confirmed_by = \(bind: actor.username), confirmed_at = \(bind: now)
                WHERE round_id = \(bind: round) AND id = \(bind: id)
                """
            ).run()
            let shares = lines.filter { $0.amount > 0 }.map { "\($0.unit) \(PlainNumber.format($0.amount))" }.joined(separator: ", ")
            try await Self.insertAudit(
                [
                    AuditEntry(
                        at: now, actor: actor, action: "pool.confirm", unitCode: actor.unitCode, subject: "\(round)/\(id)", before: "draft",
                        after:
                            "confirmed: \(PlainNumber.format(pool.amount)) \(pool.resource.unitZh) to \(lines.filter { $0.amount > 0 }.count) units",
                        detail: String(shares.prefix(1000)))
                ], on: db)
            guard let saved = try await Self.readPools(db, round: round, id: id).first else { throw StoreError("pool vanished") }
            return saved
        }
    }

    public func allocation(round: String, pool: String) async throws -> [AllocationLine] {
        try await provider.withDatabase { db in
            try await db.raw(
                "SELECT * FROM incentive_allocations WHERE round_id = \(bind: round) AND pool_id = \(bind: pool) ORDER BY position"
            ).all().map { row in
                AllocationLine(
                    unit: try row.decode(column: "unit_code", as: String.self), total: try row.decode(column: "total", as: Double.self),
                    grade: try row.decode(column: "grade", as: String.self), vetoed: try row.decode(column: "vetoed", as: Int.self) != 0,
                    weight: try row.decode(column: "weight", as: Double.self), floorPart: try row.decode(column: "floor_part", as: Double.self),
                    exact: try row.decode(column: "exact", as: Double.self), amount: try row.decode(column: "amount", as: Double.self),
                    capped: try row.decode(column: "capped", as: Int.self) != 0, noteZh: try row.decode(column: "note_zh", as: String.self),
                    noteEn: try row.decode(column: "note_en", as: String.self))
            }
        }
    }
}
