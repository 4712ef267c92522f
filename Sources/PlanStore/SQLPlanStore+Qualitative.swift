import Foundation
import PlanCore
import SQLKit

/// Qualitative points of a round.
extension SQLPlanStore {
    static func readQualitative(_ db: any SQLDatabase, round: String) async throws -> [QualitativeScore] {
        try await db.raw("SELECT * FROM round_qualitative WHERE round_id = \(bind: round) ORDER BY unit_code, item").all().map { row in
            QualitativeScore(
                roundID: round, unit: try row.decode(column: "unit_code", as: String.self), item: try row.decode(column: "item", as: String.self),
                points: try row.decode(column: "points", as: Double.self), reason: try row.decode(column: "reason", as: String.self),
                enteredBy: try row.decode(column: "entered_by", as: String.self), enteredAt: try row.decode(column: "entered_at", as: String.self))
        }
    }

    public func qualitativeScores(round: String) async throws -> [QualitativeScore] {
        try await provider.withDatabase { db in try await Self.readQualitative(db, round: round) }
    }

    public func setQualitative(
        _ score: QualitativeScore, actor: Actor, check: @escaping @Sendable (AssessmentRound) throws -> Void
    ) async throws -> QualitativeScore {
        let postgres = provider.dialectName == "postgresql"
        return try await provider.transaction { db in
            try check(try await Self.lockRound(db, id: score.roundID, postgres: postgres))
            let old = try await Self.readQualitative(db, round: score.roundID).first { $0.unit == score.unit && $0.item == score.item }
            let now = timestamp()
            try await db.raw(
                "DELETE FROM round_qualitative WHERE round_id = \(bind: score.roundID) AND unit_code = \(bind: score.unit) AND item = \(bind: score.item)"
            ).run()
            try await db.raw(
                """
                INSERT INTO round_qualitative (round_id, unit_code, item, points, reason, entered_by, entered_at)
                VALUES (\(bind: score.roundID), \(bind: score.unit), \(bind: score.item), \(bind: score.points), \(bind: score.reason),
                  \(bind: actor.username), \(bind: now))
                """
            ).run()
            try await Self.insertAudit(
                [
                    AuditEntry(
                        at: now, actor: actor, action: "qualitative.set", unitCode: score.unit, subject: "\(score.roundID) \(score.item)",
                        before: old.map { PlainNumber.format($0.points) } ?? "", after: PlainNumber.format(score.points),
                        detail: String(score.reason.prefix(200)))
                ], on: db)
            var saved = score
            (saved.enteredBy, saved.enteredAt) = (actor.username, now)
            return saved
        }
    }
}
