import ArgumentParser
import Foundation
import Logging
import PlanCore
import PlanServices
import PlanStore

/// `--database` and `--data-dir`: which database a command works on (the server's, by default).
struct DatabaseOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A PostgreSQL URL; default the SQLite file in --data-dir.", valueName: "url"))
    var database: String?

    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Where the SQLite database file lives.", valueName: "dir"))
    var dataDirectory: String?

    @Option(help: ArgumentHelp("A configuration file (as the server's).", valueName: "file"))
    var config: String?

    /// The configuration file and the environment with these flags applied.
    func configuration() throws -> PlanConfiguration {
        var c = try CommandLineConfiguration.fromEnvironment(file: config)
        if let database { c.databaseURL = database }
        if let dataDirectory { c.dataDirectory = dataDirectory }
        return c
    }

    /// Runs `body` with the services over the migrated, seeded store.
    func withServices<R: Sendable>(_ body: @Sendable (Services) async throws -> R) async throws -> R {
        try await StoreSetup.withServices(configuration: try configuration(), passwords: BcryptPasswords(), logger: Logger(label: "plantrack"), body)
    }

    /// Runs `body` with the migrated, seeded store.
    func withStore<R: Sendable>(_ body: @Sendable (any PlanStore) async throws -> R) async throws -> R {
        try await withServices { try await body($0.store) }
    }
}

/// Who the command line acts as: a named user (whose permissions then apply), or the operator
/// of the machine, who can already open the database and so acts as an administrator.
enum CommandLineActor {
    static var operatorName: String {
        "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? "operator")
    }

    static func identity(as username: String?, store: any PlanStore) async throws -> (Identity, Actor) {
        if let username {
            guard let (account, _) = try await store.user(named: username), !account.disabled else {
                throw CLIError("no enabled user named \(username)")
            }
            return (
                Identity(account: account, csrfToken: nil, sessionHash: nil, channel: "cli"),
                Actor(username: account.username, unitCode: account.unitCode, ip: "local", channel: "cli")
            )
        }
        let root = UnitTree(try await store.units()).root
        let account = UserAccount(username: operatorName, displayName: operatorName, unitCode: root, role: .admin)
        return (
            Identity(account: account, csrfToken: nil, sessionHash: nil, channel: "cli"),
            Actor(username: operatorName, unitCode: root, ip: "local", channel: "cli")
        )
    }

    /// Service errors as command-line errors, in both languages.
    static func describe(_ error: any Error) -> any Error {
        switch error {
        case let e as ServiceError:
            if case .invalid(_, _, let problems, _) = e, !problems.isEmpty {
                CLIError(
                    e.zh + " / " + e.en + "\n"
                        + problems.map { "  " + ($0.line > 0 ? "line \($0.line): " : "") + $0.message }.joined(separator: "\n"))
            } else {
                CLIError(e.zh + " / " + e.en)
            }
        case let e as WorkflowError: CLIError(e.zh + " / " + e.en)
        case let e as AccountError:
            switch e {
            case .userExists(let n): CLIError("用户 \(n) 已存在 / user \(n) already exists")
            case .unknownUser(let n): CLIError("没有用户 \(n) / no user \(n)")
            case .unknownUnit(let c): CLIError("没有单位 \(c) / no unit \(c)")
            }
        default: error
        }
    }
}
