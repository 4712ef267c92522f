import ArgumentParser
import Foundation
import PlanCatalog
import PlanCore

/// `plantrack bench-data`: write a deterministic synthetic workload as targets and observations CSV.
struct BenchDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-data",
        abstract: "Write a synthetic workload (targets.csv, observations.csv) for benchmarks.",
        discussion: "province: the catalog's targets in their own regions; full: every target for all 153 regions, 2018–2024.")

    @Option(help: "province or full.")
    var scale: String = "province"

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("The folder to write into (created if missing).", valueName: "dir"))
    var out: String

    @OptionGroup var source: CatalogOption

    func validate() throws {
        guard SyntheticWorkload.Scale(rawValue: scale) != nil else {
            throw ValidationError("--scale must be province or full, not \(scale).")
        }
    }

    func run() throws {
        let plan = try source.loadPlan()
        let (targets, observations) = SyntheticWorkload.generate(plan: plan, scale: SyntheticWorkload.Scale(rawValue: scale)!, seed: seed)
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try DataTable.targets(targets).csv().write(to: folder.appendingPathComponent("targets.csv"), atomically: true, encoding: .utf8)
        try SyntheticWorkload.observationsCSV(observations).write(
            to: folder.appendingPathComponent("observations.csv"), atomically: true, encoding: .utf8)
        print("\(targets.count) target rows, \(observations.count) observations → \(folder.path)")
    }
}
