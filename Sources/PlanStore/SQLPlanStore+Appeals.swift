import Foundation
import PlanCore
import SQLKit

/// Appeals against score-sheet lines, with their evidence files.
extension SQLPlanStore {
    static func readAppeals(_ db: any SQLDatabase, round: String, unit: String?, seq: Int? = nil) async throws -> [Appeal] {
        var filter: SQLQueryString = "round_id = \(bind: round)"
        if let unit {
            filter.appendLiteral(" AND unit_code = ")
            filter.appendInterpolation(bind: unit)
        }
        if let seq {
            filter.appendLiteral(" AND seq = ")
            filter.appendInterpolation(bind: seq)
        }
        var files: [Int: [EvidenceInfo]] = [:]
        for row in try await db.raw(
            "SELECT id, appeal_seq, file_name, content_type, size, sha256, uploaded_by, uploaded_at FROM appeal_files WHERE round_id = \(bind: round) ORDER BY id"
        ).all() {
            files[try row.decode(column: "appeal_seq", as: Int.self), default: []].append(try evidenceInfo(row))
        }
        return try await db.raw("SELECT * FROM round_appeals WHERE \(filter) ORDER BY seq").all().map { row in
            let seq = try row.decode(column: "seq", as: Int.self)
            return Appeal(
                roundID: round, seq: seq, unit: try row.decode(column: "unit_code", as: String.self),
                targetID: try row.decode(column: "target_id", as: String.self), snapshotSeq: try row.decode(column: "snapshot_seq", as: Int.self),
                reason: try row.decode(column: "reason", as: String.self),
                state: AppealState(rawValue: try row.decode(column: "state", as: String.self)) ?? .pending,
                filedBy: try row.decode(column: "filed_by", as: String.self), filedAt: try row.decode(column: "filed_at", as: String.self),
                decidedBy: try row.decode(column: "decided_by", as: String?.self), decidedAt: try row.decode(column: "decided_at", as: String?.self),
                decision: try row.decode(column: "decision", as: String.self),
                correctedValue: try row.decode(column: "corrected_value", as: Double?.self), files: files[seq] ?? [])
        }
    }

    public func appeals(round: String, unit: String?) async throws -> [Appeal] {
        try await provider.withDatabase { db in try await Self.readAppeals(db, round: round, unit: unit) }
    }

    public func fileAppeal(
        round: String, unit: String, targetID: String, reason: String, evidence: [NewEvidence], actor: Actor,
        check: @escaping @Sendable (AssessmentRound, [Appeal]) throws -> Int
    ) async throws -> Appeal {
        let postgres = provider.dialectName == "postgresql"
        return try await provider.transaction { db in
            let locked = try await Self.lockRound(db, id: round, postgres: postgres)
            let existing = try await Self.readAppeals(db, round: round, unit: nil)
            let snapshot = try check(locked, existing)
            let seq = (existing.map(\.seq).max() ?? 0) + 1
            let now = timestamp()
            try await db.raw(
                """
                INSERT INTO round_appeals (round_id, seq, unit_code, target_id, snapshot_seq, reason, state, filed_by, filed_at, decision)
                VALUES (\(bind: round), \(bind: seq), \(bind: unit), \(bind: targetID), \(bind: snapshot), \(bind: reason), 'pending',
                  \(bind: actor.username), \(bind: now), '')
                """
            ).run()
            let stamp = now.filter(\.isNumber)
            for (i, file) in evidence.enumerated() {
                try await db.raw(
                    """
                    INSERT INTO appeal_files (id, round_id, appeal_seq, file_name, content_type, size, sha256, uploaded_by, uploaded_at, data)
                    VALUES (\(bind: "\(stamp)-\(i)-\(UUID().uuidString.prefix(8).lowercased())"), \(bind: round), \(bind: seq),
                      \(bind: file.fileName), \(bind: file.contentType), \(bind: file.data.count), \(bind: file.sha256), \(bind: actor.username),
                      \(bind: now), \(bind: file.data))
                    """
                ).run()
            }
            let detail = [String(reason.prefix(200)), evidence.isEmpty ? "" : "evidence: " + evidence.map(\.fileName).joined(separator: ", ")]
                .filter { !$0.isEmpty }.joined(separator: "; ")
            try await Self.insertAudit(
                [
                    AuditEntry(
                        at: now, actor: actor, action: "appeal.file", unitCode: unit, subject: "\(round)-\(seq)", before: "",
                        after: "pending: \(targetID), snapshot \(snapshot)", detail: detail)
                ], on: db)
            guard let saved = try await Self.readAppeals(db, round: round, unit: nil, seq: seq).first else { throw StoreError("appeal vanished") }
            return saved
        }
    }

    public func decideAppeal(
        round: String, seq: Int, accept: Bool, correctedValue: Double?, reason: String, actor: Actor,
        check: @escaping @Sendable (AssessmentRound, Appeal) throws -> Void
    ) async throws -> Appeal {
        let postgres = provider.dialectName == "postgresql"
        return try await provider.transaction { db in
            let locked = try await Self.lockRound(db, id: round, postgres: postgres)
            guard let appeal = try await Self.readAppeals(db, round: round, unit: nil, seq: seq).first else {
                throw StoreError("no appeal \(round)-\(seq)")
            }
            try check(locked, appeal)
            let now = timestamp()
            let state: AppealState = accept ? .accepted : .rejected
            try await db.raw(
                """
                UPDATE round_appeals SET state = \(bind: state.rawValue), decided_by = \(bind: actor.username), decided_at = \(bind: now),
                  decision = \(bind: reason), corrected_value = \(bind: accept ? correctedValue : nil)
                WHERE round_id = \(bind: round) AND seq = \(bind: seq)
                """
            ).run()
            try await Self.insertAudit(
                [
                    AuditEntry(
                        at: now, actor: actor, action: accept ? "appeal.accept" : "appeal.reject", unitCode: appeal.unit,
                        subject: "\(round)-\(seq)", before: "pending",
                        after: accept
                            ? "accepted: \(appeal.targetID) latest value = \(correctedValue.map { PlainNumber.format($0) } ?? "")" : "rejected",
                        detail: String(reason.prefix(200)))
                ], on: db)
            guard let saved = try await Self.readAppeals(db, round: round, unit: nil, seq: seq).first else { throw StoreError("appeal vanished") }
            return saved
        }
    }

    public func appealFile(id: String) async throws -> StoredAppealFile? {
        try await provider.withDatabase { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT f.*, a.unit_code FROM appeal_files f JOIN round_appeals a ON a.round_id = f.round_id AND a.seq = f.appeal_seq
                    WHERE f.id = \(bind: id)
                    """
                ).first()
            else { return nil }
            return StoredAppealFile(
                info: try Self.evidenceInfo(row), roundID: try row.decode(column: "round_id", as: String.self),
                appealSeq: try row.decode(column: "appeal_seq", as: Int.self), unitCode: try row.decode(column: "unit_code", as: String.self),
                data: try row.decode(column: "data", as: Data.self))
        }
    }
}
