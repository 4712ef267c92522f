import ArgumentParser
import Foundation
import PlanCatalog
import PlanCore
import PlanServices
import PlanStore

/// `plantrack import FILE --unit CODE [--dry-run]`: a unit's figures from CSV (UTF-8 or GBK) or
/// XLSX, checked row by row and written all or nothing.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a unit's figures from CSV (UTF-8 or GBK) or XLSX, all or nothing.",
        discussion: """
            The file has the template's columns (plantrack template --unit CODE): indicator_key, period and value are
            required; unit, comment and explanation are optional. Every row's outcome (new, changed, unchanged, or the
            error) is listed; with any error nothing is written. --dry-run writes nothing. Re-importing the same file
            changes nothing.
            """)

    @Argument(help: ArgumentHelp("The CSV or XLSX file.", valueName: "file")) var file: String
    @Option(help: ArgumentHelp("The reporting unit whose figures these are.", valueName: "code")) var unit: String
    @Option(help: ArgumentHelp("The XLSX sheet to read (default the first).", valueName: "name")) var sheet: String?
    @Flag(name: .customLong("dry-run"), help: "Show every row's outcome and write nothing.") var dryRun = false
    @Option(help: ArgumentHelp("Why approved figures change (required when the file changes them).", valueName: "text")) var reason: String?
    @Option(
        name: .customLong("as"),
        help: ArgumentHelp("Act as this user (with its permissions); default the operator, as administrator.", valueName: "user"))
    var user: String?
    @Option(help: "How to list the rows: table, csv or json.") var format: OutputFormat = .table
    @Flag(help: "List only rows with errors or changes.") var quiet = false
    @Flag(help: "Draw the progress bar even when standard error is not a terminal.") var progress = false
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let url = URL(fileURLWithPath: file)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CLIError("cannot read \(file): \(error.localizedDescription)")
        }
        guard data.count <= ReportingService.maxUploadBytes * 5 else {
            throw CLIError("\(file) is larger than \(ReportingService.maxUploadBytes * 5 / 1_048_576) MB")
        }
        let unit = unit
        let sheet = sheet
        let dryRun = dryRun
        let user = user
        let name = url.lastPathComponent
        let reason = reason ?? ""
        let bar = ProgressBar(label: dryRun ? "checking" : "writing", force: progress)
        let (format, result) = try await db.withServices { services in
            let (identity, actor) = try await CommandLineActor.identity(as: user, store: services.store)
            do {
                return try await services.reporting.importFile(
                    data, sheet: sheet, fileName: name, unit: unit, actor: actor, identity: identity, dryRun: dryRun, reason: reason,
                    progress: { done, total in bar.update(done, total) })
            } catch {
                throw CommandLineActor.describe(error)
            }
        }
        let rows: [[DataTable.Cell]] = result.checked.enumerated().compactMap { i, c in
            let outcome = !c.errors.isEmpty ? "error" : result.outcomes?[i].rawValue ?? "valid"
            if quiet, outcome == "unchanged" || outcome == "valid" { return nil }
            let message = (c.errors.map(\.en) + c.flags.map(\.en)).joined(separator: "; ")
            return [.integer(c.row.line), .text(c.row.indicatorKey), .text(c.row.period), .text(c.row.value), .text(outcome), .text(message)]
        }
        print(self.format.render(DataTable(columns: ["line", "indicator_key", "period", "value", "outcome", "message"], rows: rows)), terminator: "")
        let summary =
            "\(format.rawValue): \(result.checked.count) rows; new \(result.count(.new)), changed \(result.count(.changed)), unchanged \(result.count(.unchanged)), errors \(result.errorCount)"
        if result.outcomes == nil {
            throw CLIError("\(summary): nothing written")
        }
        FileHandle.standardError.write(Data("\(summary)\(dryRun ? " (dry run: nothing written)" : "")\n".utf8))
    }
}
