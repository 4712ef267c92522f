import ArgumentParser
import Foundation
import PlanCore
import PlanServices
import PlanStore
import PlanWeb

/// `plantrack stocktake --date … [--scope …] [--pdf FILE]`: opens a stocktake (or finds the one
/// of that day and scope) and prints its pack to PDF with headless Chromium.
struct StocktakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stocktake",
        abstract: "Make a stocktake's pack for a meeting day and scope, and print it to PDF.",
        discussion: """
            The scope is province (default), chapter-N, or a city's code (370100). A stocktake of that day and scope is opened
            if there is none. --pdf needs headless Chromium (Debian's chromium, or PLANTRACK_CHROMIUM).
            """)

    @Option(help: ArgumentHelp("The meeting day, YYYY-MM-DD.", valueName: "day")) var date: String
    @Option(help: "province, chapter-N or a city's code.") var scope: String = "province"
    @Option(help: ArgumentHelp("Write the pack as a PDF to this file.", valueName: "file")) var pdf: String?
    @Option(help: "The pack's language: zh or en.") var language: String = "zh"
    @Option(name: .customLong("as"), help: ArgumentHelp("Act as this user; default the operator, as administrator.", valueName: "user"))
    var user: String?
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        guard let day = Day(date) else { throw CLIError("--date: a day such as 2026-12-10") }
        guard let scope = StocktakeScope(slug: scope) else { throw CLIError("--scope: province, chapter-N or a city's code") }
        guard let language = Language(rawValue: language) else { throw CLIError("--language: zh or en") }
        let (pdf, user) = (pdf, user)
        let (stocktake, data) = try await db.withServices { services in
            let (identity, actor) = try await CommandLineActor.identity(as: user, store: services.store)
            do {
                var stocktake = Stocktake(date: day, scope: scope, statuses: [:], createdBy: "", createdAt: "")
                if let existing = try await services.store.stocktake(id: stocktake.id) {
                    stocktake = existing
                } else {
                    stocktake = try await services.supervision.createStocktake(date: day, scope: scope, identity: identity, actor: actor)
                }
                let pack = try await services.supervision.pack(stocktake.id, identity: identity)
                FileHandle.standardError.write(
                    Data(
                        "stocktake \(stocktake.id): \(pack.offTrackTotal) targets off trajectory, \(pack.movers.count) moved, \(pack.divergent.count) divergences, \(pack.openOrdersTotal) open orders, \(pack.stocktake.decisions.count) decisions\n"
                            .utf8))
                guard pdf != nil else { return (stocktake, Data?.none) }
                return (stocktake, try await StocktakePDF.make(services, id: stocktake.id, identity: identity, language: language))
            } catch let error as PDFPrinter.Unavailable {
                throw CLIError(error.en)
            } catch let error as PDFPrinter.Failed {
                throw CLIError(error.description)
            } catch {
                throw CommandLineActor.describe(error)
            }
        }
        if let pdf, let data {
            do {
                try data.write(to: URL(fileURLWithPath: pdf))
            } catch {
                throw CLIError("cannot write \(pdf): \(error.localizedDescription)")
            }
            FileHandle.standardError.write(Data("wrote \(pdf) (\(data.count) bytes)\n".utf8))
        }
        print(stocktake.id)
    }
}
