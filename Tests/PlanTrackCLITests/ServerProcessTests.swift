import Foundation
import PlanCore
import PlanStore
import SQLKit
import Testing

/// The server as a process: a `kill -9` in the middle of a large import, and 153 units
/// submitting at once over many connections. Against SQLite always and PostgreSQL when
/// `POSTGRES_URL` is set; one at a time, so they do not compete for the two cores.
@Suite(.serialized) struct ServerProcessTests {
    static let adminPassword = "server-admin-password"

    /// Opens the server's database directly (after the server is gone) and runs `body`.
    static func withStore<R: Sendable>(_ database: ServerProcess.Database, _ body: @Sendable (SQLPlanStore) async throws -> R) async throws -> R {
        switch database {
        case .sqlite(let dir):
            let store = SQLPlanStore(provider: try await SQLiteProvider(path: dir.appendingPathComponent("plantrack.sqlite").path))
            do {
                let result = try await body(store)
                try await store.shutdown()
                return result
            } catch {
                try? await store.shutdown()
                throw error
            }
        case .postgres(let url):
            let provider = try PostgresProvider(url: url)
            let pool = Task { await provider.run() }
            defer { pool.cancel() }
            return try await body(SQLPlanStore(provider: provider))
        }
    }

    static func count(_ store: SQLPlanStore, _ sql: String) async throws -> Int {
        try await store.provider.withDatabase { db in try await db.raw(SQLQueryString(sql)).first()?.decode(column: "n", as: Int.self) ?? -1 }
    }

    /// What an import leaves behind for the province: values, revisions, value audit entries and
    /// import audit entries.
    static func footprint(_ database: ServerProcess.Database) async throws -> [Int] {
        try await withStore(database) { store in
            [
                try await count(store, "SELECT COUNT(*) AS n FROM report_values WHERE unit_code = '370000'"),
                try await count(store, "SELECT COUNT(*) AS n FROM value_revisions WHERE unit_code = '370000'"),
                try await count(store, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'value.change' AND unit_code = '370000'"),
                try await count(store, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'import' AND unit_code = '370000'"),
            ]
        }
    }

    /// A province calendar of 64 monthly indicators since 2000 and a file with a value for each:
    /// about 20,600 rows.
    static func largeImport(_ base: String, token: String) async throws -> (csv: Data, rows: Int) {
        let (_, data) = try await HTTP.request("GET", "\(base)/api/v1/indicators?per_page=500")
        let keys = (HTTP.object(data)["items"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }.prefix(64)
        #expect(keys.count == 64)
        let entries = keys.map {
            ["indicator_key": $0, "frequency": "monthly", "first_year": 2000, "due_days": 15, "lock_days": 20000] as [String: Any]
        }
        let (status, body) = try await HTTP.request("PUT", "\(base)/api/v1/units/370000/calendar", token: token, json: ["entries": entries])
        #expect(status == 200, "\(String(decoding: body, as: UTF8.self))")
        var csv = "indicator_key,period,value,comment\n"
        var rows = 0
        for (i, key) in keys.enumerated() {
            for year in 2000...2026 {
                for month in 1...12 where !(year == 2026 && month > 10) {
                    csv += "\(key),\(year)-\(month < 10 ? "0" : "")\(month),\(40 + (i + month) % 9),月报\n"
                    rows += 1
                }
            }
        }
        return (Data(csv.utf8), rows)
    }

    @Test(arguments: ServerProcess.kinds)
    func killNineDuringALargeImportLeavesAllOrNothing(kind: String) async throws {
        let database = try await ServerProcess.database(kind, name: "crash")
        #expect(
            try CommandRunner.run(
                ["user", "add", "admin", "--role", "admin", "--password-stdin"] + database.arguments, input: Self.adminPassword + "\n"
            ).status == 0)
        // The server stops inside the import's transaction once the first batch is written (a
        // fail point honoured only under this variable), so the kill lands mid-write however busy
        // the machine is.
        var server = try ServerProcess(database: database, name: "crash", environment: ["PLANTRACK_TEST_FAIL_POINT": "import.after-first-batch"])
        try await server.start()
        let token = try await HTTP.login(server.base, "admin", Self.adminPassword)
        let (csv, rows) = try await Self.largeImport(server.base, token: token)
        #expect(rows == 64 * 322)

        // Send the import, and kill the server once it reports the fail point reached.
        let url = "\(server.base)/api/v1/units/370000/imports?filename=large.csv"
        let upload = Task { try await HTTP.request("POST", url, token: token, body: csv) }
        var killedAt: String?
        for _ in 0..<6000 {
            if server.logText().contains("fail point import.after-first-batch reached") {
                let written = server.logText().split(separator: "\n").last(where: { $0.contains("values written") })
                server.kill9()
                killedAt = written.map(String.init) ?? "after the first batch"
                break
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(killedAt != nil, "the server was killed in the middle of writing: \(server.logText().suffix(400))")
        let answered = await upload.result
        #expect((try? answered.get())?.status != 200, "the killed import never answered 200")
        print("kill -9 [\(kind)] during: \(killedAt ?? "-")")

        // Nothing of the import is there, and the database is sound.
        #expect(try await Self.footprint(database) == [0, 0, 0, 0])
        if case .sqlite = database {
            let check = try await Self.withStore(database) { store in
                try await store.provider.withDatabase { db in
                    try await db.raw("PRAGMA integrity_check").first()?.decode(column: "integrity_check", as: String.self)
                }
            }
            #expect(check == "ok")
        }

        // A new server on the same database takes the same import whole, then again changes nothing.
        server = try ServerProcess(database: database, name: "crash-restart")
        try await server.start()
        let token2 = try await HTTP.login(server.base, "admin", Self.adminPassword)
        let started = Date()
        let url2 = "\(server.base)/api/v1/units/370000/imports?filename=large.csv"
        let (status, data) = try await HTTP.request("POST", url2, token: token2, body: csv)
        let seconds = Date().timeIntervalSince(started)
        #expect(status == 200 && HTTP.object(data)["new"] as? Int == rows, "\(String(decoding: data.prefix(300), as: UTF8.self))")
        let (again, second) = try await HTTP.request("POST", url2, token: token2, body: csv)
        #expect(again == 200 && HTTP.object(second)["unchanged"] as? Int == rows)
        server.stop()
        #expect(try await Self.footprint(database) == [rows, rows, rows, 2])
        print("import [\(kind)]: \(rows) rows in \(String(format: "%.2f", seconds)) s")
    }

    @Test(arguments: ServerProcess.kinds)
    func everyRegionSubmittingAtOnceLosesNothing(kind: String) async throws {
        let database = try await ServerProcess.database(kind, name: "concurrent")
        #expect(
            try CommandRunner.run(
                ["user", "add", "admin", "--role", "admin", "--password-stdin"] + database.arguments, input: Self.adminPassword + "\n"
            ).status == 0)
        let server = try ServerProcess(database: database, name: "concurrent")
        try await server.start()
        defer { server.stop() }
        let base = server.base
        let admin = try await HTTP.login(base, "admin", Self.adminPassword)
        let (_, unitData) = try await HTTP.request("GET", "\(base)/api/v1/units")
        let regions = ((try? JSONSerialization.jsonObject(with: unitData)) as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "region" }
            .compactMap { $0["code"] as? String }
        #expect(regions.count == 153)

        // One reporter per region, created and logged in at once.
        let tokens = try await withThrowingTaskGroup(of: (String, String).self) { group in
            for region in regions {
                group.addTask {
                    let (status, body) = try await HTTP.request(
                        "POST", "\(base)/api/v1/users", token: admin,
                        json: ["username": "rep-\(region)", "unit_code": region, "role": "reporter", "password": "reporter-password-\(region)"])
                    guard status == 201 else { throw HTTP.Failure("create rep-\(region): \(status) \(String(decoding: body, as: UTF8.self))") }
                    return (region, try await HTTP.login(base, "rep-\(region)", "reporter-password-\(region)"))
                }
            }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        let keys: [String: [String]] = try await withThrowingTaskGroup(of: (String, [String]).self) { group in
            for region in regions {
                group.addTask {
                    let (_, data) = try await HTTP.request("GET", "\(base)/api/v1/units/\(region)/calendar", token: tokens[region])
                    let periods = (try? JSONSerialization.jsonObject(with: data)) as? [[String: Any]] ?? []
                    return (region, periods.first { $0["period"] as? String == "2025" }?["indicators"] as? [String] ?? [])
                }
            }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        let expected = keys.values.map(\.count).reduce(0, +)
        #expect(expected == 4 + 152 * 6)
        let value: @Sendable (String, Int) -> Double = { region, i in Double(Int(region)! % 1000) / 20 + Double(i) }

        // All 153 save and submit at once; then the administrator approves all at once.
        let started = Date()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for region in regions {
                group.addTask {
                    let values = keys[region]!.enumerated().map { i, key in
                        ["indicator_key": key, "value": value(region, i), "explanation": "并发测试"] as [String: Any]
                    }
                    let (status, body) = try await HTTP.request(
                        "POST", "\(base)/api/v1/units/\(region)/periods/2025/observations", token: tokens[region], json: ["values": values])
                    guard status == 200 else { throw HTTP.Failure("save \(region): \(status) \(String(decoding: body, as: UTF8.self))") }
                    let (submitted, reply) = try await HTTP.request(
                        "POST", "\(base)/api/v1/units/\(region)/periods/2025/submit", token: tokens[region])
                    guard submitted == 200 else { throw HTTP.Failure("submit \(region): \(submitted) \(String(decoding: reply, as: UTF8.self))") }
                }
            }
            try await group.waitForAll()
        }
        let submitSeconds = Date().timeIntervalSince(started)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for region in regions {
                group.addTask {
                    let (status, body) = try await HTTP.request("POST", "\(base)/api/v1/units/\(region)/periods/2025/approve", token: admin)
                    guard status == 200 else { throw HTTP.Failure("approve \(region): \(status) \(String(decoding: body, as: UTF8.self))") }
                }
            }
            try await group.waitForAll()
        }
        let totalSeconds = Date().timeIntervalSince(started)
        print(
            "153 units [\(kind)]: \(expected) values saved and submitted in \(String(format: "%.2f", submitSeconds)) s, approved by \(String(format: "%.2f", totalSeconds)) s"
        )
        server.stop()

        // Every value and revision exactly once, every step audited once, every approval published.
        try await Self.withStore(database) { store in
            #expect(try await Self.count(store, "SELECT COUNT(*) AS n FROM report_values WHERE period = '2025'") == expected)
            #expect(
                try await Self.count(
                    store, "SELECT COUNT(*) AS n FROM report_values WHERE period = '2025' AND revision = 1 AND approved_value = value") == expected)
            #expect(try await Self.count(store, "SELECT COUNT(*) AS n FROM value_revisions WHERE period = '2025'") == expected)
            #expect(try await Self.count(store, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'value.change'") == expected)
            #expect(try await Self.count(store, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'submission.submit'") == 153)
            #expect(try await Self.count(store, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'submission.approve'") == 153)
            #expect(try await Self.count(store, "SELECT COUNT(*) AS n FROM submissions WHERE status = 'approved'") == 153)
            #expect(
                try await Self.count(store, "SELECT COUNT(*) AS n FROM observations WHERE qualifier = 'reported' AND period = '2025'") == expected,
                "every approved value is published once (a bundled value of the same region and period is replaced)")
            for region in regions {
                let stored = try await store.reportValues(unit: region, period: Period(year: 2025))
                var want: [String: Double] = [:]
                for (i, key) in keys[region]!.enumerated() { want[key] = value(region, i) }
                var got: [String: Double] = [:]
                for v in stored { got[v.indicatorKey] = v.value }
                #expect(got == want, "\(region)")
            }
        }
    }
}
