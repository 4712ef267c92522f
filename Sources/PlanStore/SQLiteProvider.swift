import Foundation
import Logging
import NIOCore
import SQLKit
import SQLiteKit

/// An SQLite database file (the embedded default). One connection, with every unit of work
/// serialised by a lock held across its awaits (an actor alone would let work interleave at each
/// `await`): SQLite has a single writer, and a transaction must not interleave with other
/// statements on the same connection. Writers wait up to five seconds for another process's lock.
public actor SQLiteProvider: DatabaseProvider {
    private let connection: SQLiteConnection
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    public nonisolated let dialectName = "sqlite"
    private let metrics = PoolMetrics(dialect: "sqlite", size: 1)

    /// Opens (creating if missing) the database at `path`, or an in-memory one for `nil`.
    public init(path: String?, logger: Logger = Logger(label: "plantrack.sqlite")) async throws {
        connection = try await SQLiteConnection.open(storage: path.map { .file(path: $0) } ?? .memory, logger: logger).get()
        let db = connection.sql()
        try await db.raw("PRAGMA foreign_keys = ON").run()
        try await db.raw("PRAGMA busy_timeout = 5000").run()
        if path != nil {
            try await db.raw("PRAGMA journal_mode = WAL").run()
            try await db.raw("PRAGMA synchronous = NORMAL").run()
        }
    }

    public func withDatabase<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let asked = ContinuousClock.now
        await acquire()
        metrics.started(after: asked)
        defer {
            metrics.ended()
            release()
        }
        return try await body(connection.sql())
    }

    public func consistentRead<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        // A read transaction: another process writing the same file cannot land between two reads.
        let asked = ContinuousClock.now
        await acquire()
        metrics.started(after: asked)
        defer {
            metrics.ended()
            release()
        }
        return try await runTransaction(on: connection.sql(), begin: "BEGIN DEFERRED", body)
    }

    public func transaction<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let asked = ContinuousClock.now
        await acquire()
        metrics.started(after: asked)
        defer {
            metrics.ended()
            release()
        }
        return try await runTransaction(on: connection.sql(), begin: "BEGIN IMMEDIATE", body)
    }

    public nonisolated func exclusively<R: Sendable>(_ key: Int64, _ body: @Sendable () async throws -> R) async throws -> R {
        try await body()
    }

    private func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }

    public func shutdown() async throws {
        try await connection.close().get()
    }
}
