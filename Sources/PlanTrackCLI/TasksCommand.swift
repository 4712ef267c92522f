import ArgumentParser
import Foundation
import PlanCore
import PlanServices
import PlanStore

/// `plantrack tasks import|export|list`: the responsibility list in batch.
struct TasksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks",
        abstract: "The responsibility list: import it from XLSX or CSV, export it, list it.",
        subcommands: [Import.self, Export.self, List.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a responsibility list (XLSX or CSV), all or nothing.",
            discussion: """
                Columns: 序号, 重点任务, 牵头单位, 配合单位, 完成时限, 对应条款, and optionally 年度, 关联目标, 阶段节点, 交付成果
                (or their English names). Units may be written by code, full name or short name (省发展改革委). Tasks are
                matched by year and number: new ones are added, changed ones updated. With any problem nothing is written.
                """)

        @Argument(help: ArgumentHelp("The XLSX or CSV file.", valueName: "file")) var file: String
        @Option(help: ArgumentHelp("The year of rows without 年度 (default this year).", valueName: "year")) var year: Int?
        @Option(help: ArgumentHelp("The XLSX sheet to read (default the first).", valueName: "name")) var sheet: String?
        @Flag(name: .customLong("dry-run"), help: "Show every row's outcome and write nothing.") var dryRun = false
        @Option(name: .customLong("as"), help: ArgumentHelp("Act as this user; default the operator, as administrator.", valueName: "user"))
        var user: String?
        @Option(help: "How to list the rows: table, csv or json.") var format: OutputFormat = .table
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let url = URL(fileURLWithPath: file)
            guard let data = try? Data(contentsOf: url) else { throw CLIError("cannot read \(file)") }
            let (year, sheet, dryRun, user) = (year, sheet, dryRun, user)
            let result = try await db.withServices { services in
                let (identity, actor) = try await CommandLineActor.identity(as: user, store: services.store)
                do {
                    return try await services.supervision.importList(
                        data, sheet: sheet, fileName: url.lastPathComponent, year: year, identity: identity, actor: actor, dryRun: dryRun)
                } catch {
                    throw CommandLineActor.describe(error)
                }
            }
            let rows: [[DataTable.Cell]] = result.rows.enumerated().map { i, r in
                let outcome = !r.problems.isEmpty ? "error" : result.outcomes?[i].rawValue ?? "valid"
                return [
                    .integer(r.row.line), .text(r.task?.id ?? r.row["number"]), .text(r.row["title"]), .text(outcome),
                    .text(r.problems.map { "\($0.messageZh) / \($0.message)" }.joined(separator: "; ")),
                ]
            }
            print(format.render(DataTable(columns: ["line", "task", "title", "outcome", "message"], rows: rows)), terminator: "")
            let summary =
                "\(result.format.rawValue): \(result.rows.count) rows; new \(result.count(.new)), changed \(result.count(.changed)), unchanged \(result.count(.unchanged)), problems \(result.problemCount)"
            if result.outcomes == nil { throw CLIError("\(summary): nothing written") }
            FileHandle.standardError.write(Data("\(summary)\(dryRun ? " (dry run: nothing written)" : "")\n".utf8))
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the responsibility list to an XLSX file in the import layout.")

        @Argument(help: ArgumentHelp("The XLSX file to write.", valueName: "file")) var file: String
        @Option(help: ArgumentHelp("Only this year's tasks.", valueName: "year")) var year: Int?
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let year = year
            let data = try await db.withServices { services in try await services.supervision.exportList(year: year) }
            do {
                try data.write(to: URL(fileURLWithPath: file))
            } catch {
                throw CLIError("cannot write \(file): \(error.localizedDescription)")
            }
            FileHandle.standardError.write(Data("wrote \(file) (\(data.count) bytes)\n".utf8))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the tasks with their units, deadlines and latest reported status.")

        @Option(help: ArgumentHelp("Only this year's tasks.", valueName: "year")) var year: Int?
        @Option(help: ArgumentHelp("Only tasks naming this unit.", valueName: "code")) var unit: String?
        @Option(help: "Output format: table, csv or json.") var format: OutputFormat = .table
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let (year, unit) = (year, unit)
            let (tasks, latest) = try await db.withServices { services in
                let tasks = try await services.supervision.tasks(year: year, unit: unit)
                return (tasks, try await services.supervision.latestReports(taskIDs: tasks.map(\.id)))
            }
            let rows: [[DataTable.Cell]] = tasks.map { t in
                [
                    .text(t.id), .text(t.title), .text(t.leadUnits.joined(separator: ",")), .text(t.supportUnits.joined(separator: ",")),
                    .text(t.due?.description ?? "ongoing"), .integer(t.article),
                    .text(t.leadUnits.map { "\($0)=\(latest["\(t.id)|\($0)"]?.status.rawValue ?? "none")" }.joined(separator: ",")),
                ]
            }
            print(
                format.render(DataTable(columns: ["task", "title", "lead", "support", "due", "article", "latest"], rows: rows)), terminator: "")
        }
    }
}

/// `plantrack alerts`: the alerts a user's inbox holds today (the operator's: every unit's).
struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts", abstract: "List today's alerts, one digest per unit, as a user's inbox shows them.")

    @Option(name: .customLong("as"), help: ArgumentHelp("Whose inbox; default the operator's (every unit).", valueName: "user")) var user: String?
    @Option(help: ArgumentHelp("Only this unit's alerts.", valueName: "code")) var unit: String?
    @Option(help: "Output format: table, csv or json.") var format: OutputFormat = .table
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let (user, unit) = (user, unit)
        let digests = try await db.withServices { services in
            let (identity, _) = try await CommandLineActor.identity(as: user, store: services.store)
            return try await services.supervision.inbox(identity, unit: unit)
        }
        let rows: [[DataTable.Cell]] = digests.flatMap { d in
            d.items.map { i in
                [
                    .text(d.unit.code), .text(i.alert.severity.rawValue), .text(i.alert.kind.rawValue), .text(i.alert.subject),
                    .text(i.alert.since.description), .text(["unit", "reviewer", "office"][i.escalation.rawValue]), .text(i.alert.textZh),
                ]
            }
        }
        print(format.render(DataTable(columns: ["unit", "severity", "kind", "subject", "since", "escalation", "text"], rows: rows)), terminator: "")
    }
}
