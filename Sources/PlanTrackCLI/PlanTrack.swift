import ArgumentParser
import Foundation

/// `plantrack`: the command line of PlanTrack.
public struct PlanTrack: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "plantrack",
        abstract: "PlanTrack: monitor, evaluate, supervise and assess a development plan (山东绿色低碳高质量发展先行区三年行动计划).",
        subcommands: [
            PlanCommand.self, TargetsCommand.self, RegionsCommand.self, EvaluateCommand.self, CompositeCommand.self,
            RankingCommand.self, AssessCommand.self, BenchDataCommand.self, CatalogCommand.self,
        ],
        defaultSubcommand: PlanCommand.self
    )

    public init() {}
}
