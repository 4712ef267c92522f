import Foundation
import Logging
import SQLKit

/// Hands out an `SQLDatabase` for a unit of work, and runs transactions.
public protocol DatabaseProvider: Sendable {
    /// `sqlite` or `postgresql`.
    var dialectName: String { get }
    /// Runs `body` with a database session.
    func withDatabase<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R
    /// Runs `body` inside one transaction: committed when it returns, rolled back when it throws.
    func transaction<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R
    /// Runs `body` on one consistent view of the database: every statement sees the same
    /// committed state (SQLite: one serialised unit of work; PostgreSQL: a repeatable-read,
    /// read-only transaction).
    func consistentRead<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R
    /// Runs `body` while holding the database-wide lock `key`, so that several processes on one
    /// database do it one at a time (PostgreSQL: an advisory lock on a connection of its own,
    /// released when `body` ends or the process dies; SQLite, whose file one process serves:
    /// `body` as is).
    func exclusively<R: Sendable>(_ key: Int64, _ body: @Sendable () async throws -> R) async throws -> R
    /// Closes connections.
    func shutdown() async throws
}

extension DatabaseProvider {
    /// `BEGIN` … `COMMIT`, or `ROLLBACK` on any error, on one session.
    func runTransaction<R: Sendable>(
        on db: any SQLDatabase, begin: String = "BEGIN", _ body: @Sendable (any SQLDatabase) async throws -> R
    ) async throws -> R {
        try await db.raw(SQLQueryString(begin)).run()
        do {
            let result = try await body(db)
            try await db.raw("COMMIT").run()
            return result
        } catch {
            try? await db.raw("ROLLBACK").run()
            throw error
        }
    }
}
