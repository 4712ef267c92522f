import Foundation
import PlanCore

/// How PlanTrack runs: one typed value built once at start from defaults, then the configuration
/// file (``ConfigurationFile``, named by `--config` or `PLANTRACK_CONFIG`), then the environment,
/// then command-line flags (applied by the command line). Nothing else reads the environment but
/// the PDF printer, for `PLANTRACK_CHROMIUM`.
///
/// | variable | field | default |
/// |---|---|---|
/// | `PLANTRACK_HOST` | ``host`` | `127.0.0.1` |
/// | `PLANTRACK_PORT` | ``port`` | `8080` |
/// | `DATABASE_URL` | ``databaseURL`` | none: SQLite |
/// | `PLANTRACK_DATA_DIR` | ``dataDirectory`` | `.` |
/// | `PLANTRACK_BCRYPT_COST` | ``bcryptCost`` | `11` (4–16) |
/// | `PLANTRACK_TRUSTED_PROXY` | ``trustedProxy`` | off (`1`/`true`/`yes`/`on` turn it on) |
/// | `PLANTRACK_SECURE_COOKIES` | ``secureCookies`` | off (as above) |
/// | `PLANTRACK_TODAY` | ``today`` | none: today in China Standard Time |
/// | `PLANTRACK_ALERT_DAYS` | ``alerts`` | `14,7,14`: due soon within, escalate to the reviewer after, to the office after (days) |
/// | `PLANTRACK_PROGRESS_DUE_DAY` | ``alerts``.progressDueDay | `5`: a month's task reports are due on this day of the next month (1–28) |
/// | `LOG_LEVEL` | ``logLevel`` | `info` |
/// | `PLANTRACK_LOG_FORMAT` | ``logFormat`` | `json`: one JSON object per line (`text` for people) |
/// | `PLANTRACK_HEADER_TIMEOUT` | ``headerTimeout`` | `30`: seconds a client has to send a request's head |
/// | `PLANTRACK_BODY_TIMEOUT` | ``bodyTimeout`` | `300`: seconds a client has to send a request's body |
/// | `PLANTRACK_PUBLIC_URL` | ``delivery``.publicURL | `http://HOST:PORT`: the address in alert messages' links |
/// | `PLANTRACK_SMTP` | ``delivery``.smtp | none: `host:port` of a plain SMTP relay for alert e-mail |
/// | `PLANTRACK_SMTP_FROM` | ``delivery``.smtpFrom | `plantrack@localhost` |
/// | `PLANTRACK_DELIVERY_SECONDS` | ``delivery``.intervalSeconds | `300`: how often the server sends alerts on (0: only on demand) |
/// | `PLANTRACK_TEST_FAIL_POINT` | ``failPoint`` | none (tests only) |
public struct PlanConfiguration: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// `postgres://…` for PostgreSQL; `nil` for the embedded SQLite file in `dataDirectory`.
    public var databaseURL: String?
    /// Where the SQLite file lives (created if missing).
    public var dataDirectory: String
    /// The bcrypt cost of password hashes (4–16): about 0.1 s per check at 11 on one core here.
    public var bcryptCost: UInt8
    /// The server runs behind one reverse proxy that sets `X-Forwarded-For` and
    /// `X-Forwarded-Proto`: the client's address and scheme are taken from them.
    public var trustedProxy: Bool
    /// Session cookies are always marked `Secure` (they are anyway on requests that came over HTTPS).
    public var secureCookies: Bool
    /// A fixed day for the reporting calendar (demonstrations and tests); `nil` for the real date.
    public var today: Day?
    /// `trace`, `debug`, `info`, `notice`, `warning`, `error` or `critical`.
    public var logLevel: String
    /// `json` (one object per line, for collectors) or `text`.
    public var logFormat: String = "json"
    /// Seconds from a connection's opening (or its previous request's end) to the end of the
    /// next request's head; a client that takes longer is disconnected.
    public var headerTimeout: Int = 30
    /// Seconds from a request's head to the end of its body.
    public var bodyTimeout: Int = 300
    /// A named point at which the server stops on purpose, for crash tests. Honoured only when it
    /// comes from `PLANTRACK_TEST_FAIL_POINT`; see ``FailPoint``.
    public var failPoint: FailPoint?
    /// When alerts turn yellow and how fast unanswered ones escalate.
    public var alerts: AlertSettings = AlertSettings()
    /// How alerts are sent beyond the inbox.
    public var delivery: DeliverySettings = DeliverySettings()

    public init(
        host: String = "127.0.0.1", port: Int = 8080, databaseURL: String? = nil, dataDirectory: String = ".",
        bcryptCost: UInt8 = 11, trustedProxy: Bool = false, secureCookies: Bool = false, today: Day? = nil,
        logLevel: String = "info", failPoint: FailPoint? = nil
    ) {
        self.host = host
        self.port = port
        self.databaseURL = databaseURL
        self.dataDirectory = dataDirectory
        self.bcryptCost = bcryptCost
        self.trustedProxy = trustedProxy
        self.secureCookies = secureCookies
        self.today = today
        self.logLevel = logLevel
        self.failPoint = failPoint
    }

    /// The variables PlanTrack reads, for documentation and `--help`.
    public static let variables = [
        "PLANTRACK_HOST", "PLANTRACK_PORT", "DATABASE_URL", "PLANTRACK_DATA_DIR", "PLANTRACK_BCRYPT_COST",
        "PLANTRACK_TRUSTED_PROXY", "PLANTRACK_SECURE_COOKIES", "PLANTRACK_TODAY", "LOG_LEVEL", "PLANTRACK_TEST_FAIL_POINT",
        "PLANTRACK_ALERT_DAYS", "PLANTRACK_PROGRESS_DUE_DAY", "PLANTRACK_PUBLIC_URL", "PLANTRACK_SMTP", "PLANTRACK_SMTP_FROM",
        "PLANTRACK_DELIVERY_SECONDS", "PLANTRACK_LOG_FORMAT", "PLANTRACK_HEADER_TIMEOUT", "PLANTRACK_BODY_TIMEOUT", "PLANTRACK_CONFIG",
    ]

    /// The defaults overridden by the configuration file (`file`, or the one `PLANTRACK_CONFIG`
    /// names), then by the environment.
    public static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment, file: String? = nil
    ) throws -> PlanConfiguration {
        let path = file ?? environment["PLANTRACK_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        guard let path else { return try fromEnvironment(environment) }
        let fromFile = try ConfigurationFile.entries(at: path)
        // A variable set but empty leaves the file's value, as an unset one does.
        let set = environment.filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
        do {
            return try fromEnvironment(fromFile.mapValues(\.value).merging(set) { _, variable in variable })
        } catch ServiceError.badParameter(let name, let message) where set[name] == nil && fromFile[name] != nil {
            // The file's value: named by its file, line and key.
            let entry = fromFile[name]!
            throw ServiceError.badParameter(name: "\(path):\(entry.line)", message: "\(entry.key): \(message)")
        }
    }

    /// The defaults overridden by the environment. Malformed values are refused with a message
    /// naming the variable, rather than silently ignored.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PlanConfiguration {
        var c = PlanConfiguration()
        func value(_ name: String) -> String? {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        func refuse(_ name: String, _ expected: String) -> ServiceError {
            .badParameter(name: name, message: "expected \(expected)")
        }
        if let host = value("PLANTRACK_HOST") { c.host = host }
        if let text = value("PLANTRACK_PORT") {
            guard let port = Int(text), (0...65535).contains(port) else { throw refuse("PLANTRACK_PORT", "a port number 0–65535") }
            c.port = port
        }
        if let url = value("DATABASE_URL") { c.databaseURL = url }
        if let dir = value("PLANTRACK_DATA_DIR") { c.dataDirectory = dir }
        if let text = value("PLANTRACK_BCRYPT_COST") {
            guard let cost = UInt8(text), (4...16).contains(cost) else { throw refuse("PLANTRACK_BCRYPT_COST", "a bcrypt cost 4–16") }
            c.bcryptCost = cost
        }
        func flag(_ name: String) throws -> Bool {
            guard let text = value(name)?.lowercased() else { return false }
            if ["1", "true", "yes", "on"].contains(text) { return true }
            if ["0", "false", "no", "off"].contains(text) { return false }
            throw refuse(name, "1 or 0 (true/false, yes/no, on/off)")
        }
        if let text = value("PLANTRACK_ALERT_DAYS") {
            let days = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard days.count == 3, let soon = days[0], let reviewer = days[1], let office = days[2], soon >= 0, reviewer >= 0, office >= reviewer
            else { throw refuse("PLANTRACK_ALERT_DAYS", "three day counts: due soon, to the reviewer, to the office (e.g. 14,7,14)") }
            c.alerts = AlertSettings(dueSoonDays: soon, reviewerAfterDays: reviewer, officeAfterDays: office)
        }
        if let text = value("PLANTRACK_PROGRESS_DUE_DAY") {
            guard let day = Int(text), (1...28).contains(day) else {
                throw refuse("PLANTRACK_PROGRESS_DUE_DAY", "a day of the month from 1 to 28 (e.g. 5)")
            }
            c.alerts.progressDueDay = day
        }
        c.delivery.publicURL = "http://\(c.host):\(c.port)"
        if let url = value("PLANTRACK_PUBLIC_URL") {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
                throw refuse("PLANTRACK_PUBLIC_URL", "the server's address, such as https://plantrack.example")
            }
            c.delivery.publicURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        if let relay = value("PLANTRACK_SMTP") {
            let parts = relay.split(separator: ":")
            guard parts.count == 2, !parts[0].isEmpty, let port = Int(parts[1]), (1...65535).contains(port) else {
                throw refuse("PLANTRACK_SMTP", "host:port of an SMTP relay, such as 127.0.0.1:25")
            }
            c.delivery.smtp = .init(host: String(parts[0]), port: port)
        }
        if let from = value("PLANTRACK_SMTP_FROM") {
            guard DeliveryChannel.email.problem(with: from) == nil else { throw refuse("PLANTRACK_SMTP_FROM", "an e-mail address") }
            c.delivery.smtpFrom = from
        }
        if let text = value("PLANTRACK_DELIVERY_SECONDS") {
            guard let seconds = Int(text), seconds >= 0 else { throw refuse("PLANTRACK_DELIVERY_SECONDS", "a number of seconds (0: only on demand)") }
            c.delivery.intervalSeconds = seconds
        }
        c.trustedProxy = try flag("PLANTRACK_TRUSTED_PROXY")
        c.secureCookies = try flag("PLANTRACK_SECURE_COOKIES")
        if let text = value("PLANTRACK_TODAY") {
            guard let day = Day(text) else { throw refuse("PLANTRACK_TODAY", "a date YYYY-MM-DD") }
            c.today = day
        }
        if let level = value("LOG_LEVEL")?.lowercased() {
            let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
            guard levels.contains(level) else { throw refuse("LOG_LEVEL", levels.joined(separator: ", ")) }
            c.logLevel = level
        }
        if let format = value("PLANTRACK_LOG_FORMAT")?.lowercased() {
            guard ["json", "text"].contains(format) else { throw refuse("PLANTRACK_LOG_FORMAT", "json or text") }
            c.logFormat = format
        }
        for (name, keyPath) in [("PLANTRACK_HEADER_TIMEOUT", \PlanConfiguration.headerTimeout), ("PLANTRACK_BODY_TIMEOUT", \.bodyTimeout)] {
            guard let text = value(name) else { continue }
            guard let seconds = Int(text), (1...3600).contains(seconds) else { throw refuse(name, "a number of seconds, 1–3600") }
            c[keyPath: keyPath] = seconds
        }
        if let text = value("PLANTRACK_TEST_FAIL_POINT") {
            guard let point = FailPoint(rawValue: text) else {
                throw refuse("PLANTRACK_TEST_FAIL_POINT", FailPoint.allCases.map(\.rawValue).joined(separator: ", "))
            }
            c.failPoint = point
        }
        return c
    }

    /// The SQLite file used when no database URL is set.
    public var sqlitePath: String {
        URL(fileURLWithPath: dataDirectory, isDirectory: true).appendingPathComponent("plantrack.sqlite").path
    }

    /// The clock this configuration asks for: the real one, or one whose calendar day is fixed.
    public var clock: PlanClock {
        today.map { PlanClock.fixedDay($0) } ?? .system
    }
}

/// Places where a server stops on purpose so that a crash test can kill it there, at a known
/// point rather than after a guessed delay. Set only through `PLANTRACK_TEST_FAIL_POINT`.
public enum FailPoint: String, Sendable, CaseIterable {
    /// An import that writes its first batch, logs `fail point import.after-first-batch reached`
    /// and then waits, inside its transaction, until the process is killed.
    case importAfterFirstBatch = "import.after-first-batch"
}

extension FailPoint {
    /// The line logged when the point is reached.
    public var reachedMessage: String { "fail point \(rawValue) reached" }

    /// `progress` as is, or, when this point is `active`, a progress that stops the writer for
    /// good once the first batch is written (the process is expected to be killed there).
    func wrap(_ progress: (@Sendable (Int, Int) -> Void)?, active: FailPoint?) -> (@Sendable (Int, Int) -> Void)? {
        guard active == self else { return progress }
        return { done, total in
            progress?(done, total)
            guard done > 0 else { return }
            FileHandle.standardError.write(Data((reachedMessage + "\n").utf8))
            while true { sleep(60) }
        }
    }
}
