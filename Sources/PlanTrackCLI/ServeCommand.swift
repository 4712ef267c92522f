import ArgumentParser
import Foundation
import Logging
import PlanServices
import PlanWeb

/// `plantrack serve`: the web server (pages and JSON API) on SQLite by default or PostgreSQL.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the PlanTrack server: dashboard pages and the JSON API.",
        discussion: """
            With nothing set, an SQLite database file (plantrack.sqlite in --data-dir) is created, migrated and \
            loaded with the bundled plan and published data on first start. --database postgres://… (or \
            DATABASE_URL) runs the same application on PostgreSQL. A configuration file (--config, or \
            PLANTRACK_CONFIG) sets the defaults, PLANTRACK_* variables override it and flags override both; \
            docs/operations.md lists every setting.
            """)

    @Option(help: "The port to listen on (default 8080).")
    var port: Int?

    @Option(help: "The address to listen on (default 127.0.0.1).")
    var host: String?

    @Option(help: ArgumentHelp("A PostgreSQL URL (postgres://user:password@host:port/database).", valueName: "url"))
    var database: String?

    @Option(
        name: .customLong("data-dir"), help: ArgumentHelp("Where the SQLite database file lives (default: the working directory).", valueName: "dir"))
    var dataDirectory: String?

    @Option(help: ArgumentHelp("A configuration file (key = value lines; docs/plantrack.example.toml).", valueName: "file"))
    var config: String?

    func validate() throws {
        if let port, !(1...65535).contains(port) { throw ValidationError("--port must be 1–65535.") }
        if let database, !(database.hasPrefix("postgres://") || database.hasPrefix("postgresql://")) {
            throw ValidationError("--database takes a postgres:// URL.")
        }
    }

    func run() async throws {
        var configuration = try CommandLineConfiguration.fromEnvironment(file: config)
        let defaultPublicURL = "http://\(configuration.host):\(configuration.port)"
        if let port { configuration.port = port }
        if let host { configuration.host = host }
        if let database { configuration.databaseURL = database }
        if let dataDirectory { configuration.dataDirectory = dataDirectory }
        // The links in alert messages follow --host and --port unless the address was set.
        if configuration.delivery.publicURL == defaultPublicURL {
            configuration.delivery.publicURL = "http://\(configuration.host):\(configuration.port)"
        }
        ServerLogging.bootstrap(format: configuration.logFormat, level: Logger.Level(rawValue: configuration.logLevel) ?? .info)
        let logger = Logger(label: "plantrack")
        let storage = configuration.databaseURL == nil ? "SQLite \(configuration.sqlitePath)" : "PostgreSQL"
        FileHandle.standardOutput.write(Data("PlanTrack on \(storage): http://\(configuration.host):\(configuration.port)/\n".utf8))
        try await serve(configuration: configuration, passwords: BcryptPasswords(), logger: logger)
    }
}
