import Foundation
import Logging
import NIOSSL
import PostgresKit
import PostgresNIO
import SQLKit

/// A PostgreSQL server, through PostgresNIO's connection pool. The pool runs as long as `run()`
/// does; the server runs it as a service beside the HTTP server.
public final class PostgresProvider: DatabaseProvider {
    public let client: PostgresClient
    public let dialectName = "postgresql"
    private let logger: Logger
    private let metrics: PoolMetrics

    /// A provider for `postgres://user:password@host:port/database`.
    public init(url: String, logger: Logger = Logger(label: "plantrack.postgres")) throws {
        guard let components = URLComponents(string: url), let host = components.host,
            ["postgres", "postgresql"].contains(components.scheme ?? "")
        else { throw StoreError("not a PostgreSQL URL: \(url)") }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: database.isEmpty ? nil : database,
            tls: try Self.tls(components.queryItems ?? []))
        configuration.options.maximumConnections = Self.maximumConnections
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
        metrics = PoolMetrics(dialect: "postgresql", size: Self.maximumConnections)
    }

    static let maximumConnections = 8

    /// The URL's `sslmode` (as libpq's; `disable` when absent): `disable`; `allow` or `prefer`
    /// (TLS when the server offers it, unverified); `require` and `verify-ca` (TLS, the server's
    /// certificate verified against the system's trust store, or `sslrootcert`'s file); `verify-full`
    /// (and its name checked against the host). Anything else is refused.
    static func tls(_ query: [URLQueryItem]) throws -> PostgresClient.Configuration.TLS {
        let mode = query.last { $0.name == "sslmode" }?.value ?? "disable"
        var verified = TLSConfiguration.makeClientConfiguration()
        if let root = query.last(where: { $0.name == "sslrootcert" })?.value, !root.isEmpty {
            guard FileManager.default.isReadableFile(atPath: root) else { throw StoreError("sslrootcert: cannot read \(root)") }
            verified.trustRoots = .file(root)
        }
        switch mode {
        case "disable": return .disable
        case "allow", "prefer":
            var unverified = TLSConfiguration.makeClientConfiguration()
            unverified.certificateVerification = .none
            return .prefer(unverified)
        case "require", "verify-ca":
            verified.certificateVerification = .noHostnameVerification
            return .require(verified)
        case "verify-full":
            verified.certificateVerification = .fullVerification
            return .require(verified)
        default:
            throw StoreError("sslmode=\(mode) is not supported: use disable, allow, prefer, require, verify-ca or verify-full")
        }
    }

    /// Runs the connection pool until cancelled.
    public func run() async {
        await client.run()
    }

    public func withDatabase<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let asked = ContinuousClock.now
        return try await client.withConnection { connection in
            self.metrics.started(after: asked)
            defer { self.metrics.ended() }
            return try await body(connection.sql(queryLogLevel: nil))
        }
    }

    public func transaction<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let asked = ContinuousClock.now
        return try await client.withConnection { connection in
            self.metrics.started(after: asked)
            defer { self.metrics.ended() }
            return try await self.runTransaction(on: connection.sql(queryLogLevel: nil), body)
        }
    }

    public func consistentRead<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let asked = ContinuousClock.now
        return try await client.withConnection { connection in
            self.metrics.started(after: asked)
            defer { self.metrics.ended() }
            return try await self.runTransaction(
                on: connection.sql(queryLogLevel: nil), begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
        }
    }

    public func exclusively<R: Sendable>(_ key: Int64, _ body: @Sendable () async throws -> R) async throws -> R {
        try await client.withConnection { connection in
            let db = connection.sql(queryLogLevel: nil)
            // Polled rather than waited for in the server, so that a stop (SIGTERM) while another
            // process holds the lock ends the wait.
            var said = false
            while try await db.raw("SELECT pg_try_advisory_lock(\(bind: key)) AS taken").first()?.decode(column: "taken", as: Bool.self) != true {
                if !said {
                    self.logger.info("waiting for another process to finish setting up the database")
                    said = true
                }
                try await Task.sleep(for: .milliseconds(200))
            }
            let result: Result<R, any Error>
            do { result = .success(try await body()) } catch { result = .failure(error) }
            do {
                try await db.raw("SELECT pg_advisory_unlock(\(bind: key))").run()
            } catch {
                // A session lock outlives the unit of work: a connection that could not give it
                // back is closed rather than returned to the pool holding it.
                try? await connection.close()
            }
            return try result.get()
        }
    }

    public func shutdown() async throws {}
}
