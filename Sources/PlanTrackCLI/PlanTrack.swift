import ArgumentParser
import Foundation

/// `plantrack`: the command line of PlanTrack.
public struct PlanTrack: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "plantrack",
        abstract: "PlanTrack: monitor, evaluate, supervise and assess a development plan (山东绿色低碳高质量发展先行区三年行动计划).",
        subcommands: [
            ServeCommand.self, PlanCommand.self, TargetsCommand.self, RegionsCommand.self, EvaluateCommand.self, CompositeCommand.self,
            RankingCommand.self, AssessCommand.self, BenchDataCommand.self, LoadDataCommand.self, CatalogCommand.self,
            UserCommand.self, ImportCommand.self, TemplateCommand.self, AuditCommand.self,
        ],
        defaultSubcommand: PlanCommand.self
    )

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
