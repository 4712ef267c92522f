import Foundation

/// How the server runs: one typed value from defaults, then the environment, then command-line
/// flags (applied by the CLI).
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// `postgres://…` for PostgreSQL; `nil` for the embedded SQLite file in `dataDirectory`.
    public var databaseURL: String?
    /// Where the SQLite file lives (created if missing).
    public var dataDirectory: String

    public init(host: String = "127.0.0.1", port: Int = 8080, databaseURL: String? = nil, dataDirectory: String = ".") {
        self.host = host
        self.port = port
        self.databaseURL = databaseURL
        self.dataDirectory = dataDirectory
    }

    /// Defaults overridden by `PLANTRACK_HOST`, `PLANTRACK_PORT`, `DATABASE_URL` and `PLANTRACK_DATA_DIR`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> WebConfiguration {
        var c = WebConfiguration()
        if let host = environment["PLANTRACK_HOST"], !host.isEmpty { c.host = host }
        if let port = environment["PLANTRACK_PORT"].flatMap(Int.init) { c.port = port }
        if let url = environment["DATABASE_URL"], !url.isEmpty { c.databaseURL = url }
        if let dir = environment["PLANTRACK_DATA_DIR"], !dir.isEmpty { c.dataDirectory = dir }
        return c
    }

    /// The SQLite file used when no database URL is set.
    public var sqlitePath: String {
        URL(fileURLWithPath: dataDirectory, isDirectory: true).appendingPathComponent("plantrack.sqlite").path
    }
}
