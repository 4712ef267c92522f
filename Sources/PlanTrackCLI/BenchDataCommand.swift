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

    @Option(help: ArgumentHelp("Also write a project library of this many projects (projects.csv) …", valueName: "n"))
    var projects: Int = 0

    @Option(help: ArgumentHelp("… with this many months of reports (reports-YYYY-MM.csv), ending at --through.", valueName: "n"))
    var months: Int = 36

    @Option(help: ArgumentHelp("The last month reported on (default the latest month due today).", valueName: "month"))
    var through: String?

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
        if projects > 0 { try writeProjects(plan: plan, folder: folder) }
    }

    /// The project workload: the registry declared for the first reported month's year, and one
    /// file of reports per month.
    func writeProjects(plan: Plan, folder: URL) throws {
        let now = Date()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        let today = Day(year: parts.year!, month: parts.month!, day: parts.day!)
        guard let last = through.map({ Period($0) }) ?? ProjectStanding.lastDueMonth(today: today, dueDay: ProjectRules.standard.dueDay),
            case .month(let lastMonth) = last.span
        else { throw ValidationError("--through: a month like 2026-10") }
        var months: [Period] = []
        var (y, m) = (last.year, lastMonth)
        for _ in 0..<self.months {
            months.insert(Period(year: y, span: .month(m)), at: 0)
            m -= 1
            if m == 0 { (y, m) = (y - 1, 12) }
        }
        let year = months.first?.year ?? last.year
        let library = SyntheticProjects.projects(plan: plan, count: projects, year: year, seed: seed)
        try SyntheticProjects.csv(SyntheticProjects.registryHeader, library.map(\.row)).write(
            to: folder.appendingPathComponent("projects.csv"), atomically: true, encoding: .utf8)
        for month in months {
            try SyntheticProjects.csv(SyntheticProjects.reportHeader, SyntheticProjects.reports(library, month: month)).write(
                to: folder.appendingPathComponent("reports-\(month).csv"), atomically: true, encoding: .utf8)
        }
        print("\(library.count) projects declared for \(year), \(months.count) months of reports → \(folder.path)")
    }
}
