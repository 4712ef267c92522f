import ArgumentParser
import Foundation
import PlanStore

/// `plantrack backup`: one file holding the whole database, taken while the server runs.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back up the database to one file (SQLite: a consistent copy; PostgreSQL: pg_dump's custom format).",
        discussion: "The server may keep running. Restore with plantrack restore FILE into an empty database.")

    @Option(help: ArgumentHelp("The backup file to write (must not exist).", valueName: "file"))
    var out: String

    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let configuration = try db.configuration()
        do {
            if let url = configuration.databaseURL {
                try DatabaseBackup.backupPostgres(url: url, to: out)
            } else {
                try await DatabaseBackup.backupSQLite(at: configuration.sqlitePath, to: out)
            }
        } catch let error as StoreError {
            throw CLIError(error.description)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
        print("backed up to \(out) (\(size) bytes)")
    }
}

/// `plantrack restore`: a backup into an empty database, checked before it is used.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup made by plantrack backup into an empty database.",
        discussion: """
            SQLite: the data folder must not hold a database yet; the copy is checked and moved into place. \
            PostgreSQL: the database must exist and be empty (createdb); pg_restore runs in one transaction.
            """)

    @Argument(help: ArgumentHelp("The backup file.", valueName: "file"))
    var file: String

    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let configuration = try db.configuration()
        do {
            if let url = configuration.databaseURL {
                try await DatabaseBackup.restorePostgres(file, url: url)
            } else {
                try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true)
                try await DatabaseBackup.restoreSQLite(file, to: configuration.sqlitePath)
            }
        } catch let error as StoreError {
            throw CLIError(error.description)
        }
        print("restored \(file)")
    }
}
