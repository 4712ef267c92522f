import ArgumentParser
import Foundation
import PlanCore
import PlanServices
import PlanStore

/// `plantrack policies import|export|list`: the policy list in batch.
struct PoliciesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policies", abstract: "The policy list (政策清单): import it from XLSX or CSV, export it, list it.",
        subcommands: [Import.self, Export.self, List.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a policy list (XLSX or CSV), all or nothing.",
            discussion: """
                Columns: 序号, 政策名称, 发文单位, 计划出台时间, 状态, and optionally 文号, 对应条款, 实际印发时间, 链接, 备注 (or their
                English names). Policies are matched by number: new ones are added, changed ones updated. An issued or expired
                policy needs its document number and issue day. With any problem nothing is written.
                """)

        @Argument(help: ArgumentHelp("The XLSX or CSV file.", valueName: "file")) var file: String
        @Option(help: ArgumentHelp("The XLSX sheet to read (default the first).", valueName: "name")) var sheet: String?
        @Flag(name: .customLong("dry-run"), help: "Show every row's outcome and write nothing.") var dryRun = false
        @Option(name: .customLong("as"), help: ArgumentHelp("Act as this user; default the operator, as administrator.", valueName: "user"))
        var user: String?
        @Option(help: "How to list the rows: table, csv or json.") var format: OutputFormat = .table
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let url = URL(fileURLWithPath: file)
            guard let data = try? Data(contentsOf: url) else { throw CLIError("cannot read \(file)") }
            let (sheet, dryRun, user) = (sheet, dryRun, user)
            let result = try await db.withServices { services in
                let (identity, actor) = try await CommandLineActor.identity(as: user, store: services.store)
                do {
                    return try await services.supervision.importPolicies(
                        data, sheet: sheet, fileName: url.lastPathComponent, identity: identity, actor: actor, dryRun: dryRun)
                } catch {
                    throw CommandLineActor.describe(error)
                }
            }
            let rows: [[DataTable.Cell]] = result.rows.enumerated().map { i, r in
                [
                    .integer(r.row.line), .text(r.row["number"]), .text(r.row["title"]),
                    .text(!r.problems.isEmpty ? "error" : result.outcomes?[i].rawValue ?? "valid"),
                    .text(r.problems.map { "\($0.messageZh) / \($0.message)" }.joined(separator: "; ")),
                ]
            }
            print(format.render(DataTable(columns: ["line", "policy", "title", "outcome", "message"], rows: rows)), terminator: "")
            let summary =
                "\(result.format.rawValue): \(result.rows.count) rows; new \(result.count(.new)), changed \(result.count(.changed)), unchanged \(result.count(.unchanged)), problems \(result.problemCount)"
            if result.outcomes == nil { throw CLIError("\(summary): nothing written") }
            FileHandle.standardError.write(Data("\(summary)\(dryRun ? " (dry run: nothing written)" : "")\n".utf8))
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the policy list to an XLSX file in the import layout.")

        @Argument(help: ArgumentHelp("The XLSX file to write.", valueName: "file")) var file: String
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let data = try await db.withServices { services in try await services.supervision.exportPolicies() }
            do {
                try data.write(to: URL(fileURLWithPath: file))
            } catch {
                throw CLIError("cannot write \(file): \(error.localizedDescription)")
            }
            FileHandle.standardError.write(Data("wrote \(file) (\(data.count) bytes)\n".utf8))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the policies with their issuing units, status and planned time.")

        @Option(help: "Only this status: planned, drafting, issued or expired.") var status: String?
        @Option(help: ArgumentHelp("Only the policies of this article.", valueName: "number")) var article: Int?
        @Option(help: "Output format: table, csv or json.") var format: OutputFormat = .table
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            var wanted: PolicyStatus?
            if let status {
                guard let value = PolicyStatus(rawValue: status) else { throw CLIError("--status: planned, drafting, issued or expired") }
                wanted = value
            }
            let (article, filter) = (article, wanted)
            let (policies, today) = try await db.withServices { services in
                (try await services.supervision.policies(status: filter, article: article), services.supervision.clock.today())
            }
            let rows: [[DataTable.Cell]] = policies.map { p in
                [
                    .text(p.number), .text(p.title), .text(p.issuers.joined(separator: ",")), .text(p.status.rawValue),
                    .text(p.planned?.description ?? "ongoing"), .text(p.issuedOn?.description ?? ""), .text(p.documentNumber),
                    .text(p.articles.map(String.init).joined(separator: ",")), .text(p.isLate(today: today) ? "late" : ""),
                ]
            }
            print(
                format.render(
                    DataTable(columns: ["policy", "title", "issuers", "status", "planned", "issued", "document", "articles", "late"], rows: rows)),
                terminator: "")
        }
    }
}
