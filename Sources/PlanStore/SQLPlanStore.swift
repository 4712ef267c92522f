import Foundation
import PlanCore
import SQLKit

/// The plan store over SQLKit: the same queries on SQLite and PostgreSQL.
public struct SQLPlanStore: PlanStore {
    public let provider: any DatabaseProvider
    /// The clock the store stamps its rows with (the services' clock; the machine's by default).
    let now: @Sendable () -> Date

    public init(provider: any DatabaseProvider, now: @escaping @Sendable () -> Date = { Date() }) {
        self.provider = provider
        self.now = now
    }

    /// The current time as stored (``Timestamp``).
    func timestamp() -> String { Timestamp.string(now()) }

    public func migrate() async throws {
        try await Migrations.run(on: provider, at: timestamp())
    }

    /// The newest migration the database has run (0 for an empty one).
    public func schemaVersion() async throws -> Int {
        try await provider.withDatabase { db in
            let exists: Bool
            if provider.dialectName == "postgresql" {
                exists =
                    try await db.raw("SELECT to_regclass('schema_migrations') IS NOT NULL AS found").first()?.decode(column: "found", as: Bool.self)
                    ?? false
            } else {
                exists = try await db.raw("SELECT name FROM sqlite_master WHERE name = 'schema_migrations'").first() != nil
            }
            guard exists else { return 0 }
            return try await db.raw("SELECT MAX(version) AS v FROM schema_migrations").first()?.decode(column: "v", as: Int?.self) ?? 0
        }
    }

    public func whileSettingUp<R: Sendable>(_ body: @Sendable () async throws -> R) async throws -> R {
        try await provider.exclusively(Migrations.setupLock, body)
    }

    public func isSeeded() async throws -> Bool {
        try await provider.withDatabase { db in
            try await db.raw("SELECT value FROM plan_meta WHERE name = 'title'").first() != nil
        }
    }

    public func dataVersion() async throws -> Int {
        try await provider.withDatabase { db in try await Self.dataVersion(db) }
    }

    static func dataVersion(_ db: any SQLDatabase) async throws -> Int {
        guard let row = try await db.raw("SELECT value FROM plan_meta WHERE name = 'data_version'").first() else { return 0 }
        return Int(try row.decode(column: "value", as: String.self)) ?? 0
    }

    public func shutdown() async throws {
        try await provider.shutdown()
    }
}

/// Inserting many rows: statements of at most `rowsPerStatement` rows, bound values only.
enum BatchInsert {
    static let rowsPerStatement = 200
    /// For bulk loads of narrow rows: 1,000 rows of a dozen values stay well under SQLite's
    /// 32,766 and PostgreSQL's 65,535 bound values per statement.
    static let rowsPerLargeStatement = 1_000

    static func insert(
        into table: String, columns: [String], rows: [[any Encodable & Sendable]], on db: any SQLDatabase,
        conflict: String = ""
    ) async throws {
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + rowsPerStatement)]
            var query = SQLQueryString("INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: columns.joined(separator: ", "))) VALUES ")
            appendValues(chunk, to: &query)
            if !conflict.isEmpty { query.appendLiteral(" " + conflict) }
            try await db.raw(query).run()
            start += rowsPerStatement
        }
    }

    /// `(?, ?, …), (?, ?, …)` with every value bound.
    static func appendValues(_ rows: ArraySlice<[any Encodable & Sendable]>, to query: inout SQLQueryString) {
        for (i, row) in rows.enumerated() {
            query.appendLiteral(i == 0 ? "(" : ", (")
            for (j, value) in row.enumerated() {
                if j > 0 { query.appendLiteral(", ") }
                query.appendInterpolation(bind: value)
            }
            query.appendLiteral(")")
        }
    }
}
