import ArgumentParser
import Foundation
import PlanCore
import PlanServices
import PlanStore

extension ProjectsCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List projects with their stage and colour, red first.")

        @Option(help: "Only this city (370100).") var city: String?
        @Option(help: "Only this stage.") var stage: String?
        @Option(help: "Only this colour: red, yellow, green, none.") var rag: String?
        @Option(help: "Only projects of this window year.") var year: Int?
        @Option(help: "Output format: table, csv or json.") var format: OutputFormat = .table
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            var filter = ProjectService.Filter(city: city, year: year)
            if let stage {
                guard let s = ProjectStage(rawValue: stage) else {
                    throw CLIError("--stage: \(ProjectStage.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                filter.stage = s
            }
            if let rag {
                guard let r = ProjectRAG(rawValue: rag) else { throw CLIError("--rag: red, yellow, green or none") }
                filter.rag = r
            }
            let f = filter
            let items = try await ProjectsCommand.acting(db, as: nil) { s, i, _ in try await s.projects.projects(f, identity: i) }
            let rows: [[DataTable.Cell]] = items.map { p, s in
                [
                    .text(p.code), .text(p.name), .text(p.cityCode), .text(p.sector), .text(p.stage.rawValue), .text(s.rag.rawValue),
                    .number(p.totalInvestment), .text(s.reasons.first?.en ?? ""),
                ]
            }
            print(format.render(DataTable(columns: ["code", "name", "city", "sector", "stage", "rag", "total", "why"], rows: rows)), terminator: "")
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the registry (xlsx, csv), the monthly reports (reports-xlsx, reports-csv) or the OC4IDS package (oc4ids).")

        @Argument(help: ArgumentHelp("The file to write.", valueName: "file")) var file: String
        @Option(help: "xlsx, csv, reports-xlsx, reports-csv or oc4ids.") var format: String = "xlsx"
        @Option(help: ArgumentHelp("Reports of this month only (2026-03).", valueName: "month")) var month: String?
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let (format, month) = (format, month.flatMap(Period.init))
            let data = try await ProjectsCommand.acting(db, as: nil) { s, i, _ -> Data in
                switch format {
                case "xlsx": return try await s.projects.exportRegistry(.init(), format: .xlsx, identity: i)
                case "csv": return try await s.projects.exportRegistry(.init(), format: .csv, identity: i)
                case "reports-xlsx": return try await s.projects.exportReports(month: month, code: nil, format: .xlsx, identity: i)
                case "reports-csv": return try await s.projects.exportReports(month: month, code: nil, format: .csv, identity: i)
                case "oc4ids":
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                    return try encoder.encode(try await s.projects.oc4ids(base: s.configuration.delivery.publicURL))
                default: throw CLIError("--format: xlsx, csv, reports-xlsx, reports-csv or oc4ids")
                }
            }
            do { try data.write(to: URL(fileURLWithPath: file)) } catch { throw CLIError("cannot write \(file): \(error.localizedDescription)") }
            FileHandle.standardError.write(Data("wrote \(file) (\(data.count) bytes)\n".utf8))
        }
    }

    struct Rollup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Plan versus actual by city, sector, article or target, most red first.")

        @Option(help: "city, sector, article or target.") var by: String = "city"
        @Option(help: "Output format: table, csv or json.") var format: OutputFormat = .table
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            guard let dimension = ProjectRollup.Dimension(rawValue: by) else { throw CLIError("--by: city, sector, article or target") }
            let result = try await ProjectsCommand.acting(db, as: nil) { s, i, _ in try await s.projects.rollup(dimension, identity: i).rows }
            let rows: [[DataTable.Cell]] = result.map { r in
                [
                    .text(r.key), .integer(r.count), .integer(r.red), .integer(r.yellow), .integer(r.green), .number(r.planned), .number(r.done),
                    .text(r.completion.map { String(format: "%.1f", $0) } ?? ""),
                ]
            }
            print(
                format.render(DataTable(columns: ["group", "projects", "red", "yellow", "green", "planned", "done", "done %"], rows: rows)),
                terminator: "")
        }
    }

    struct Feed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the indicators the library feeds (investment completed, projects in the annual list) as observations now.")

        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let n = try await ProjectsCommand.acting(db, as: nil) { s, _, _ in try await s.projects.feedTargets() }
            print("\(n) values written")
        }
    }
}
