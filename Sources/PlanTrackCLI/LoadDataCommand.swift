import ArgumentParser
import Foundation
import Logging
import PlanCatalog
import PlanCore
import PlanServices

/// `plantrack load-data`: write observations from a CSV into the server's database, in one
/// transaction.
struct LoadDataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load-data",
        abstract: "Load observations from a CSV into the server's database (all or nothing).",
        discussion:
            "The CSV has the columns indicator_key,region_code,period,value (plus optional provenance columns). New values are inserted, changed ones revised, unchanged ones left alone."
    )

    @Option(help: ArgumentHelp("The observations CSV.", valueName: "file.csv"))
    var observations: String

    @Option(help: ArgumentHelp("A PostgreSQL URL; default the SQLite file in --data-dir.", valueName: "url"))
    var database: String?

    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Where the SQLite database file lives.", valueName: "dir"))
    var dataDirectory: String?

    @Flag(name: .customLong("skip-invalid"), help: "Skip invalid rows (reported on standard error) instead of failing.")
    var skipInvalid = false

    @Option(help: ArgumentHelp("A configuration file (as the server's).", valueName: "file"))
    var config: String?

    func run() async throws {
        var configuration = try CommandLineConfiguration.fromEnvironment(file: config)
        if let database { configuration.databaseURL = database }
        if let dataDirectory { configuration.dataDirectory = dataDirectory }
        let file = observations
        let skip = skipInvalid
        let message = try await StoreSetup.withServices(
            configuration: configuration, passwords: BcryptPasswords(), logger: Logger(label: "plantrack")
        ) { services in
            let store = services.store
            let plan = try await store.loadPlan()
            let (read, problems) = ObservationFile.read(try InputFile.text(of: file), file: file, schema: ObservationSchema(plan: plan))
            InputFile.warn(try InputFile.accept(problems, in: file, skipInvalid: skip))
            let before = try await store.dataVersion()
            let version = try await store.upsert(read)
            return "\(read.count) observations read; data version \(before) → \(version)"
        }
        print(message)
    }
}
