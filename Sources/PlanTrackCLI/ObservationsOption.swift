import ArgumentParser
import Foundation
import PlanCatalog
import PlanCore
import PlanFiles

/// `--observations FILE` and `--skip-invalid`: the observations to use, bundled by default.
struct ObservationsOption: ParsableArguments {
    @Option(help: ArgumentHelp("An observations CSV to use instead of the bundled data.", valueName: "file.csv"))
    var observations: String?

    @Flag(name: .customLong("skip-invalid"), help: "Skip invalid input rows (reported on standard error) instead of failing.")
    var skipInvalid = false

    /// The observations, read against `schema`; bad rows fail unless skipped, and skipped rows are
    /// returned as warnings.
    /// `text` is the file's text when the caller has read it already.
    func load(
        source: CatalogOption, plan: Plan, schema: ObservationSchema, text: String? = nil
    ) throws -> (observations: [Observation], warnings: [String]) {
        guard let observations else { return (try source.loadObservations(plan: plan), []) }
        let (read, problems) = ObservationFile.read(try text ?? InputFile.text(of: observations), file: observations, schema: schema)
        return (read, try InputFile.accept(problems, in: observations, skipInvalid: skipInvalid))
    }
}

extension ObservationsOption {
    /// The chosen catalog's plan and the observations to use, indexed; skipped rows are reported on
    /// standard error.
    func loadIndexed(source: CatalogOption) throws -> (plan: Plan, index: ObservationIndex) {
        let plan = try source.loadPlan()
        let (observations, warnings) = try load(source: source, plan: plan, schema: ObservationSchema(plan: plan))
        InputFile.warn(warnings)
        return (plan, ComputedIndicators(indicators: plan.indicators).apply(to: ObservationIndex(observations)))
    }
}

/// Reading input files given on the command line.
enum InputFile {
    /// The file's text, read as UTF-8 or GBK/GB18030 (as Chinese Excel saves CSV).
    static func text(of path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("\(path): the file is missing or unreadable")
        }
        guard let (text, _) = TextDecoding.decode(data) else {
            throw CLIError("\(path): not a text file in UTF-8 or GBK/GB18030; save the CSV as UTF-8 (CSV UTF-8 in Excel) or GBK")
        }
        return text
    }

    /// Problems fail the command unless `skipInvalid`, in which case they become warnings.
    static func accept(_ problems: [CatalogProblem], in file: String, skipInvalid: Bool) throws -> [String] {
        guard !problems.isEmpty else { return [] }
        let lines = problems.map(\.description)
        guard skipInvalid else {
            let s = problems.count == 1 ? "" : "s"
            throw CLIError(
                (lines + ["\(problems.count) invalid row\(s) in \(file); nothing was evaluated (use --skip-invalid to skip them)"])
                    .joined(separator: "\n"))
        }
        return lines.map { "skipped: " + $0 }
    }

    static func warn(_ lines: [String]) {
        for line in lines { FileHandle.standardError.write(Data((line + "\n").utf8)) }
    }
}
