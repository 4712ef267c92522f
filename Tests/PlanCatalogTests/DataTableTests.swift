@testable import PlanCatalog
import PlanCore
import Foundation
import Testing

@Suite struct DataTableTests {
    let table = DataTable(
        columns: ["id", "name", "value", "count", "flag"],
        rows: [
            [.text("a"), .text("含,逗号"), .number(2.5), .integer(3), .bool(true)],
            [.text("b"), .text("say \"hi\"\nthen"), .number(nil), .integer(nil), .bool(false)],
        ])

    @Test func csvQuotesOnlyWhereNeeded() {
        #expect(table.csv() == "id,name,value,count,flag\na,\"含,逗号\",2.5,3,true\nb,\"say \"\"hi\"\"\nthen\",,,false\n")
    }

    @Test func jsonKeepsColumnOrderAndTypes() {
        let expected = """
            [
              {"id": "a", "name": "含,逗号", "value": 2.5, "count": 3, "flag": true},
              {"id": "b", "name": "say \\"hi\\"\\nthen", "value": null, "count": null, "flag": false}
            ]

            """
        #expect(table.json() == expected)
    }

    @Test func emptyTableIsAnEmptyArray() {
        #expect(DataTable(columns: ["a"]).json() == "[]\n")
        #expect(DataTable(columns: ["a", "b"]).csv() == "a,b\n")
    }
}

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

@Suite struct TextDecodingTests {
    @Test func readsUTF8WithOrWithoutBOM() throws {
        let text = "指标,数值\n研发,2.6\n"
        #expect(TextDecoding.decode(Data(text.utf8))?.text == text)
        #expect(TextDecoding.decode(Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)))?.encoding == .utf8)
    }

    @Test func readsGBK() throws {
        // "山东省统计局" in GBK.
        let gbk: [UInt8] = [0xC9, 0xBD, 0xB6, 0xAB, 0xCA, 0xA1, 0xCD, 0xB3, 0xBC, 0xC6, 0xBE, 0xD6]
        let decoded = try #require(TextDecoding.decode(Data(Array("source,".utf8) + gbk + [0x0A])))
        #expect(decoded.encoding == .gb18030)
        #expect(decoded.text == "source,山东省统计局\n")
    }

    @Test func refusesBinary() {
        #expect(TextDecoding.decode(Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x01, 0xFF, 0xFE])) == nil)
    }
}
