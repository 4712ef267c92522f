import ArgumentParser
import Foundation
import PlanServices

/// `plantrack`: the command line of PlanTrack. Only `serve` uses the web layer.
public struct PlanTrack: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "plantrack",
        abstract: "PlanTrack: monitor, evaluate, supervise and assess a development plan (山东绿色低碳高质量发展先行区三年行动计划).",
        subcommands: [ServeCommand.self] + commands,
        defaultSubcommand: PlanCommand.self
    )

    /// Every command but `serve`.
    static var commands: [any ParsableCommand.Type] {
        [
            PlanCommand.self, TargetsCommand.self, RegionsCommand.self, EvaluateCommand.self, CompositeCommand.self, RankingCommand.self,
            AssessCommand.self, BenchDataCommand.self, LoadDataCommand.self, CatalogCommand.self, UserCommand.self, ImportCommand.self,
            TemplateCommand.self, AuditCommand.self, TasksCommand.self, AlertsCommand.self, OrdersCommand.self, PoliciesCommand.self,
            DeliverCommand.self, StocktakeCommand.self, DiligenceCommand.self, SchemesCommand.self, RoundsCommand.self, AppealsCommand.self,
            PoolsCommand.self, ProjectsCommand.self, BackupCommand.self, RestoreCommand.self,
        ]
    }

    public init() {}
}

extension PlanTrack {
    /// Parses the process's arguments and runs the chosen command, awaiting asynchronous ones
    /// (`serve`); exits with ArgumentParser's usual messages and codes on errors.
    public static func start() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}

/// The configuration from the environment for a command; a malformed variable is a command-line
/// error.
enum CommandLineConfiguration {
    /// The configuration file `file` (or `PLANTRACK_CONFIG`'s) under the environment.
    static func fromEnvironment(file: String? = nil) throws -> PlanConfiguration {
        do {
            return try PlanConfiguration.load(file: file)
        } catch let error as ServiceError {
            throw CLIError(error.en)
        }
    }
}
