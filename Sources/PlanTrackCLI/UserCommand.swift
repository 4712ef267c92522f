import ArgumentParser
import Foundation
import PlanCore
import PlanServices
import PlanStore

/// `plantrack user add|list|disable|enable|reset-password|set-role`.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage accounts (the first administrator: plantrack user add NAME --role admin).",
        subcommands: [Add.self, List.self, Disable.self, Enable.self, ResetPassword.self, SetRole.self])

    /// Changes a user as the operator, with errors in both languages.
    static func update(
        _ db: DatabaseOptions, _ username: String, role: Role? = nil, unit: String? = nil, disabled: Bool? = nil, password: String? = nil
    ) async throws -> UserAccount {
        try await db.withServices { services in
            let (identity, _) = try await CommandLineActor.identity(as: nil, store: services.store)
            do {
                return try await services.accounts.updateUser(
                    username, role: role, unitCode: unit, disabled: disabled, password: password, by: identity, ip: "local")
            } catch {
                throw CommandLineActor.describe(error)
            }
        }
    }

    /// A password from standard input (`--password-stdin`), or a new random one that is printed once.
    static func password(fromStdin: Bool) -> (password: String, generated: Bool) {
        if fromStdin, let line = readLine(strippingNewline: true), !line.isEmpty { return (line, false) }
        return (String(Credentials.newSecret().prefix(20)), true)
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user; prints a generated password unless --password-stdin.")

        @Argument(help: "The user name (letters, digits, . - _).") var username: String
        @Option(help: ArgumentHelp("admin, office, reporter, reviewer or viewer.", valueName: "role")) var role: String
        @Option(help: ArgumentHelp("The reporting unit (region code, dept-…, soe-…); default the province.", valueName: "code")) var unit: String?
        @Option(help: ArgumentHelp("The name shown on pages.", valueName: "name")) var name: String?
        @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input.") var passwordStdin = false
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw CLIError("unknown role \(role): expected \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let (password, generated) = UserCommand.password(fromStdin: passwordStdin)
            let username = username
            let unit = unit
            let name = name
            try await db.withServices { services in
                let (identity, _) = try await CommandLineActor.identity(as: nil, store: services.store)
                let code = unit ?? identity.account.unitCode
                do {
                    try await services.accounts.createUser(
                        UserAccount(username: username, displayName: name ?? username, unitCode: code, role: role), password: password, by: identity,
                        ip: "local")
                } catch {
                    throw CommandLineActor.describe(error)
                }
            }
            print("created \(username) (\(role.rawValue), unit \(unit ?? "province"))")
            if generated { print("password: \(password)") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")
        @Option(help: "table, csv or json.") var format: OutputFormat = .table
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let users = try await db.withServices { services in
                let (identity, _) = try await CommandLineActor.identity(as: nil, store: services.store)
                return try await services.accounts.users(by: identity)
            }
            let table = DataTable(
                columns: ["username", "display_name", "unit_code", "role", "disabled", "created_at"],
                rows: users.map {
                    [.text($0.username), .text($0.displayName), .text($0.unitCode), .text($0.role.rawValue), .bool($0.disabled), .text($0.createdAt)]
                })
            print(format.render(table), terminator: "")
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user (ends its sessions; tokens stop working).")
        @Argument var username: String
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            _ = try await UserCommand.update(db, username, disabled: true)
            print("disabled \(username)")
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled user.")
        @Argument var username: String
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            _ = try await UserCommand.update(db, username, disabled: false)
            print("enabled \(username)")
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password", abstract: "Set a new password (ends the user's sessions); prints a generated one unless --password-stdin.")
        @Argument var username: String
        @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input.") var passwordStdin = false
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let (password, generated) = UserCommand.password(fromStdin: passwordStdin)
            _ = try await UserCommand.update(db, username, password: password)
            print("password reset for \(username)")
            if generated { print("password: \(password)") }
        }
    }

    struct SetRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-role", abstract: "Change a user's role and/or unit (ends its sessions).")
        @Argument var username: String
        @Option(help: "The new role.") var role: String?
        @Option(help: "The new reporting unit.") var unit: String?
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let newRole = try role.map { text -> Role in
                guard let r = Role(rawValue: text) else { throw CLIError("unknown role \(text)") }
                return r
            }
            guard newRole != nil || unit != nil else { throw CLIError("give --role and/or --unit") }
            let updated = try await UserCommand.update(db, username, role: newRole, unit: unit)
            print("\(updated.username): \(updated.role.rawValue), unit \(updated.unitCode)")
        }
    }
}
