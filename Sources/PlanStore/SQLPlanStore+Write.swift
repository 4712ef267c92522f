import Foundation
import PlanCore
import SQLKit

extension SQLPlanStore {
    /// Inserts new observations and updates changed ones (incrementing their revision), all or
    /// nothing; unchanged rows are left alone, and the data version moves on only when something
    /// changed. Rows go in batches of `BatchInsert.rowsPerStatement` as `INSERT … ON CONFLICT DO
    /// UPDATE … WHERE changed … RETURNING`, the same statement on SQLite and PostgreSQL.
    public func upsert(_ observations: [Observation]) async throws -> Int {
        let now = timestamp()
        let rows: [[any Encodable & Sendable]] = observations.map { o in
            let p = o.provenance
            return [o.indicatorKey, o.regionCode, o.period.description, o.value, p.source, p.link, p.quote, p.qualifier, 1, now]
        }
        do {
            return try await provider.transaction { db in
                // The version first: its row lock orders writers, and the rows carry it.
                let version = try await Self.bumpDataVersion(db)
                guard try await Self.upsertObservations(rows, version: version, on: db) > 0 else { throw NothingChanged() }
                return version
            }
        } catch is NothingChanged {
            return try await dataVersion()
        }
    }

    /// Rolls back a transaction that changed nothing (and so must not move the version on).
    private struct NothingChanged: Error {}

    /// Upserts observation rows inside the caller's transaction, marking the ones that change with
    /// `version`; returns how many changed.
    static func upsertObservations(_ rows: [[any Encodable & Sendable]], version: Int, on db: any SQLDatabase) async throws -> Int {
        let rows = rows.map { $0 + [version] }
        let sqlite = db.dialect.name == "sqlite"
        // A bulk load on SQLite gets a larger page cache for its transaction, so that the new
        // pages are not spilled to the file before the commit (then the default again).
        let bulk = sqlite && rows.count > 10_000
        if bulk { try await db.raw("PRAGMA cache_size = -131072").run() }
        do {
            let changed = try await upsertObservationChunks(rows, sqlite: sqlite, on: db)
            if bulk { try await db.raw("PRAGMA cache_size = -2000").run() }
            return changed
        } catch {
            if bulk { try? await db.raw("PRAGMA cache_size = -2000").run() }
            throw error
        }
    }

    /// Statements of `BatchInsert.rowsPerLargeStatement` rows; only the number of rows changed
    /// comes back (not a row per observation).
    private static func upsertObservationChunks(_ rows: [[any Encodable & Sendable]], sqlite: Bool, on db: any SQLDatabase) async throws -> Int {
        var changed = 0
        var start = 0
        let size = BatchInsert.rowsPerLargeStatement
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + size)]
            var query = SQLQueryString(
                sqlite
                    ? "INSERT INTO observations (indicator_key, region_code, period, value, source, link, quote, qualifier, revision, updated_at, data_version) VALUES "
                    : "WITH changed AS (INSERT INTO observations (indicator_key, region_code, period, value, source, link, quote, qualifier, revision, updated_at, data_version) VALUES "
            )
            BatchInsert.appendValues(chunk, to: &query)
            query.appendLiteral(
                """
                 ON CONFLICT (indicator_key, region_code, period) DO UPDATE SET value = excluded.value,
                  source = excluded.source, link = excluded.link, quote = excluded.quote, qualifier = excluded.qualifier,
                  revision = observations.revision + 1, updated_at = excluded.updated_at, data_version = excluded.data_version
                 WHERE observations.value <> excluded.value OR observations.source <> excluded.source
                  OR observations.link <> excluded.link OR observations.quote <> excluded.quote
                  OR observations.qualifier <> excluded.qualifier
                """)
            if sqlite {
                try await db.raw(query).run()
                // The rows the statement inserted or updated (an upsert whose WHERE fails changes none).
                let count = try await db.raw("SELECT changes() AS n").first()?.decode(column: "n", as: Int.self) ?? 0
                changed += count
            } else {
                query.appendLiteral(" RETURNING 1) SELECT count(*) AS n FROM changed")
                changed += try await db.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
            }
            start += size
        }
        return changed
    }

    /// Moves the data version on by one and returns it. One statement, so concurrent writers each
    /// move the version on (the row lock orders them).
    static func bumpDataVersion(_ db: any SQLDatabase) async throws -> Int {
        try await db.raw(
            "UPDATE plan_meta SET value = CAST(CAST(value AS BIGINT) + 1 AS TEXT) WHERE name = 'data_version'"
        ).run()
        return try await dataVersion(db)
    }
}
