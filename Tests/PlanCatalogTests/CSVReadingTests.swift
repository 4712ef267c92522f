import Foundation
import PlanCore
import PlanFiles
import Testing

@testable import PlanCatalog

@Suite struct CSVReadingTests {
    @Test func quotedFieldsLineEndsAndTrailingCommas() throws {
        let csv = "\u{FEFF}a,b,c\r\n1, two ,\"x,\"\"y\"\"\nz\"\r\n\n3,,\n4,5,"
        let log = ProblemLog()
        let table = try #require(CSVTable.parse(csv, file: "f.csv", required: ["a", "b"], log: log))
        #expect(log.problems.isEmpty)
        #expect(table.header == ["a", "b", "c"])
        #expect(table.rows.map(\.values) == [["1", "two", "x,\"y\"\nz"], ["3", "", ""], ["4", "5", ""]])
        #expect(table.rows.map(\.line) == [2, 5, 6])
        #expect(table.rows[0]["c"] == "x,\"y\"\nz" && table.rows[0]["missing"] == "")
    }

    @Test func widthMismatchAndMissingColumns() {
        let log = ProblemLog()
        _ = CSVTable.parse("a,b\n1\n", file: "f.csv", required: ["a"], log: log)
        #expect(log.problems.map(\.description) == ["f.csv:2: expected 2 fields, found 1"])
        let missing = ProblemLog()
        #expect(CSVTable.parse("a,b\n", file: "f.csv", required: ["c"], log: missing) == nil)
        #expect(CSVTable.parse("", file: "f.csv", required: [], log: missing) == nil)
    }

    /// The integer fast path writes what `%.6f` would.
    @Test func plainNumberFastPathAgreesWithFormat() {
        var generator = SeededGenerator(seed: 9)
        for _ in 0..<20_000 {
            let magnitude = pow(10, generator.uniform(-8, 9))
            let x = (generator.uniform() < 0.5 ? -1 : 1) * magnitude
            var reference = String(format: "%.6f", x)
            while reference.contains("."), reference.hasSuffix("0") { reference.removeLast() }
            if reference.hasSuffix(".") { reference.removeLast() }
            if reference == "-0" { reference = "0" }
            #expect(PlainNumber.format(x) == reference, "\(x)")
        }
    }
}
