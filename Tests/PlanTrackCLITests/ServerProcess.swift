import Foundation
import PlanStore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A `plantrack serve` process on a free port, over SQLite in a folder or a PostgreSQL database.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    let log: URL
    let storeArguments: [String]

    /// Where a test's server keeps its data: a SQLite folder, or a fresh PostgreSQL database.
    enum Database {
        case sqlite(URL)
        case postgres(String)

        var arguments: [String] {
            switch self {
            case .sqlite(let dir): ["--data-dir", dir.path]
            case .postgres(let url): ["--database", url]
            }
        }
    }

    /// The databases to run against: SQLite always, PostgreSQL when `POSTGRES_URL` is set.
    static var kinds: [String] { (ProcessInfo.processInfo.environment["POSTGRES_URL"] ?? "").isEmpty ? ["sqlite"] : ["sqlite", "postgres"] }

    /// A fresh database of a kind: a temporary folder, or a new PostgreSQL database on the
    /// `POSTGRES_URL` server (the store tests use that one's tables).
    static func database(_ kind: String, name: String) async throws -> Database {
        if kind == "sqlite" { return .sqlite(try CommandRunner.temporaryDirectory(name)) }
        let base = ProcessInfo.processInfo.environment["POSTGRES_URL"]!
        let database = "plantrack_\(name)_\(UInt32.random(in: 0...UInt32.max))"
        let provider = try PostgresProvider(url: base)
        let pool = Task { await provider.run() }
        defer { pool.cancel() }
        try await provider.withDatabase { db in try await db.raw("CREATE DATABASE \(unsafeRaw: database)").run() }
        var components = URLComponents(string: base)!
        components.path = "/" + database
        return .postgres(components.string!)
    }

    init(database: Database, name: String, environment: [String: String] = [:]) throws {
        port = try Self.freePort()
        storeArguments = database.arguments
        log = FileManager.default.temporaryDirectory.appendingPathComponent("plantrack-\(name)-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = CommandRunner.executable
        process.arguments = ["serve", "--port", String(port)] + storeArguments
        process.environment = CommandRunner.environment.merging(environment) { _, new in new }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
    }

    var base: String { "http://127.0.0.1:\(port)" }

    /// Starts the server and waits until it answers `/readyz`.
    func start() async throws {
        try process.run()
        for _ in 0..<240 {
            if (try? await HTTP.request("GET", "\(base)/readyz"))?.status == 200 { return }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw HTTP.Failure("the server did not start: \(logText())")
    }

    /// SIGKILL: no shutdown, no cleanup.
    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// A test that fails early still leaves no server behind (one stopped at a fail point would
    /// otherwise wait forever).
    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    func logText() -> String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw HTTP.Failure("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Small HTTP calls over URLSession, many at once over many connections.
enum HTTP {
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 64
        configuration.timeoutIntervalForRequest = 300
        configuration.timeoutIntervalForResource = 600
        return URLSession(configuration: configuration)
    }()

    static func request(_ method: String, _ url: String, token: String? = nil, json: Any? = nil, body: Data? = nil) async throws -> (
        status: Int, data: Data
    ) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        } else if let body {
            request.httpBody = body
            request.setValue("text/csv", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await session.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    static func object(_ data: Data) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    /// Logs in through the API and returns the bearer token.
    static func login(_ base: String, _ username: String, _ password: String) async throws -> String {
        let (status, data) = try await request("POST", "\(base)/api/v1/session", json: ["username": username, "password": password])
        guard status == 201, let token = object(data)["token"] as? String else {
            throw Failure("login \(username): \(status) \(String(decoding: data, as: UTF8.self))")
        }
        return token
    }
}
