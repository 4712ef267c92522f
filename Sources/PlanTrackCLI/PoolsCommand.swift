import ArgumentParser
import Foundation
import PlanCore
import PlanServices
import PlanStore

/// `plantrack pools`: a round's incentive pools (funds, land, energy use), their allocation and
/// its confirmation, on the server's database.
struct PoolsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pools", abstract: "A round's incentive pools: save one, show its allocation line by line, confirm it, export it.",
        subcommands: [List.self, Save.self, Show.self, Confirm.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A round's pools.")

        @Argument(help: ArgumentHelp("The round, such as 2024-1.", valueName: "round")) var round: String
        @Option(help: "Output format: table, csv or json.") var format: OutputFormat = .table
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let round = round
            let pools = try await db.withServices { services in
                do {
                    return try await services.assessment.pools(
                        round, identity: try await CommandLineActor.identity(as: nil, store: services.store).0)
                } catch {
                    throw CommandLineActor.describe(error)
                }
            }
            let rows: [[DataTable.Cell]] = pools.map {
                [
                    .text($0.id), .text($0.name), .text($0.resource.rawValue), .number($0.amount), .text($0.resource.unitZh),
                    .text($0.rule.text(zh: true)), .text($0.state.rawValue),
                ]
            }
            print(format.render(DataTable(columns: ["pool", "name", "resource", "amount", "unit", "rule", "state"], rows: rows)), terminator: "")
        }
    }

    struct Save: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a pool to a frozen or published round, or replace a draft of the same id.",
            discussion: """
                Rules: above-mark (in proportion to the total above --mark), tiers (in proportion to --weights \
                such as 优秀=3,良好=2,合格=1), attribute (the total above --mark times --values such as \
                370100=941.5,370200=1037.1 named --attribute).
                """)

        @Argument(help: ArgumentHelp("The round, such as 2024-1.", valueName: "round")) var round: String
        @Option(help: "The pool's id: lower-case letters, digits and hyphens.") var id: String
        @Option(help: "The pool's name.") var name: String
        @Option(help: "funds (万元), land (亩) or energy (万吨标准煤).") var resource: String = "funds"
        @Option(help: "The whole pool.") var amount: String
        @Option(help: "above-mark, tiers or attribute.") var rule: String = "above-mark"
        @Option(help: "The pass mark (above-mark, attribute).") var mark: String = ""
        @Option(help: "Grade weights (tiers).") var weights: String = ""
        @Option(help: "The attribute's name (attribute).") var attribute: String = ""
        @Option(help: "Each unit's attribute value (attribute).") var values: String = ""
        @Option(help: "The floor each unit earning a share gets.") var floor: String = ""
        @Option(help: "The most one unit gets.") var cap: String = ""
        @Option(help: "What vetoed units get: nothing or floor-only.") var vetoed: String = ""
        @Option(help: "Decimal places (0–2).") var decimals: String = ""
        @Option(name: .customLong("as"), help: ArgumentHelp("Who saves it; default the operator.", valueName: "user")) var user: String?
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let input = PoolInput(
                id: id, name: name, resource: resource, amount: amount, rule: rule, mark: mark, weights: weights, attribute: attribute,
                values: values, floor: floor, cap: cap, vetoed: vetoed, decimals: decimals)
            let (round, user) = (round, user)
            let saved = try await db.withServices { services in
                let (identity, actor) = try await CommandLineActor.identity(as: user, store: services.store)
                do {
                    return try await services.assessment.savePool(try input.pool(roundID: round), identity: identity, actor: actor)
                } catch {
                    throw CommandLineActor.describe(error)
                }
            }
            print("\(saved.roundID)/\(saved.id) \(saved.state.rawValue): \(PlainNumber.format(saved.amount)) \(saved.resource.unitZh)")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A pool's allocation line by line (as kept when confirmed, else from the current results), or write it as XLSX/CSV.")

        @Argument(help: ArgumentHelp("The round, such as 2024-1.", valueName: "round")) var round: String
        @Argument(help: ArgumentHelp("The pool's id.", valueName: "pool")) var pool: String
        @Option(help: ArgumentHelp("Write the allocation to this file (.xlsx or .csv).", valueName: "file")) var out: String?
        @Option(help: "Output format: table, csv or json.") var format: OutputFormat = .table
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let (round, pool, out) = (round, pool, out)
            if let out, !(out.hasSuffix(".xlsx") || out.hasSuffix(".csv")) { throw CLIError("--out: a .xlsx or .csv file") }
            let (allocation, names) = try await db.withServices { services in
                do {
                    let a = try await services.assessment.allocation(
                        round, pool: pool, identity: try await CommandLineActor.identity(as: nil, store: services.store).0)
                    let names = Dictionary(
                        try await services.store.units().map { ($0.code, $0.nameZh) }
                            + services.store.loadPlan().regions.map { ($0.code, $0.nameZh) },
                        uniquingKeysWith: { _, y in y })
                    return (a, names)
                } catch {
                    throw CommandLineActor.describe(error)
                }
            }
            if let problem = allocation.problem { throw CLIError("\(problem.zh) / \(problem.en)") }
            if let out {
                let data = out.hasSuffix(".csv") ? AllocationFile.csv(allocation, names: names) : try AllocationFile.xlsx(allocation, names: names)
                try data.write(to: URL(fileURLWithPath: out))
                print("wrote \(out)")
                return
            }
            let rows: [[DataTable.Cell]] = allocation.lines.map { l in
                [
                    .text(l.unit), .text(names[l.unit] ?? l.unit), .number(l.total), .text(l.grade), .bool(l.vetoed), .number(l.weight),
                    .number(l.floorPart), .number(l.exact), .number(l.amount), .bool(l.capped), .text(l.noteEn),
                ]
            }
            print(
                format.render(
                    DataTable(
                        columns: ["unit", "name", "total", "grade", "vetoed", "weight", "floor", "exact", "amount", "capped", "note"], rows: rows)),
                terminator: "")
        }
    }

    struct Confirm: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Confirm a pool of a published round: its allocation is kept with the round and never changes.")

        @Argument(help: ArgumentHelp("The round, such as 2024-1.", valueName: "round")) var round: String
        @Argument(help: ArgumentHelp("The pool's id.", valueName: "pool")) var pool: String
        @Option(name: .customLong("as"), help: ArgumentHelp("Who confirms it; default the operator.", valueName: "user")) var user: String?
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let (round, pool, user) = (round, pool, user)
            let saved = try await db.withServices { services in
                let (identity, actor) = try await CommandLineActor.identity(as: user, store: services.store)
                do {
                    return try await services.assessment.confirmPool(round, pool: pool, identity: identity, actor: actor)
                } catch {
                    throw CommandLineActor.describe(error)
                }
            }
            print("\(saved.roundID)/\(saved.id) \(saved.state.rawValue)")
        }
    }
}
