import Foundation
import Logging
import PostgresNIO
import SQLKit

/// Backing up a database to one file and restoring it into an empty database: SQLite's own
/// consistent copy (`VACUUM INTO`, taken while the server runs) for the embedded file, PostgreSQL's
/// `pg_dump`/`pg_restore` (custom format) for a server.
public enum DatabaseBackup {
    // MARK: SQLite

    /// Writes a consistent copy of the SQLite database at `path` to `file` (which must not exist).
    public static func backupSQLite(at path: String, to file: String) async throws {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError("no database at \(path)") }
        try refuseExisting(file)
        let partial = try partialFile(for: file)
        let provider = try await SQLiteProvider(path: path)
        do {
            try await provider.withDatabase { db in try await db.raw("VACUUM INTO \(bind: partial)").run() }
            try await provider.shutdown()
            try FileManager.default.moveItem(atPath: partial, toPath: file)
        } catch {
            try? await provider.shutdown()
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }

    /// Restores the SQLite backup `file` as the database at `path`, which must not hold a
    /// database yet: the copy is checked (an SQLite file, intact, a schema this build knows), then
    /// moved into place in one step.
    public static func restoreSQLite(_ file: String, to path: String) async throws {
        guard let head = FileManager.default.contents(atPath: file)?.prefix(16) else { throw StoreError("cannot read \(file)") }
        guard head == Data("SQLite format 3\0".utf8) else {
            throw StoreError(
                head.starts(with: Data("PGDMP".utf8))
                    ? "\(file) is a PostgreSQL backup: restore it with --database postgres://…"
                    : "\(file) is not an SQLite backup made by plantrack backup")
        }
        if FileManager.default.fileExists(atPath: path) {
            let provider = try await SQLiteProvider(path: path)
            let tables = try await provider.withDatabase { db in try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table'").all() }
            try await provider.shutdown()
            guard tables.isEmpty else { throw StoreError("\(path) already holds a database: restore into an empty data folder") }
        }
        let staging = path + ".restoring"
        try? FileManager.default.removeItem(atPath: staging)
        do {
            try FileManager.default.copyItem(atPath: file, toPath: staging)
            try await check(SQLPlanStore(provider: try await SQLiteProvider(path: staging)), integrity: true)
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            try FileManager.default.moveItem(atPath: staging, toPath: path)
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: staging + suffix) }
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: staging + suffix) }
            throw error
        }
    }

    /// A restored database must be whole and of a schema this build knows.
    private static func check(_ store: SQLPlanStore, integrity: Bool) async throws {
        do {
            if integrity {
                let result = try await store.provider.withDatabase { db in
                    try await db.raw("PRAGMA integrity_check").first()?.decode(column: "integrity_check", as: String.self)
                }
                guard result == "ok" else { throw StoreError("the backup is damaged: \(result ?? "no answer")") }
            }
            let version = try await store.schemaVersion()
            guard version > 0 else { throw StoreError("the backup holds no PlanTrack database") }
            if version > Migrations.latest { throw StoreError.newerSchema(database: version, known: Migrations.latest) }
            try await store.shutdown()
        } catch {
            try? await store.shutdown()
            throw error
        }
    }

    // MARK: PostgreSQL

    /// Dumps the PostgreSQL database at `url` to `file` (pg_dump's custom format).
    public static func backupPostgres(url: String, to file: String) throws {
        try refuseExisting(file)
        let (target, password) = try connection(url)
        let partial = try partialFile(for: file)
        do {
            try run(
                tool("pg_dump"), ["--format=custom", "--no-owner", "--no-privileges", "--file=\(partial)", "--dbname=\(target)"], password: password)
            try FileManager.default.moveItem(atPath: partial, toPath: file)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }

    /// Restores the dump `file` into the empty PostgreSQL database at `url`, in one transaction.
    public static func restorePostgres(_ file: String, url: String, logger: Logger = Logger(label: "plantrack.restore")) async throws {
        guard let head = FileManager.default.contents(atPath: file)?.prefix(5) else { throw StoreError("cannot read \(file)") }
        guard head == Data("PGDMP".utf8) else {
            throw StoreError(
                head.starts(with: Data("SQLit".utf8))
                    ? "\(file) is an SQLite backup: restore it without --database (into --data-dir)"
                    : "\(file) is not a PostgreSQL backup made by plantrack backup")
        }
        let provider = try PostgresProvider(url: url, logger: logger)
        let pool = Task { await provider.run() }
        defer { pool.cancel() }
        let tables = try await provider.withDatabase { db in
            try await db.raw("SELECT count(*) AS n FROM pg_tables WHERE schemaname = current_schema()").first()?.decode(column: "n", as: Int.self)
        }
        guard tables == 0 else { throw StoreError("the database already holds tables: restore into an empty database (createdb …)") }
        let (target, password) = try connection(url)
        try run(
            tool("pg_restore"), ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname=\(target)", file],
            password: password)
        do {
            try await check(SQLPlanStore(provider: provider), integrity: false)
        } catch {
            // Refused after pg_restore committed: leave the database empty again.
            try? await provider.withDatabase { db in
                for table in try await db.raw("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").all()
                    .map({ try $0.decode(column: "tablename", as: String.self) })
                {
                    try await db.raw("DROP TABLE IF EXISTS \(unsafeRaw: "\"\(table)\"") CASCADE").run()
                }
                try await db.raw("DROP FUNCTION IF EXISTS audit_log_append_only() CASCADE").run()
            }
            throw error
        }
    }

    /// The URL without its password (passed in `PGPASSWORD`, not on a command line others can read).
    static func connection(_ url: String) throws -> (url: String, password: String?) {
        guard var components = URLComponents(string: url) else { throw StoreError("not a PostgreSQL URL: \(url)") }
        let password = components.password
        components.password = nil
        return (components.string ?? url, password)
    }

    /// A PostgreSQL client tool: on `PATH`, or in the newest `/usr/lib/postgresql/*/bin`.
    static func tool(_ name: String) throws -> String {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .sorted { $0.compare($1, options: .numeric) == .orderedDescending }.map { "/usr/lib/postgresql/\($0)/bin" }
        for dir in path + versions where FileManager.default.isExecutableFile(atPath: dir + "/" + name) { return dir + "/" + name }
        throw StoreError(
            "\(name) was not found: install PostgreSQL's client tools of the server's version (Debian: apt-get install postgresql-client) or put them on PATH"
        )
    }

    private static func run(_ executable: String, _ arguments: [String], password: String?) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        if let password { environment["PGPASSWORD"] = password }
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw StoreError(
                "\(URL(fileURLWithPath: executable).lastPathComponent) failed: \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }

    /// Where a backup is written until it is whole: beside `file`, so that the move is one step
    /// and an interrupted backup never leaves a file that looks whole.
    private static func partialFile(for file: String) throws -> String {
        let partial = file + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        return partial
    }

    private static func refuseExisting(_ file: String) throws {
        guard !FileManager.default.fileExists(atPath: file) else { throw StoreError("\(file) exists: name a new file") }
    }
}
