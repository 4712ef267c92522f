import ArgumentParser
import Foundation
import PlanCore
import PlanServices
import PlanStore

/// `plantrack orders list|export`: the supervision-order ledger in batch.
struct OrdersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders", abstract: "The supervision-order ledger (督办台账): list it or write it to XLSX.",
        subcommands: [List.self, Export.self])

    struct Selection: ParsableArguments {
        @Option(help: "open (default), overdue, answered, closed or all.") var show: String = "open"
        @Option(help: ArgumentHelp("Only this unit's orders and those below it.", valueName: "code")) var unit: String?
        @Option(help: "Only this level: general, key or listed.") var level: String?
        @Option(help: "urgency (default) or age.") var sort: String = "urgency"
        @Option(name: .customLong("as"), help: ArgumentHelp("Whose ledger; default the operator's (every unit).", valueName: "user"))
        var user: String?

        func filter() throws -> SupervisionService.OrderFilter {
            guard let show = SupervisionService.OrderFilter.Show(rawValue: show) else {
                throw CLIError("--show: open, overdue, answered, closed or all")
            }
            guard let sort = SupervisionService.OrderFilter.Sort(rawValue: sort) else { throw CLIError("--sort: urgency or age") }
            var level: OrderLevel?
            if let text = self.level {
                guard let value = OrderLevel(rawValue: text) else { throw CLIError("--level: general, key or listed") }
                level = value
            }
            return .init(show: show, unit: unit, level: level, sort: sort)
        }

        func ledger(_ db: DatabaseOptions) async throws -> (SupervisionService.Ledger, Day) {
            let (filter, user) = (try filter(), user)
            return try await db.withServices { services in
                let (identity, _) = try await CommandLineActor.identity(as: user, store: services.store)
                do {
                    return (try await services.supervision.ledger(filter, identity: identity), services.supervision.clock.today())
                } catch {
                    throw CommandLineActor.describe(error)
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List orders with their unit, level, state, due day and age.")

        @OptionGroup var selection: Selection
        @Option(help: "Output format: table, csv or json.") var format: OutputFormat = .table
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let (ledger, today) = try await selection.ledger(db)
            let rows: [[DataTable.Cell]] = ledger.orders.map { o in
                [
                    .text(o.id), .text(o.unitCode), .text(o.level.rawValue), .text(o.state.rawValue), .text(o.issuedOn.description),
                    .text(o.due.description), .integer(o.overdueDays(today: today)), .integer(o.age(today: today)), .text(o.subject.text),
                    .text(o.matter),
                ]
            }
            print(
                format.render(
                    DataTable(
                        columns: ["order", "unit", "level", "state", "issued", "due", "overdue_days", "age_days", "subject", "matter"], rows: rows)),
                terminator: "")
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the ledger to an XLSX file.")

        @Argument(help: ArgumentHelp("The XLSX file to write.", valueName: "file")) var file: String
        @OptionGroup var selection: Selection
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let (filter, user) = (try selection.filter(), selection.user)
            let data = try await db.withServices { services in
                let (identity, _) = try await CommandLineActor.identity(as: user, store: services.store)
                do {
                    return try await services.supervision.ledgerXLSX(try await services.supervision.ledger(filter, identity: identity).orders)
                } catch {
                    throw CommandLineActor.describe(error)
                }
            }
            do {
                try data.write(to: URL(fileURLWithPath: file))
            } catch {
                throw CLIError("cannot write \(file): \(error.localizedDescription)")
            }
            FileHandle.standardError.write(Data("wrote \(file) (\(data.count) bytes)\n".utf8))
        }
    }
}

/// `plantrack deliver`: one delivery run, as the server makes every `PLANTRACK_DELIVERY_SECONDS`.
struct DeliverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver",
        abstract: "Send alerts on now: enqueue a digest per unit of the alerts new to each subscription, and send what is due.")

    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let run = try await db.withServices { services in try await services.delivery.deliver() }
        print("enqueued \(run.enqueued), sent \(run.sent), to retry \(run.retrying), failed \(run.failed)")
    }
}
