import Foundation
import PlanFiles
import Testing

/// `plantrack schemes` and `plantrack rounds` on a real database file.
@Suite struct AssessmentCommandTests {
    @Test func aRoundFromTheCommandLine() throws {
        let dir = try CommandRunner.temporaryDirectory("rounds")
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = ["--data-dir", dir.path]
        let day = ["PLANTRACK_TODAY": "2026-11-29"]
        let scheme = SupervisionCommandTests.examples.appendingPathComponent("assessment-scheme.yaml").path
        let saved = try CommandRunner.run(["schemes", "save", scheme, "--id", "city-2024", "--note", "首版"] + db, environment: day)
        #expect(saved.status == 0 && saved.output.hasPrefix("city-2024 v1: 绿色低碳高质量发展先行区建设年度考核"), "\(saved.errors)")
        let bad = dir.appendingPathComponent("bad.yaml")
        try Data("name: x\ntargets:\n  - {target: NOPE-1, points: 100}\n".utf8).write(to: bad)
        let refused = try CommandRunner.run(["schemes", "save", bad.path, "--id", "bad"] + db, environment: day)
        #expect(refused.status != 0 && refused.errors.contains("no target NOPE-1"), "\(refused.errors)")
        #expect(try CommandRunner.run(["schemes", "list", "--format", "csv"] + db).output.split(separator: "\n").count == 2)
        let opened = try CommandRunner.run(
            ["rounds", "open", "--year", "2024", "--scheme", "city-2024", "--cutoff", "2025-03-31"] + db, environment: day)
        #expect(opened.status == 0 && opened.output.hasPrefix("2024-1 open (city-2024 v1"), "\(opened.errors)")
        let early = try CommandRunner.run(["rounds", "publish", "2024-1"] + db, environment: day)
        #expect(early.status != 0 && early.errors.contains("Freeze the data before publishing"), "\(early.errors)")
        let frozen = try CommandRunner.run(["rounds", "freeze", "2024-1"] + db, environment: day)
        #expect(frozen.status == 0 && frozen.output.contains("2024-1 frozen") && frozen.output.contains("snapshot 1: data version"))
        let results = try CommandRunner.run(["rounds", "results", "2024-1", "--format", "csv"] + db, environment: day)
        let lines = results.output.split(separator: "\n")
        #expect(results.status == 0 && lines.first == "rank,unit,name,total,grade,vetoes,rank_p5,rank_p95" && lines.count == 17)
        let sheet = try CommandRunner.run(["rounds", "results", "2024-1", "--unit", "370100", "--format", "csv"] + db, environment: day)
        #expect(sheet.status == 0 && sheet.output.split(separator: "\n").count == 15 && sheet.output.contains("\nC02-2,8,"))
        #expect(try CommandRunner.run(["rounds", "publish", "2024-1"] + db, environment: day).output.hasPrefix("2024-1 published"))
        let file = dir.appendingPathComponent("results.xlsx")
        #expect(try CommandRunner.run(["rounds", "results", "2024-1", "--out", file.path] + db, environment: day).status == 0)
        let rows = try XLSXReader.read(try Data(contentsOf: file))
        #expect(rows.count == 17 && rows[0].cells.prefix(3) == ["名次", "单位代码", "单位"])
        #expect(try CommandRunner.run(["rounds", "list", "--format", "csv"] + db).output.contains("2024-1,2024,city-2024 v1,2025-03-31,published,1"))
    }
}
