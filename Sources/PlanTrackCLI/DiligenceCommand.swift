import ArgumentParser
import Foundation
import PlanCore
import PlanServices
import PlanStore

/// `plantrack diligence`: every unit's reporting diligence over a month or a year, or one unit's
/// month by month.
struct DiligenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diligence",
        abstract: "Reporting diligence (报送质量): timeliness, completeness, late changes, outliers and evidence, per unit.",
        discussion: """
            Without --unit: one row per unit over --month (default: last month) or --year, the lowest score first. With --unit: \
            that unit's last --months months, newest first. --xlsx writes the table to a workbook instead.
            """)

    @Option(help: ArgumentHelp("The month, such as 2026-11 (default: last month).", valueName: "month")) var month: String?
    @Option(help: ArgumentHelp("The whole year instead (to this month in the current year).", valueName: "year")) var year: Int?
    @Option(help: ArgumentHelp("One unit, month by month.", valueName: "code")) var unit: String?
    @Option(help: "How many months for --unit (1–36).") var months: Int = 12
    @Option(help: ArgumentHelp("Write the units' table to this XLSX file.", valueName: "file")) var xlsx: String?
    @Option(help: "Output format: table, csv or json.") var format: OutputFormat = .table
    @Option(name: .customLong("as"), help: ArgumentHelp("Whose view; default the operator's (every unit).", valueName: "user"))
    var user: String?
    @OptionGroup var db: DatabaseOptions

    static let columns = [
        "score", "due", "on_time", "timeliness", "expected", "present", "completeness", "values", "revised_late", "flagged", "reports",
        "with_evidence",
    ]

    static func cells(_ c: DiligenceCounts) -> [DataTable.Cell] {
        func share(_ x: Double?) -> DataTable.Cell { .number(x.map { ($0 * 10_000).rounded() / 10_000 }) }
        return [
            .number(c.score().map { ($0 * 10).rounded() / 10 }), .integer(c.due), .integer(c.onTime), share(c.timeliness), .integer(c.expected),
            .integer(c.present), share(c.completeness), .integer(c.values), .integer(c.revisedLate), .integer(c.flagged), .integer(c.reports),
            .integer(c.withEvidence),
        ]
    }

    func run() async throws {
        guard (1...36).contains(months) else { throw CLIError("--months: 1 to 36") }
        if unit != nil, xlsx != nil { throw CLIError("--xlsx writes every unit's table; leave out --unit") }
        let (month, year, unit, months, user) = (month, year, unit, months, user)
        let output = try await db.withServices { services -> (DataTable?, Data?) in
            let (identity, _) = try await CommandLineActor.identity(as: user, store: services.store)
            let s = services.supervision
            do {
                if let unit {
                    let rows = try await s.unitDiligence(unit, months: months, identity: identity)
                    return (
                        DataTable(columns: ["month"] + Self.columns, rows: rows.map { [.text($0.month.description)] + Self.cells($0.counts) }), nil
                    )
                }
                let span = try s.diligenceSpan(month: month, year: year)
                let rows = try await s.diligence(from: span.lowerBound, through: span.upperBound, identity: identity)
                if xlsx != nil { return (nil, try DiligenceFile.xlsx(rows)) }
                return (
                    DataTable(
                        columns: ["unit", "name"] + Self.columns,
                        rows: rows.map { [.text($0.unit.code), .text($0.unit.nameZh)] + Self.cells($0.counts) }),
                    nil
                )
            } catch {
                throw CommandLineActor.describe(error)
            }
        }
        if let data = output.1, let xlsx {
            do {
                try data.write(to: URL(fileURLWithPath: xlsx))
            } catch {
                throw CLIError("cannot write \(xlsx): \(error.localizedDescription)")
            }
            FileHandle.standardError.write(Data("wrote \(xlsx) (\(data.count) bytes)\n".utf8))
        } else if let table = output.0 {
            print(format.render(table), terminator: "")
        }
    }
}
