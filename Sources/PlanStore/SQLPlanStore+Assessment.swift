import Foundation
import PlanCore
import SQLKit

extension SQLPlanStore {
    static func storedScheme(_ row: any SQLRow) throws -> StoredScheme {
        StoredScheme(
            id: try row.decode(column: "id", as: String.self), version: try row.decode(column: "version", as: Int.self),
            name: try row.decode(column: "name", as: String.self), body: try row.decode(column: "body", as: String.self),
            note: try row.decode(column: "note", as: String.self), createdBy: try row.decode(column: "created_by", as: String.self),
            createdAt: try row.decode(column: "created_at", as: String.self))
    }

    public func saveScheme(id: String, name: String, body: String, note: String, actor: Actor) async throws -> StoredScheme {
        try await provider.transaction { db in
            let now = timestamp()
            let last = try await db.raw("SELECT MAX(version) AS v FROM assessment_schemes WHERE id = \(bind: id)").first()
            let version = (try last?.decode(column: "v", as: Int?.self) ?? 0) + 1
            try await db.raw(
                """
                INSERT INTO assessment_schemes (id, version, name, body, note, created_by, created_at)
                VALUES (\(bind: id), \(bind: version), \(bind: name), \(bind: body), \(bind: note), \(bind: actor.username), \(bind: now))
                """
            ).run()
            try await Self.insertAudit(
                [
                    AuditEntry(
                        at: now, actor: actor, action: "scheme.save", unitCode: actor.unitCode, subject: "\(id) v\(version)",
                        before: version > 1 ? "v\(version - 1)" : "", after: name, detail: note)
                ], on: db)
            return StoredScheme(id: id, version: version, name: name, body: body, note: note, createdBy: actor.username, createdAt: now)
        }
    }

    public func schemes(id: String?) async throws -> [StoredScheme] {
        try await provider.withDatabase { db in
            let filter: SQLQueryString = id.map { " WHERE id = \(bind: $0)" } ?? ""
            return try await db.raw("SELECT * FROM assessment_schemes\(filter) ORDER BY id, version DESC").all().map(Self.storedScheme)
        }
    }

    public func scheme(id: String, version: Int) async throws -> StoredScheme? {
        try await provider.withDatabase { db in
            try await db.raw("SELECT * FROM assessment_schemes WHERE id = \(bind: id) AND version = \(bind: version)").first().map(Self.storedScheme)
        }
    }

    static func readRounds(_ db: any SQLDatabase, id: String?) async throws -> [AssessmentRound] {
        let filter: SQLQueryString = id.map { " WHERE id = \(bind: $0)" } ?? ""
        let snapshotFilter: SQLQueryString = id.map { " WHERE round_id = \(bind: $0)" } ?? ""
        var snapshots: [String: [RoundSnapshot]] = [:]
        for row in try await db.raw("SELECT * FROM round_snapshots\(snapshotFilter) ORDER BY round_id, seq").all() {
            snapshots[try row.decode(column: "round_id", as: String.self), default: []].append(
                RoundSnapshot(
                    seq: try row.decode(column: "seq", as: Int.self), dataVersion: try row.decode(column: "data_version", as: Int.self),
                    observations: try row.decode(column: "observations", as: Int.self),
                    frozenBy: try row.decode(column: "frozen_by", as: String.self),
                    frozenAt: try row.decode(column: "frozen_at", as: String.self), reason: try row.decode(column: "reason", as: String.self)))
        }
        return try await db.raw("SELECT * FROM assessment_rounds\(filter) ORDER BY year DESC, seq DESC").all().compactMap { row in
            let id = try row.decode(column: "id", as: String.self)
            guard let cutoff = Day(try row.decode(column: "cutoff", as: String.self)),
                let state = RoundState(rawValue: try row.decode(column: "state", as: String.self))
            else { return nil }
            return AssessmentRound(
                id: id, year: try row.decode(column: "year", as: Int.self), schemeID: try row.decode(column: "scheme_id", as: String.self),
                schemeVersion: try row.decode(column: "scheme_version", as: Int.self), cutoff: cutoff, state: state,
                createdBy: try row.decode(column: "created_by", as: String.self), createdAt: try row.decode(column: "created_at", as: String.self),
                publishedBy: try row.decode(column: "published_by", as: String?.self),
                publishedAt: try row.decode(column: "published_at", as: String?.self), snapshots: snapshots[id] ?? [])
        }
    }

    public func openRound(year: Int, schemeID: String, schemeVersion: Int, cutoff: Day, actor: Actor) async throws -> AssessmentRound {
        try await provider.transaction { db in
            let now = timestamp()
            let last = try await db.raw("SELECT MAX(seq) AS s FROM assessment_rounds WHERE year = \(bind: year)").first()
            let seq = (try last?.decode(column: "s", as: Int?.self) ?? 0) + 1
            let id = "\(year)-\(seq)"
            try await db.raw(
                """
                INSERT INTO assessment_rounds (id, year, seq, scheme_id, scheme_version, cutoff, state, created_by, created_at)
                VALUES (\(bind: id), \(bind: year), \(bind: seq), \(bind: schemeID), \(bind: schemeVersion), \(bind: cutoff.description),
                  'open', \(bind: actor.username), \(bind: now))
                """
            ).run()
            try await Self.insertAudit(
                [
                    AuditEntry(
                        at: now, actor: actor, action: "round.open", unitCode: actor.unitCode, subject: id, after: "\(schemeID) v\(schemeVersion)",
                        detail: "cutoff \(cutoff)")
                ], on: db)
            guard let round = try await Self.readRounds(db, id: id).first else { throw StoreError("round \(id) vanished") }
            return round
        }
    }

    public func rounds() async throws -> [AssessmentRound] {
        try await provider.withDatabase { db in try await Self.readRounds(db, id: nil) }
    }

    public func round(id: String) async throws -> AssessmentRound? {
        try await provider.withDatabase { db in try await Self.readRounds(db, id: id).first }
    }

    /// The round under lock (PostgreSQL: its row; SQLite: the transaction's write lock).
    static func lockRound(_ db: any SQLDatabase, id: String, postgres: Bool) async throws -> AssessmentRound {
        if postgres { _ = try await db.raw("SELECT id FROM assessment_rounds WHERE id = \(bind: id) FOR UPDATE").first() }
        guard let round = try await readRounds(db, id: id).first else { throw StoreError("no round \(id)") }
        return round
    }

    public func freezeRound(
        id: String, reason: String, diligence: [String: Double], actor: Actor, check: @escaping @Sendable (AssessmentRound) throws -> Void
    ) async throws -> AssessmentRound {
        let postgres = provider.dialectName == "postgresql"
        return try await provider.transaction { db in
            let round = try await Self.lockRound(db, id: id, postgres: postgres)
            try check(round)
            let now = timestamp()
            let seq = (round.snapshots.last?.seq ?? 0) + 1
            let version = try await Self.dataVersion(db)
            // Every period up to the round's year sorts before the next year's ("2024-12" < "2025").
            try await db.raw(
                """
                INSERT INTO round_observations (round_id, seq, indicator_key, region_code, period, value, source, link, quote, qualifier, revision)
                SELECT \(bind: id), \(bind: seq), indicator_key, region_code, period, value, source, link, quote, qualifier, revision
                FROM observations WHERE period < \(bind: String(round.year + 1))
                """
            ).run()
            let count =
                try await db.raw("SELECT COUNT(*) AS n FROM round_observations WHERE round_id = \(bind: id) AND seq = \(bind: seq)")
                .first()?.decode(column: "n", as: Int.self) ?? 0
            try await db.raw(
                """
                INSERT INTO round_snapshots (round_id, seq, data_version, observations, frozen_by, frozen_at, reason)
                VALUES (\(bind: id), \(bind: seq), \(bind: version), \(bind: count), \(bind: actor.username), \(bind: now), \(bind: reason))
                """
            ).run()
            for (unit, score) in diligence.sorted(by: { $0.key < $1.key }) {
                try await db.raw(
                    """
                    INSERT INTO round_diligence (round_id, seq, unit_code, score) VALUES (\(bind: id), \(bind: seq), \(bind: unit), \(bind: score))
                    """
                ).run()
            }
            try await db.raw("UPDATE assessment_rounds SET state = 'frozen' WHERE id = \(bind: id)").run()
            try await Self.insertAudit(
                [
                    AuditEntry(
                        at: now, actor: actor, action: "round.freeze", unitCode: actor.unitCode, subject: id, before: round.state.rawValue,
                        after: "snapshot \(seq): data version \(version), \(count) observations", detail: reason)
                ], on: db)
            return try await Self.readRounds(db, id: id).first!
        }
    }

    public func publishRound(id: String, actor: Actor, check: @escaping @Sendable (AssessmentRound, Int) throws -> Void) async throws
        -> AssessmentRound
    {
        let postgres = provider.dialectName == "postgresql"
        return try await provider.transaction { db in
            let round = try await Self.lockRound(db, id: id, postgres: postgres)
            let pending =
                try await db.raw("SELECT COUNT(*) AS n FROM round_appeals WHERE round_id = \(bind: id) AND state = 'pending'").first()?
                .decode(column: "n", as: Int.self) ?? 0
            try check(round, pending)
            let now = timestamp()
            try await db.raw(
                """
                UPDATE assessment_rounds SET state = 'published', published_by = \(bind: actor.username), published_at = \(bind: now)
                WHERE id = \(bind: id)
                """
            ).run()
            try await Self.insertAudit(
                [
                    AuditEntry(
                        at: now, actor: actor, action: "round.publish", unitCode: actor.unitCode, subject: id, before: round.state.rawValue,
                        after: "published", detail: "snapshot \(round.snapshots.last?.seq ?? 0)")
                ], on: db)
            return try await Self.readRounds(db, id: id).first!
        }
    }

    public func snapshotObservations(round: String, seq: Int) async throws -> [StoredObservation] {
        try await provider.withDatabase { db in
            let collected = Collected()
            try await db.raw(
                """
                SELECT indicator_key, region_code, period, value, source, link, quote, qualifier, revision FROM round_observations
                WHERE round_id = \(bind: round) AND seq = \(bind: seq)
                """
            ).run { row in collected.add { try Self.storedObservation(row) } }
            return try collected.result()
        }
    }

    public func snapshotDiligence(round: String, seq: Int) async throws -> [String: Double] {
        try await provider.withDatabase { db in
            var out: [String: Double] = [:]
            for row in try await db.raw("SELECT unit_code, score FROM round_diligence WHERE round_id = \(bind: round) AND seq = \(bind: seq)").all() {
                out[try row.decode(column: "unit_code", as: String.self)] = try row.decode(column: "score", as: Double.self)
            }
            return out
        }
    }

    public func observationsChanged(sinceVersion: Int) async throws -> Int {
        try await provider.withDatabase { db in
            try await db.raw("SELECT COUNT(*) AS n FROM observations WHERE data_version > \(bind: sinceVersion)").first()?
                .decode(column: "n", as: Int.self) ?? 0
        }
    }
}
