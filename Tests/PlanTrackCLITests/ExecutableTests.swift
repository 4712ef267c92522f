import Foundation
import Testing

/// Runs the built `plantrack` executable, as a person would.
@Suite struct ExecutableTests {
    private func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = Self.productsDirectory.appendingPathComponent("plantrack")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The build folder that holds the test bundle also holds the executable.
    static var productsDirectory: URL {
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL
    }

    @Test func catalogCheckPassesOnTheBundledCatalog() throws {
        let (status, output) = try run(["catalog", "check"])
        #expect(status == 0)
        #expect(output.hasPrefix("OK: 12 chapters, 160 articles,"))
    }

    @Test func catalogCheckFailsOnABrokenCatalogAndListsEveryProblem() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "title: x\n".write(to: directory.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        let (status, output) = try run(["catalog", "check", directory.path])
        #expect(status == 1)
        #expect(output.contains("plan.yaml:1: chapters: is required as a list"))
        #expect(output.contains("indicators.yaml: the file is missing"))
        #expect(output.contains("regions.csv: the file is missing"))
    }

    @Test func targetsCSVFromTheCommandLine() throws {
        let (status, output) = try run(["targets", "--format", "csv"])
        #expect(status == 0)
        #expect(
            output.hasPrefix(
                "target_id,article,indicator_key,region_code,kind,value,value_high,unit,base_year,base_value,deadline,direction,form,binding,tolerance,quote,assumptions\n"
            ))
    }

    @Test func aBadCatalogOptionFailsWithItsProblems() throws {
        let (status, output) = try run(["targets", "--catalog", "/nonexistent-catalog"])
        #expect(status != 0)
        #expect(output.contains("plan.yaml: the file is missing"))
    }
}
