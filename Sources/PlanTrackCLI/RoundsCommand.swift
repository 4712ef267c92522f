import ArgumentParser
import Foundation
import PlanCore
import PlanServices
import PlanStore
import PlanWeb

/// `plantrack schemes` and `plantrack rounds`: the assessment in batch, on the server's database.
struct SchemesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schemes", abstract: "Assessment schemes kept as versions: save one from a YAML or XLSX file, list them, export one as XLSX.",
        subcommands: [Save.self, List.self, Export.self])

    struct Save: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a scheme (YAML or XLSX) against the plan and save it as a new version.")

        @Argument(
            help: ArgumentHelp("The scheme file (YAML, or XLSX as `schemes export` writes it; see docs/assessment-scheme.md).", valueName: "file"))
        var file: String
        @Option(help: "The scheme's id: lower-case letters, digits and hyphens.") var id: String
        @Option(help: "What changed.") var note: String = ""
        @Option(name: .customLong("as"), help: ArgumentHelp("Who saves it; default the operator.", valueName: "user")) var user: String?
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let workbook = file.lowercased().hasSuffix(".xlsx")
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
            let body = workbook ? "" : try InputFile.text(of: file)
            let (id, note, user) = (id, note, user)
            let (saved, gaps) = try await db.withServices { services in
                let (identity, actor) = try await CommandLineActor.identity(as: user, store: services.store)
                do {
                    let a = services.assessment
                    let saved =
                        workbook
                        ? try await a.saveScheme(id: id, workbook: data, note: note, identity: identity, actor: actor)
                        : try await a.saveScheme(id: id, body: body, note: note, identity: identity, actor: actor)
                    return (saved, try await a.gaps(try await a.check(saved.body)))
                } catch {
                    throw CommandLineActor.describe(error)
                }
            }
            print("\(saved.id) v\(saved.version): \(saved.name)")
            for gap in gaps {
                FileHandle.standardError.write(
                    Data("check: \(gap.targetID) is a level; no value for \(gap.units.joined(separator: " ")) (they score nothing on it)\n".utf8))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every version of every scheme, newest first.")

        @Option(help: "Output format: table, csv or json.") var format: OutputFormat = .table
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let schemes = try await db.withServices { services in
                try await services.assessment.schemes(identity: try await CommandLineActor.identity(as: nil, store: services.store).0)
            }
            let rows: [[DataTable.Cell]] = schemes.map {
                [.text($0.id), .integer($0.version), .text($0.name), .text($0.createdBy), .text($0.createdAt), .text($0.note)]
            }
            print(format.render(DataTable(columns: ["scheme", "version", "name", "by", "at", "note"], rows: rows)), terminator: "")
        }
    }
}

extension SchemesCommand {
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a scheme version as XLSX, to edit and save again.")

        @Argument(help: ArgumentHelp("The scheme's id.", valueName: "id")) var id: String
        @Option(help: "The version (default the latest).") var version: Int?
        @Option(help: ArgumentHelp("The file to write (.xlsx).", valueName: "file")) var out: String
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let (id, version) = (id, version)
            let data = try await db.withServices { services in
                do {
                    return try await services.assessment.schemeWorkbook(
                        id, version: version, identity: try await CommandLineActor.identity(as: nil, store: services.store).0)
                } catch {
                    throw CommandLineActor.describe(error)
                }
            }
            do {
                try data.write(to: URL(fileURLWithPath: out))
            } catch {
                throw CLIError("cannot write \(out): \(error.localizedDescription)")
            }
            FileHandle.standardError.write(Data("wrote \(out) (\(data.count) bytes)\n".utf8))
        }
    }
}

struct RoundsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rounds",
        abstract: "Assessment rounds: open one, freeze its data, publish it, and read or export its results.",
        subcommands: [List.self, Open.self, Freeze.self, Qualitative.self, Publish.self, Results.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The rounds with their scheme version, cut-off, state and snapshots.")

        @Option(help: "Output format: table, csv or json.") var format: OutputFormat = .table
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let rounds = try await db.withServices { services in
                try await services.assessment.rounds(identity: try await CommandLineActor.identity(as: nil, store: services.store).0)
            }
            let rows: [[DataTable.Cell]] = rounds.map {
                [
                    .text($0.id), .integer($0.year), .text("\($0.schemeID) v\($0.schemeVersion)"), .text($0.cutoff.description),
                    .text($0.state.rawValue),
                    .integer($0.snapshots.count),
                ]
            }
            print(format.render(DataTable(columns: ["round", "year", "scheme", "cutoff", "state", "snapshots"], rows: rows)), terminator: "")
        }
    }

    /// Runs one step as the operator (or `--as`), printing the round afterwards.
    static func step(
        _ db: DatabaseOptions, user: String?, _ body: @escaping @Sendable (AssessmentService, Identity, Actor) async throws -> AssessmentRound
    ) async throws {
        let round = try await db.withServices { services in
            let (identity, actor) = try await CommandLineActor.identity(as: user, store: services.store)
            do {
                return try await body(services.assessment, identity, actor)
            } catch {
                throw CommandLineActor.describe(error)
            }
        }
        let snapshot = round.current.map { ", snapshot \($0.seq): data version \($0.dataVersion), \($0.observations) observations" } ?? ""
        print("\(round.id) \(round.state.rawValue) (\(round.schemeID) v\(round.schemeVersion), cut-off \(round.cutoff)\(snapshot))")
    }

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a round for a year with a scheme version and a data cut-off.")

        @Option(help: "The assessed year.") var year: Int
        @Option(help: "The scheme's id.") var scheme: String
        @Option(help: "The scheme's version (default its latest).") var version: Int?
        @Option(help: ArgumentHelp("The data cut-off day (YYYY-MM-DD).", valueName: "day")) var cutoff: String
        @Option(name: .customLong("as"), help: ArgumentHelp("Who opens it; default the operator.", valueName: "user")) var user: String?
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            guard let day = Day(cutoff) else { throw CLIError("--cutoff: a day such as 2025-03-31") }
            let (year, scheme, version) = (year, scheme, version)
            try await RoundsCommand.step(db, user: user) { a, identity, actor in
                var v = version
                if v == nil { v = try await a.scheme(scheme, version: nil, identity: identity).version }
                guard let v else { throw CLIError("--version: the scheme has no version") }
                return try await a.openRound(year: year, schemeID: scheme, version: v, cutoff: day, identity: identity, actor: actor)
            }
        }
    }

    struct Freeze: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Freeze a round's data (again only with --reason; the earlier snapshot and its results are kept).")

        @Argument(help: ArgumentHelp("The round, such as 2024-1.", valueName: "round")) var round: String
        @Option(help: "Why it is frozen again.") var reason: String = ""
        @Option(name: .customLong("as"), help: ArgumentHelp("Who freezes it; default the operator.", valueName: "user")) var user: String?
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let (round, reason) = (round, reason)
            try await RoundsCommand.step(db, user: user) { a, identity, actor in
                try await a.freeze(round, reason: reason, identity: identity, actor: actor)
            }
        }
    }

    struct Qualitative: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a unit points on one of the scheme's qualitative items, with the reason (a frozen round).")

        @Argument(help: ArgumentHelp("The round, such as 2024-1.", valueName: "round")) var round: String
        @Option(help: ArgumentHelp("The unit (a city's code).", valueName: "code")) var unit: String
        @Option(help: ArgumentHelp("The qualitative item's id in the scheme.", valueName: "id")) var item: String
        @Option(help: "The points (0 to the item's maximum).") var points: Double
        @Option(help: "Why.") var reason: String
        @Option(name: .customLong("as"), help: ArgumentHelp("Who gives them; default the operator.", valueName: "user")) var user: String?
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let (round, unit, item, points, reason, user) = (round, unit, item, points, reason, user)
            let score = try await db.withServices { services in
                let (identity, actor) = try await CommandLineActor.identity(as: user, store: services.store)
                do {
                    return try await services.assessment.setQualitative(
                        round, unit: unit, item: item, points: points, reason: reason, identity: identity, actor: actor)
                } catch {
                    throw CommandLineActor.describe(error)
                }
            }
            print("\(score.roundID) \(score.unit) \(score.item): \(PlainNumber.format(score.points))")
        }
    }

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Publish a frozen round: its results become public.")

        @Argument(help: ArgumentHelp("The round, such as 2024-1.", valueName: "round")) var round: String
        @Option(name: .customLong("as"), help: ArgumentHelp("Who publishes it; default the operator.", valueName: "user")) var user: String?
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let round = round
            try await RoundsCommand.step(db, user: user) { a, identity, actor in try await a.publish(round, identity: identity, actor: actor) }
        }
    }

    struct Results: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "A round's results (every unit, best first, with rank bands), or one unit's score sheet; or the results as XLSX/CSV, a sheet as PDF.")

        @Argument(help: ArgumentHelp("The round, such as 2024-1.", valueName: "round")) var round: String
        @Option(help: ArgumentHelp("One unit's score sheet.", valueName: "code")) var unit: String?
        @Option(help: "An earlier snapshot (default the latest).") var snapshot: Int?
        @Option(
            help: ArgumentHelp(
                "Write the results to this file (.xlsx or .csv), or with --unit the score sheet (.pdf, needs chromium).", valueName: "file"))
        var out: String?
        @Option(help: "Output format: table, csv or json.") var format: OutputFormat = .table
        @Option(name: .customLong("as"), help: ArgumentHelp("Whose view; default the operator's (every unit).", valueName: "user")) var user: String?
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let (round, unit, snapshot, out, user) = (round, unit, snapshot, out, user)
            if let out, !(out.hasSuffix(".xlsx") || out.hasSuffix(".csv") || (unit != nil && out.hasSuffix(".pdf"))) {
                throw CLIError("--out: a .xlsx or .csv file (or with --unit a .pdf)")
            }
            let output = try await db.withServices { services -> (DataTable?, Data?) in
                let (identity, _) = try await CommandLineActor.identity(as: user, store: services.store)
                let a = services.assessment
                do {
                    if let unit, let out, out.hasSuffix(".pdf") {
                        return (nil, try await SheetPDF.make(services, id: round, unit: unit, identity: identity))
                    }
                    if let unit {
                        let sheet = try await a.sheet(round, unit: unit, seq: snapshot, identity: identity)
                        let rows: [[DataTable.Cell]] = sheet.lines.map { l in
                            [
                                .text(l.line.targetID), .number(l.line.points), .number(l.evaluation?.baseValue), .number(l.line.milestone),
                                .number(l.evaluation?.latestValue), .text(l.latest?.provenance.source ?? ""), .number(l.line.completion),
                                .number(l.line.factor), .number(l.line.earned), .bool(l.line.vetoes), .text(l.line.reason),
                            ]
                        }
                        return (
                            DataTable(
                                columns: ["target", "points", "base", "milestone", "latest", "source", "q", "factor", "earned", "vetoes", "rule"],
                                rows: rows), nil
                        )
                    }
                    let results = try await a.results(round, seq: snapshot, identity: identity)
                    let names = Dictionary(
                        try await services.store.units().map { ($0.code, $0.nameZh) }
                            + services.store.loadPlan().regions.map { ($0.code, $0.nameZh) },
                        uniquingKeysWith: { _, y in y })
                    if let out {
                        return (nil, out.hasSuffix(".csv") ? RoundFile.csv(results, names: names) : try RoundFile.xlsx(results, names: names))
                    }
                    let ranks = Dictionary(uniqueKeysWithValues: results.ranking.map { ($0.unit, $0) })
                    let rows: [[DataTable.Cell]] = results.results.map { r in
                        [
                            .integer(ranks[r.unit]?.rank), .text(r.unit), .text(names[r.unit] ?? r.unit), .number(r.total), .text(r.grade.nameZh),
                            .text(r.vetoReasons.joined(separator: " ")), .number(ranks[r.unit]?.rankP5), .number(ranks[r.unit]?.rankP95),
                        ]
                    }
                    return (DataTable(columns: ["rank", "unit", "name", "total", "grade", "vetoes", "rank_p5", "rank_p95"], rows: rows), nil)
                } catch let error as PDFPrinter.Unavailable {
                    throw CLIError(error.en)
                } catch let error as PDFPrinter.Failed {
                    throw CLIError(error.description)
                } catch {
                    throw CommandLineActor.describe(error)
                }
            }
            if let data = output.1, let out {
                do {
                    try data.write(to: URL(fileURLWithPath: out))
                } catch {
                    throw CLIError("cannot write \(out): \(error.localizedDescription)")
                }
                FileHandle.standardError.write(Data("wrote \(out) (\(data.count) bytes)\n".utf8))
            } else if let table = output.0 {
                print(format.render(table), terminator: "")
            }
        }
    }
}
