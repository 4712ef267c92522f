import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Operating the server as processes: backup and restore round trips, slow clients cut off, and
/// two processes on one database sharing what a user left between requests.
@Suite(.serialized) struct OperationsProcessTests {
    static let adminPassword = "operations-admin-password"

    /// What two databases must agree on after a restore: the evaluations, observations, ranking
    /// and composite index the server answers, byte for byte.
    static func answers(_ database: ServerProcess.Database) async throws -> [Data] {
        let server = try ServerProcess(database: database, name: "answers")
        try await server.start()
        defer { server.stop() }
        var result: [Data] = []
        for path in [
            "/api/v1/evaluations?per_page=500", "/api/v1/observations?per_page=500", "/api/v1/ranking", "/api/v1/composite",
            "/api/v1/evaluations?region=370100&per_page=500",
        ] {
            let (status, data) = try await HTTP.request("GET", server.base + path)
            #expect(status == 200, "\(path)")
            result.append(data)
        }
        return result
    }

    static func audit(_ database: ServerProcess.Database) throws -> String {
        let run = try CommandRunner.run(["audit", "--format", "csv", "--limit", "100000"] + database.arguments)
        #expect(run.status == 0, "\(run.errors)")
        return run.output
    }

    @Test(arguments: ServerProcess.kinds)
    func aBackupRestoredIntoAnEmptyDatabaseAnswersTheSameAndKeepsTheAuditLog(kind: String) async throws {
        let source = try await ServerProcess.database(kind, name: "backup_from")
        let target = try await ServerProcess.database(kind, name: "backup_to")
        let work = try CommandRunner.temporaryDirectory("backup")
        #expect(
            try CommandRunner.run(
                ["user", "add", "admin", "--role", "admin", "--password-stdin"] + source.arguments, input: Self.adminPassword + "\n"
            )
            .status == 0)
        let csv = work.appendingPathComponent("revised.csv")
        try Data("indicator_key,region_code,period,value\nrd_intensity,370000,2024,2.87\nrd_intensity,370100,2024,3.1\n".utf8).write(to: csv)
        let load = try CommandRunner.run(["load-data", "--observations", csv.path] + source.arguments)
        #expect(load.status == 0, "\(load.errors)")
        let file = work.appendingPathComponent("plantrack.backup").path
        let backup = try CommandRunner.run(["backup", "--out", file] + source.arguments)
        #expect(backup.status == 0, "\(backup.errors)")
        #expect(try CommandRunner.run(["backup", "--out", file] + source.arguments).errors.contains("exists"), "never overwrites")
        let restore = try CommandRunner.run(["restore", file] + target.arguments)
        #expect(restore.status == 0, "\(restore.errors)")
        let again = try CommandRunner.run(["restore", file] + target.arguments)
        #expect(again.status != 0 && (again.errors.contains("already holds")), "a database in use is never overwritten: \(again.errors)")
        let sourceAudit = try Self.audit(source)
        #expect(sourceAudit.contains("user.create"), "the audit log has the work")
        #expect(try Self.audit(target) == sourceAudit)
        let expected = try await Self.answers(source)
        let restored = try await Self.answers(target)
        #expect(restored == expected)
        #expect(String(decoding: expected[1], as: UTF8.self).contains("2.87"), "the restored data is the revised data")
        // A backup of the other kind is refused with a message that says so.
        let foreign = work.appendingPathComponent("foreign.backup").path
        try Data((kind == "sqlite" ? "PGDMP" : "SQLite format 3\0").utf8).write(to: URL(fileURLWithPath: foreign))
        let empty = try await ServerProcess.database(kind, name: "backup_foreign")
        let wrong = try CommandRunner.run(["restore", foreign] + empty.arguments)
        #expect(wrong.status != 0 && wrong.errors.contains(kind == "sqlite" ? "PostgreSQL backup" : "SQLite backup"), "\(wrong.errors)")
    }

    /// A client that sends its request head one line a second is disconnected after the header
    /// timeout, and a normal request on the same server is answered.
    @Test func aSlowClientIsCutOffAtTheHeaderTimeout() async throws {
        let database = try await ServerProcess.database("sqlite", name: "slow")
        let server = try ServerProcess(
            database: database, name: "slow", environment: ["PLANTRACK_HEADER_TIMEOUT": "1", "PLANTRACK_BODY_TIMEOUT": "1"])
        try await server.start()
        defer { server.stop() }
        for (head, trickle) in [
            ("GET / HTTP/1.1\r\nHost: x\r\n", "X-Slow: 1\r\n"), ("POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n", "{"),
        ] {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = in_port_t(UInt16(server.port).bigEndian)
            let connected = withUnsafePointer(to: &address) { p in
                p.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            #expect(connected == 0)
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let started = Date()
            _ = head.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
            var closed = false
            for _ in 0..<8 {
                try await Task.sleep(for: .milliseconds(500))
                if trickle.withCString({ send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }) < 0 {
                    closed = true
                    break
                }
            }
            var buffer = [UInt8](repeating: 0, count: 64)
            let read = recv(fd, &buffer, 64, 0)
            let elapsed = Date().timeIntervalSince(started)
            #expect(closed || read == 0, "the server closed the connection")
            #expect(elapsed < 6, "within the timeout, not at the client's pace (\(elapsed) s)")
        }
        let (status, _) = try await HTTP.request("GET", server.base + "/readyz")
        #expect(status == 200)
        // A kept-alive connection idle after its answer owes the next head within the timeout too.
        let fd = try Self.openConnection(port: server.port)
        defer { close(fd) }
        _ = "GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n".withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        let asked = Date()
        var buffer = [UInt8](repeating: 0, count: 4096)
        var answer = 0
        var last = 0
        repeat {
            last = recv(fd, &buffer, 4096, 0)
            answer += max(last, 0)
        } while last > 0
        #expect(answer > 0, "answered")
        #expect(last == 0 && Date().timeIntervalSince(asked) < 4, "then closed after about a second idle, not kept open")
    }

    static func openConnection(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw HTTP.Failure("cannot connect to port \(port)") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    /// Two servers on one PostgreSQL database: a session opened through one is known to the
    /// other (the browser checks through nginx cover previews and logins in `.ci/e2e_scaleout.sh`).
    @Test(.enabled(if: ServerProcess.kinds.contains("postgres"), "needs POSTGRES_URL"))
    func twoProcessesOnOneDatabaseShareSessions() async throws {
        let database = try await ServerProcess.database("postgres", name: "two")
        #expect(
            try CommandRunner.run(
                ["user", "add", "admin", "--role", "admin", "--password-stdin"] + database.arguments, input: Self.adminPassword + "\n"
            )
            .status == 0)
        let a = try ServerProcess(database: database, name: "two-a")
        let b = try ServerProcess(database: database, name: "two-b")
        try await a.start()
        try await b.start()
        defer {
            a.stop()
            b.stop()
        }
        let (status, data) = try await HTTP.request("POST", a.base + "/api/v1/session", json: ["username": "admin", "password": Self.adminPassword])
        #expect(status == 201)
        let token = try #require(HTTP.object(data)["token"] as? String)
        let (me, _) = try await HTTP.request("GET", b.base + "/api/v1/me", token: token)
        #expect(me == 200, "a session opened on one process is known to the other")
        let (_, first) = try await HTTP.request("GET", a.base + "/metrics")
        #expect(String(decoding: first, as: UTF8.self).contains("plantrack_db_connections_max{database=\"postgresql\"} 8"))
    }
}
