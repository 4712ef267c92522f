import ArgumentParser
import Foundation
import PlanCatalog

/// `plantrack catalog`: work with catalog directories.
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Work with plan catalogs.",
        subcommands: [Check.self])

    /// `plantrack catalog check [DIR]`: validate a catalog and list every problem.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a catalog directory (the bundled one by default); exit 1 on any problem.")

        @Argument(help: ArgumentHelp("The catalog directory.", valueName: "dir"))
        var directory: String?

        func run() throws {
            let (text, ok) = report()
            print(text, terminator: "")
            if !ok { throw ExitCode(1) }
        }

        func report() -> (text: String, ok: Bool) {
            let url = directory.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? Catalog.bundledDirectory
            let problems = Catalog.check(directory: url)
            guard problems.isEmpty else {
                let lines = problems.map(\.description)
                return ((lines + ["\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(url.path)"]).joined(separator: "\n") + "\n", false)
            }
            // A sound catalog loads, so the summary can count what it holds.
            guard let plan = try? Catalog.load(directory: url) else { return ("", false) }
            let observations = (try? Catalog.observations(directory: url, plan: plan).count) ?? 0
            let summary =
                "OK: \(plan.chapters.count) chapters, \(plan.articles.count) articles, \(plan.targets.count) targets, "
                + "\(plan.indicators.count) indicators, \(plan.regions.count) regions, \(plan.regionGroups.count) region groups, "
                + "\(observations) observations\n"
            return (summary, true)
        }
    }
}
