import ArgumentParser
import Foundation
import PlanCore
import PlanServices
import PlanStore

/// `plantrack appeals`: appeals against score-sheet lines, filed and decided on the server's
/// database.
struct AppealsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appeals", abstract: "Appeals against a round's score-sheet lines: list, file, accept or reject them.",
        subcommands: [List.self, File.self, Accept.self, Reject.self])

    /// Runs one step as the operator (or `--as`), printing the appeal afterwards.
    static func step(
        _ db: DatabaseOptions, user: String?, _ body: @escaping @Sendable (AssessmentService, Identity, Actor) async throws -> Appeal
    ) async throws {
        let appeal = try await db.withServices { services in
            let (identity, actor) = try await CommandLineActor.identity(as: user, store: services.store)
            do {
                return try await body(services.assessment, identity, actor)
            } catch {
                throw CommandLineActor.describe(error)
            }
        }
        let value = appeal.correctedValue.map { ", corrected latest value \(PlainNumber.format($0))" } ?? ""
        print("\(appeal.id) \(appeal.state.rawValue): \(appeal.unit) \(appeal.targetID)\(value)")
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A round's appeals with their state and decision.")

        @Argument(help: ArgumentHelp("The round, such as 2024-1.", valueName: "round")) var round: String
        @Option(help: "Output format: table, csv or json.") var format: OutputFormat = .table
        @Option(name: .customLong("as"), help: ArgumentHelp("Whose view; default the operator's (every appeal).", valueName: "user")) var user:
            String?
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let (round, user) = (round, user)
            let appeals = try await db.withServices { services in
                do {
                    return try await services.assessment.appeals(
                        round, identity: try await CommandLineActor.identity(as: user, store: services.store).0)
                } catch {
                    throw CommandLineActor.describe(error)
                }
            }
            let rows: [[DataTable.Cell]] = appeals.map {
                [
                    .text($0.id), .text($0.unit), .text($0.targetID), .text($0.state.rawValue), .text($0.reason), .text($0.filedBy),
                    .number($0.correctedValue), .text($0.decision), .integer($0.files.count),
                ]
            }
            print(
                format.render(
                    DataTable(columns: ["appeal", "unit", "target", "state", "reason", "filed_by", "corrected", "decision", "files"], rows: rows)),
                terminator: "")
        }
    }

    struct File: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Appeal a line of a unit's score sheet, with a reason and evidence files.")

        @Argument(help: ArgumentHelp("The round, such as 2024-1.", valueName: "round")) var round: String
        @Option(help: ArgumentHelp("The unit appealing (a city's code).", valueName: "code")) var unit: String
        @Option(help: ArgumentHelp("The line's target.", valueName: "id")) var target: String
        @Option(help: "Why the line is wrong.") var reason: String
        @Option(help: ArgumentHelp("An evidence file (repeat for more).", valueName: "file")) var evidence: [String] = []
        @Option(name: .customLong("as"), help: ArgumentHelp("Who appeals: a reporter or reviewer of the unit.", valueName: "user")) var user: String
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let files = try evidence.map { path -> (name: String, data: Data) in
                guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("--evidence: cannot read \(path)") }
                return ((path as NSString).lastPathComponent, data)
            }
            let (round, unit, target, reason) = (round, unit, target, reason)
            try await AppealsCommand.step(db, user: user) { a, identity, actor in
                try await a.fileAppeal(round, unit: unit, targetID: target, reason: reason, files: files, identity: identity, actor: actor)
            }
        }
    }

    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accept an appeal with the corrected latest value: the line is scored again from the snapshot with it.")

        @Argument(help: ArgumentHelp("The round, such as 2024-1.", valueName: "round")) var round: String
        @Argument(help: ArgumentHelp("The appeal's number within the round.", valueName: "seq")) var seq: Int
        @Option(help: "The corrected latest value.") var value: Double
        @Option(help: "Why.") var reason: String
        @Option(name: .customLong("as"), help: ArgumentHelp("Who decides; default the operator.", valueName: "user")) var user: String?
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let (round, seq, value, reason) = (round, seq, value, reason)
            try await AppealsCommand.step(db, user: user) { a, identity, actor in
                try await a.decideAppeal(round, seq: seq, accept: true, correctedValue: value, reason: reason, identity: identity, actor: actor)
            }
        }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reject an appeal with a reason.")

        @Argument(help: ArgumentHelp("The round, such as 2024-1.", valueName: "round")) var round: String
        @Argument(help: ArgumentHelp("The appeal's number within the round.", valueName: "seq")) var seq: Int
        @Option(help: "Why.") var reason: String
        @Option(name: .customLong("as"), help: ArgumentHelp("Who decides; default the operator.", valueName: "user")) var user: String?
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let (round, seq, reason) = (round, seq, reason)
            try await AppealsCommand.step(db, user: user) { a, identity, actor in
                try await a.decideAppeal(round, seq: seq, accept: false, correctedValue: nil, reason: reason, identity: identity, actor: actor)
            }
        }
    }
}
