import ArgumentParser
import Foundation
import PlanCore
import PlanServices
import PlanStore

/// `plantrack projects …`: the major-project library in batch — windows, declarations and
/// monthly reports from workbooks, admission, publication, review, exports and roll-ups.
struct ProjectsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "projects",
        abstract: "The major-project library (重大项目库): declare, select, report monthly, export.",
        subcommands: [
            OpenWindow.self, Declare.self, Admit.self, Publish.self, Report.self, Approve.self, List.self, Export.self, Rollup.self, Feed.self,
        ])

    /// Runs `work` as a user (default the operator as administrator), turning service errors into messages.
    static func acting<T: Sendable>(
        _ db: DatabaseOptions, as user: String?, _ work: @escaping @Sendable (Services, Identity, Actor) async throws -> T
    ) async throws -> T {
        try await db.withServices { services in
            let (identity, actor) = try await CommandLineActor.identity(as: user, store: services.store)
            do { return try await work(services, identity, actor) } catch { throw CommandLineActor.describe(error) }
        }
    }

    struct OpenWindow: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "open-window", abstract: "Open (or change) a year's declaration window.")

        @Argument(help: "The year projects are declared for.") var year: Int
        @Option(help: ArgumentHelp("The first day (2026-01-15).", valueName: "day")) var opens: String
        @Option(help: ArgumentHelp("The last day.", valueName: "day")) var closes: String
        @Option(help: ArgumentHelp("The published selection criteria.", valueName: "text")) var criteria: String
        @Option(name: .customLong("as"), help: ArgumentHelp("Act as this user.", valueName: "user")) var user: String?
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let (year, opens, closes, criteria) = (year, opens, closes, criteria)
            let w = try await ProjectsCommand.acting(db, as: user) { s, i, a in
                try await s.projects.openWindow(year: year, opens: opens, closes: closes, criteria: criteria, identity: i, actor: a)
            }
            print("window \(w.year): \(w.opens) – \(w.closes)")
        }
    }

    struct Declare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Declare projects from a workbook (XLSX or CSV) into a year's open window, all or nothing.",
            discussion: """
                Columns: 项目代码, 项目名称, 项目单位, 所属领域, 总投资（万元）, 年度计划投资（万元）, 计划开工, 计划竣工, 建设内容及规模, and
                optionally 申报单位, 所在县（市、区）, 对应条款, 服务目标, 申报类别, 建设地点, 联系人及电话. Every problem is listed with its line.
                """)

        @Argument(help: ArgumentHelp("The XLSX or CSV file.", valueName: "file")) var file: String
        @Option(help: "The window's year.") var year: Int
        @Option(help: ArgumentHelp("The XLSX sheet to read.", valueName: "name")) var sheet: String?
        @Flag(name: .customLong("dry-run"), help: "Show every row's outcome and write nothing.") var dryRun = false
        @Option(name: .customLong("as"), help: ArgumentHelp("Act as this user.", valueName: "user")) var user: String?
        @Option(help: "How to list the rows: table, csv or json.") var format: OutputFormat = .table
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let url = URL(fileURLWithPath: file)
            guard let data = try? Data(contentsOf: url) else { throw CLIError("cannot read \(file)") }
            let (year, sheet, dryRun) = (year, sheet, dryRun)
            let result = try await ProjectsCommand.acting(db, as: user) { s, i, a in
                try await s.projects.importDeclarations(
                    data, year: year, sheet: sheet, fileName: url.lastPathComponent, identity: i, actor: a, dryRun: dryRun)
            }
            let rows: [[DataTable.Cell]] = result.rows.enumerated().map { n, r in
                [
                    .integer(r.row.line), .text(r.row["code"]), .text(r.row["name"]),
                    .text(!r.problems.isEmpty ? "error" : result.outcomes?[n].rawValue ?? "valid"),
                    .text(r.problems.map { "\($0.messageZh) / \($0.message)" }.joined(separator: "; ")),
                ]
            }
            print(format.render(DataTable(columns: ["line", "code", "name", "outcome", "message"], rows: rows)), terminator: "")
            let summary =
                "\(result.format.rawValue): \(result.rows.count) rows; new \(result.count(.new)), changed \(result.count(.changed)), problems \(result.problemCount)"
            if result.outcomes == nil { throw CLIError("\(summary): nothing written") }
            FileHandle.standardError.write(Data("\(summary)\(dryRun ? " (dry run: nothing written)" : "")\n".utf8))
        }
    }

    struct Admit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Admit declared projects of a year; optionally mark the rest not selected.")

        @Option(help: "The window's year.") var year: Int
        @Argument(help: "The project codes to admit.") var codes: [String] = []
        @Flag(name: .customLong("reject-others"), help: "Mark every other declaration of the year not selected.") var rejectOthers = false
        @Flag(help: "Admit every declaration of the year awaiting selection.") var all = false
        @Option(help: "A note for the record.") var reason: String = ""
        @Option(name: .customLong("as"), help: ArgumentHelp("Act as this user.", valueName: "user")) var user: String?
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let (year, codes, rejectOthers, reason, all) = (year, codes, rejectOthers, reason, all)
            let count = try await ProjectsCommand.acting(db, as: user) { s, i, a in
                let chosen = all ? try await s.projects.store.projects().filter { $0.windowYear == year && $0.stage == .declared }.map(\.code) : codes
                try await s.projects.admit(year: year, codes: chosen, rejectOthers: rejectOthers, reason: reason, identity: i, actor: a)
                return chosen.count
            }
            print("admitted \(count)")
        }
    }

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Publish a year's list (its admitted projects become public).")

        @Argument(help: "The window's year.") var year: Int
        @Option(name: .customLong("as"), help: ArgumentHelp("Act as this user.", valueName: "user")) var user: String?
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let year = year
            try await ProjectsCommand.acting(db, as: user) { s, i, a in
                try await s.projects.publish(year: year, identity: i, actor: a)
            }
            print("published \(year)")
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import monthly dispatch reports (XLSX or CSV), all or nothing.",
            discussion: """
                Columns: 项目代码, 月份, 本月完成投资（万元）, 累计完成投资（万元）, 形象进度（%）, and optionally 当年累计完成投资（万元）
                (else last month's plus this month's), 已完成节点, 存在问题, 需协调事项, 问题责任单位, 解决时限.
                """)

        @Argument(help: ArgumentHelp("The XLSX or CSV file.", valueName: "file")) var file: String
        @Option(help: ArgumentHelp("The XLSX sheet to read.", valueName: "name")) var sheet: String?
        @Flag(name: .customLong("dry-run"), help: "Check every row and write nothing.") var dryRun = false
        @Option(name: .customLong("as"), help: ArgumentHelp("Act as this user.", valueName: "user")) var user: String?
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let url = URL(fileURLWithPath: file)
            guard let data = try? Data(contentsOf: url) else { throw CLIError("cannot read \(file)") }
            let (sheet, dryRun) = (sheet, dryRun)
            let result = try await ProjectsCommand.acting(db, as: user) { s, i, a in
                try await s.projects.importReports(data, sheet: sheet, fileName: url.lastPathComponent, identity: i, actor: a, dryRun: dryRun)
            }
            for r in result.rows where !r.problems.isEmpty {
                for p in r.problems { print("line \(p.line): \(p.messageZh) / \(p.message)") }
            }
            let summary = "\(result.rows.count) rows; new \(result.count(.new)), changed \(result.count(.changed)), problems \(result.problemCount)"
            if result.outcomes == nil { throw CLIError("\(summary): nothing written") }
            FileHandle.standardError.write(Data("\(summary)\(dryRun ? " (dry run: nothing written)" : "")\n".utf8))
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve (or return) the reports awaiting review, of one month or all.")

        @Option(help: ArgumentHelp("Only reports of this month (2026-03).", valueName: "month")) var month: String?
        @Flag(name: .customLong("return"), help: "Return them instead (needs --note).") var sendBack = false
        @Option(help: "A note.") var note: String = ""
        @Option(name: .customLong("as"), help: ArgumentHelp("Act as this user.", valueName: "user")) var user: String?
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            var wanted: Period?
            if let month {
                guard let p = Period(month), case .month = p.span else { throw CLIError("--month: a month like 2026-03") }
                wanted = p
            }
            let (filter, approve, note) = (wanted, !sendBack, note)
            let changed = try await ProjectsCommand.acting(db, as: user) { s, i, a in
                let keys = try await s.projects.pendingReports(identity: i).filter { filter == nil || $0.month == filter }.map {
                    ProjectReportKey(code: $0.code, month: $0.month)
                }
                return keys.isEmpty ? 0 : try await s.projects.reviewReports(keys, approve: approve, note: note, identity: i, actor: a)
            }
            print("\(approve ? "approved" : "returned") \(changed)")
        }
    }
}
