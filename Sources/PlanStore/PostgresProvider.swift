import Foundation
import Logging
import PostgresKit
import PostgresNIO
import SQLKit

/// A PostgreSQL server, through PostgresNIO's connection pool. The pool runs as long as `run()`
/// does; the server runs it as a service beside the HTTP server.
public final class PostgresProvider: DatabaseProvider {
    public let client: PostgresClient
    public let dialectName = "postgresql"
    private let logger: Logger

    /// A provider for `postgres://user:password@host:port/database`.
    public init(url: String, logger: Logger = Logger(label: "plantrack.postgres")) throws {
        guard let components = URLComponents(string: url), let host = components.host,
            ["postgres", "postgresql"].contains(components.scheme ?? "")
        else { throw StoreError("not a PostgreSQL URL: \(url)") }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: database.isEmpty ? nil : database, tls: .disable)
        configuration.options.maximumConnections = 8
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
    }

    /// Runs the connection pool until cancelled.
    public func run() async {
        await client.run()
    }

    public func withDatabase<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await client.withConnection { connection in
            try await body(connection.sql(queryLogLevel: nil))
        }
    }

    public func transaction<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await client.withConnection { connection in
            try await self.runTransaction(on: connection.sql(queryLogLevel: nil), body)
        }
    }

    public func consistentRead<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await client.withConnection { connection in
            try await self.runTransaction(on: connection.sql(queryLogLevel: nil), begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
        }
    }

    public func shutdown() async throws {}
}
