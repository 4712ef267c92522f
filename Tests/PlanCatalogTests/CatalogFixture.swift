import Foundation
import PlanCatalog

/// A writable copy of the bundled catalog in a temporary directory, for breaking on purpose.
struct CatalogFixture {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("plantrack-catalog-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.copyItem(at: Catalog.bundledDirectory, to: directory)
    }

    func url(_ file: String) -> URL { directory.appendingPathComponent(file) }

    func read(_ file: String) throws -> String {
        try String(contentsOf: url(file), encoding: .utf8)
    }

    func write(_ file: String, _ text: String) throws {
        try text.write(to: url(file), atomically: true, encoding: .utf8)
    }

    /// Replaces the first occurrence of `old` in `file`; fails if it is not there.
    func replace(_ file: String, _ old: String, with new: String) throws {
        let text = try read(file)
        guard let range = text.range(of: old) else { throw FixtureError.notFound(old, file) }
        try write(file, text.replacingCharacters(in: range, with: new))
    }

    func problems() -> [CatalogProblem] { Catalog.check(directory: directory) }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    enum FixtureError: Error {
        case notFound(String, String)
    }
}
