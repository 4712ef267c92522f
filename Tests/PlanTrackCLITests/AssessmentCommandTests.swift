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
        // The example scheme without the veto: on the synthetic series every city misses a binding target.
        let scheme = dir.appendingPathComponent("scheme.yaml").path
        try String(contentsOf: SupervisionCommandTests.examples.appendingPathComponent("assessment-scheme.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "veto: true", with: "veto: false").write(toFile: scheme, atomically: true, encoding: .utf8)
        // The synthetic full workload: with the published data alone no city line is assessable.
        let workload = dir.appendingPathComponent("workload")
        #expect(try CommandRunner.run(["bench-data", "--scale", "full", "--seed", "7", "--out", workload.path]).status == 0)
        let loaded = try CommandRunner.run(
            ["load-data", "--observations", workload.appendingPathComponent("observations.csv").path] + db, environment: day)
        #expect(loaded.status == 0, "\(loaded.errors)")
        let saved = try CommandRunner.run(["schemes", "save", scheme, "--id", "city-2024", "--note", "首版"] + db, environment: day)
        #expect(saved.status == 0 && saved.output.hasPrefix("city-2024 v1: 绿色低碳高质量发展先行区建设年度考核"), "\(saved.errors)")
        let bad = dir.appendingPathComponent("bad.yaml")
        try Data("name: x\ntargets:\n  - {target: NOPE-1, points: 100}\n".utf8).write(to: bad)
        let refused = try CommandRunner.run(["schemes", "save", bad.path, "--id", "bad"] + db, environment: day)
        #expect(refused.status != 0 && refused.errors.contains("no target NOPE-1"), "\(refused.errors)")
        #expect(try CommandRunner.run(["schemes", "list", "--format", "csv"] + db).output.split(separator: "\n").count == 2)
        // As a workbook and back: the same scheme, so nothing to save.
        let workbook = dir.appendingPathComponent("scheme.xlsx")
        #expect(try CommandRunner.run(["schemes", "export", "city-2024", "--out", workbook.path] + db).status == 0)
        let again = try CommandRunner.run(["schemes", "save", workbook.path, "--id", "city-2024-x"] + db, environment: day)
        #expect(again.status == 0 && again.output.hasPrefix("city-2024-x v1:"), "\(again.errors)")
        #expect(again.errors.contains("check: A008-1 is a level"), "the scheme check after saving")
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
        let qualitative = try CommandRunner.run(
            ["rounds", "qualitative", "2024-1", "--unit", "370100", "--item", "tasks", "--points", "4", "--reason", "按期推进"] + db, environment: day)
        #expect(qualitative.status == 0 && qualitative.output == "2024-1 370100 tasks: 4\n", "\(qualitative.errors)")
        let tooMany = try CommandRunner.run(
            ["rounds", "qualitative", "2024-1", "--unit", "370100", "--item", "tasks", "--points", "9", "--reason", "x"] + db, environment: day)
        #expect(tooMany.status != 0 && tooMany.errors.contains("must be 0–5"), "\(tooMany.errors)")
        // A city appeals a line; the office accepts it with the corrected value.
        let user = try CommandRunner.run(
            ["user", "add", "jn.rep", "--role", "reporter", "--unit", "370100", "--password-stdin"] + db, input: "correct-horse-battery\n",
            environment: day.merging(["PLANTRACK_BCRYPT_COST": "4"]) { a, _ in a })
        #expect(user.status == 0, "\(user.errors)")
        let filed = try CommandRunner.run(
            ["appeals", "file", "2024-1", "--unit", "370100", "--target", "C02-2", "--reason", "数据有误", "--as", "jn.rep"] + db, environment: day)
        #expect(filed.status == 0 && filed.output.hasPrefix("2024-1-1 pending: 370100 C02-2"), "\(filed.errors)")
        let held = try CommandRunner.run(["rounds", "publish", "2024-1"] + db, environment: day)
        #expect(held.status != 0 && held.errors.contains("appeals are pending"), "\(held.errors)")
        let notAUnit = try CommandRunner.run(
            ["appeals", "accept", "2024-1", "1", "--value", "0.3", "--reason", "核实", "--as", "jn.rep"] + db, environment: day)
        #expect(notAUnit.status != 0)
        let accepted = try CommandRunner.run(["appeals", "accept", "2024-1", "1", "--value", "0.3", "--reason", "核实"] + db, environment: day)
        #expect(accepted.status == 0 && accepted.output.hasPrefix("2024-1-1 accepted") && accepted.output.contains("0.3"), "\(accepted.errors)")
        #expect(try CommandRunner.run(["appeals", "list", "2024-1", "--format", "csv"] + db).output.contains("2024-1-1,370100,C02-2,accepted,"))
        #expect(try CommandRunner.run(["rounds", "publish", "2024-1"] + db, environment: day).output.hasPrefix("2024-1 published"))
        // A funds pool, allocated from the published results and confirmed.
        let pool = try CommandRunner.run(
            ["pools", "save", "2024-1", "--id", "funds", "--name", "激励资金", "--amount", "10000", "--mark", "0", "--cap", "2000"] + db,
            environment: day)
        #expect(pool.status == 0 && pool.output.hasPrefix("2024-1/funds draft: 10000 万元"), "\(pool.errors)")
        let badPool = try CommandRunner.run(["pools", "save", "2024-1", "--id", "land", "--name", "用地", "--amount=-1"] + db, environment: day)
        #expect(badPool.status != 0 && badPool.errors.contains("The amount must be above 0"), "\(badPool.errors)")
        let shown = try CommandRunner.run(["pools", "show", "2024-1", "funds", "--format", "csv"] + db, environment: day)
        #expect(shown.status == 0 && shown.output.split(separator: "\n").count == 17, "\(shown.errors)")
        #expect(try CommandRunner.run(["pools", "confirm", "2024-1", "funds"] + db, environment: day).output == "2024-1/funds confirmed\n")
        let allocation = dir.appendingPathComponent("allocation.xlsx")
        #expect(try CommandRunner.run(["pools", "show", "2024-1", "funds", "--out", allocation.path] + db, environment: day).status == 0)
        let allocated = try XLSXReader.read(try Data(contentsOf: allocation))
        #expect(allocated.count == 18 && allocated[17].cells[0] == "合计" && allocated[17].cells[8] == "10000")
        let file = dir.appendingPathComponent("results.xlsx")
        #expect(try CommandRunner.run(["rounds", "results", "2024-1", "--out", file.path] + db, environment: day).status == 0)
        let rows = try XLSXReader.read(try Data(contentsOf: file))
        #expect(rows.count == 17 && rows[0].cells.prefix(3) == ["名次", "单位代码", "单位"])
        #expect(try CommandRunner.run(["rounds", "list", "--format", "csv"] + db).output.contains("2024-1,2024,city-2024 v1,2025-03-31,published,1"))
    }
}
