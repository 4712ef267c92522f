import Foundation
import PlanCore
import Testing

@testable import PlanTrackCLI

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

    @Test func csvNeutralizesFormulasAndTheTerminalShowsEscapes() {
        let hostile = DataTable(
            columns: ["actor", "n"], rows: [[.text("=cmd|' /C calc'!A0"), .number(-1.5)], [.text("x\u{1B}[2J\u{7}"), .integer(-2)]])
        #expect(hostile.csv() == "actor,n\n'=cmd|' /C calc'!A0,-1.5\nx\u{1B}[2J\u{7},-2\n", "numbers stay numbers; only text is neutralized")
        let text = hostile.terminalText()
        #expect(!text.contains("\u{1B}") && !text.contains("\u{7}"))
        #expect(text.contains("x\\u{1B}[2J\\u{7}"))
    }
}
