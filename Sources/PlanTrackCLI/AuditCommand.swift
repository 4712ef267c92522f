import ArgumentParser
import Foundation
import PlanCatalog
import PlanCore
import PlanServices
import PlanStore

/// `plantrack audit`: query the audit log.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Query the append-only audit log, newest first.")

    @Option(help: "Only this actor.") var actor: String?
    @Option(help: "Only this action, or a prefix ending in a dot (submission.).") var action: String?
    @Option(help: "Only entries about this unit.") var unit: String?
    @Option(help: ArgumentHelp("From this time (ISO 8601, UTC; a date means its start).", valueName: "time")) var since: String?
    @Option(help: ArgumentHelp("Up to this time (ISO 8601, UTC; a date means its end).", valueName: "time")) var until: String?
    @Option(help: "At most this many entries (1–100000).") var limit = 100
    @Option(help: "table, csv or json.") var format: OutputFormat = .table
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let filter = AuditFilter(actor: actor, action: action, unit: unit, since: since, until: until, limit: limit)
        let (entries, total) = try await db.withServices { services in
            let (identity, _) = try await CommandLineActor.identity(as: nil, store: services.store)
            do {
                return try await services.reporting.audit(filter, identity: identity)
            } catch {
                throw CommandLineActor.describe(error)
            }
        }
        let table = DataTable(
            columns: ["id", "at", "actor", "actor_unit", "ip", "action", "unit_code", "subject", "before", "after", "detail"],
            rows: entries.map {
                [
                    .integer($0.id), .text($0.at), .text($0.actor), .text($0.actorUnit), .text($0.ip), .text($0.action), .text($0.unitCode),
                    .text($0.subject),
                    .text($0.before), .text($0.after), .text($0.detail),
                ]
            })
        print(format.render(table), terminator: "")
        FileHandle.standardError.write(Data("\(entries.count) of \(total) entries\n".utf8))
    }
}
