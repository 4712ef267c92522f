import Foundation
import PlanCore
import PlanFiles
import PlanStore
import Testing

/// `plantrack tasks import|export|list` and `plantrack alerts` on a real database file.
@Suite struct SupervisionCommandTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples")

    @Test func theListInBatchAndTheAlertsItRaises() throws {
        let dir = try CommandRunner.temporaryDirectory("tasks")
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = ["--data-dir", dir.path]
        let day = ["PLANTRACK_TODAY": "2026-11-29"]
        let demo = Self.examples.appendingPathComponent("responsibility-list-demo.csv").path
        let dry = try CommandRunner.run(["tasks", "import", demo, "--year", "2026", "--dry-run", "--format", "csv"] + db, environment: day)
        #expect(dry.status == 0 && dry.errors.contains("new 8, changed 0, unchanged 0, problems 0 (dry run: nothing written)"), "\(dry.errors)")
        #expect(try CommandRunner.run(["tasks", "list", "--format", "csv"] + db).output == "task,title,lead,support,due,article,latest\n")
        let done = try CommandRunner.run(["tasks", "import", demo, "--year", "2026"] + db, environment: day)
        #expect(done.status == 0 && done.errors.contains("CSV (UTF-8): 8 rows; new 8"))
        let list = try CommandRunner.run(["tasks", "list", "--unit", "370100", "--format", "csv"] + db)
        #expect(list.output.split(separator: "\n").map { $0.split(separator: ",").first ?? "" } == ["task", "2026-2", "2026-5"])
        #expect(list.output.contains("2026-5,支持济南做大做强新一代信息技术等支柱产业,370100,\"dept-drc,dept-industry\",2026-12-31,73,370100=none"))
        // A bad file names its problems and writes nothing.
        let bad = dir.appendingPathComponent("bad.csv")
        try Data("序号,重点任务,牵头单位,完成时限\n1,任务,省教育厅,明年\n".utf8).write(to: bad)
        let refused = try CommandRunner.run(["tasks", "import", bad.path, "--format", "csv"] + db, environment: day)
        #expect(refused.status != 0 && refused.output.contains("省教育厅") && refused.output.contains("明年") && refused.errors.contains("nothing written"))
        #expect(try CommandRunner.run(["tasks", "list", "--format", "csv"] + db).output.split(separator: "\n").count == 9)
        // The export reads back as the same list.
        let exported = dir.appendingPathComponent("list.xlsx")
        #expect(try CommandRunner.run(["tasks", "export", exported.path, "--year", "2026"] + db).status == 0)
        let rows = try XLSXReader.read(try Data(contentsOf: exported))
        #expect(rows.count == 9 && rows[1].cells[2] == "省能源局")
        let again = try CommandRunner.run(["tasks", "import", exported.path, "--format", "csv"] + db, environment: day)
        #expect(again.errors.contains("new 0, changed 0, unchanged 8"), "\(again.errors)")
        // On 2026-11-29 task 5's milestone (2026-06-30) is overdue for Jinan; task 3 is due tomorrow.
        let alerts = try CommandRunner.run(["alerts", "--unit", "370100", "--format", "csv"] + db, environment: day)
        #expect(alerts.status == 0 && alerts.output.contains("370100,red,milestone_overdue,2026-5#1,2026-07-01,office,"))
        let ecology = try CommandRunner.run(["alerts", "--unit", "dept-ecology", "--format", "csv"] + db, environment: day)
        #expect(ecology.output.contains("dept-ecology,yellow,task_due,2026-3,"))
    }
}

/// `plantrack orders list|export` on a real database file.
@Suite struct OrderCommandTests {
    @Test func theLedgerListsAndExports() async throws {
        let dir = try CommandRunner.temporaryDirectory("orders")
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = ["--data-dir", dir.path]
        let day = ["PLANTRACK_TODAY": "2026-11-29"]
        #expect(try CommandRunner.run(["orders", "list", "--format", "csv"] + db, environment: day).output.hasPrefix("order,unit,level,state"))
        try await ServerProcessTests.withStore(.sqlite(dir)) { store in
            let drafts = [("370100", 11, 1), ("370200", 12, 20)].map { unit, month, day in
                SupervisionOrder(
                    year: 2026, seq: 0, unitCode: unit, subject: OrderSubject(kind: .other, id: ""), matter: "事项 \(unit)", requirement: "答复",
                    level: .key, due: Day(year: 2026, month: month, day: day), issuedBy: "office", issuerUnit: "370000",
                    issuedOn: Day(year: 2026, month: 10, day: 30))
            }
            _ = try await store.issueOrders(drafts, note: "", actor: Actor(username: "office", unitCode: "370000", ip: "t", channel: "cli"))
        }
        let list = try CommandRunner.run(["orders", "list", "--format", "csv"] + db, environment: day)
        #expect(list.status == 0)
        #expect(list.output.split(separator: "\n").dropFirst().map { String($0.prefix(6)) } == ["2026-1", "2026-2"], "the overdue one first")
        #expect(list.output.contains("2026-1,370100,key,issued,2026-10-30,2026-11-01,28,30,other,事项 370100"))
        let overdue = try CommandRunner.run(["orders", "list", "--show", "overdue", "--format", "csv"] + db, environment: day)
        #expect(overdue.output.split(separator: "\n").count == 2)
        let bad = try CommandRunner.run(["orders", "list", "--show", "late"] + db, environment: day)
        #expect(bad.status != 0 && bad.errors.contains("--show"))
        let file = dir.appendingPathComponent("ledger.xlsx")
        #expect(try CommandRunner.run(["orders", "export", file.path, "--unit", "370200"] + db, environment: day).status == 0)
        let rows = try XLSXReader.read(try Data(contentsOf: file))
        #expect(rows.count == 2 && rows[1].cells[1] == "青岛市")
    }
}

/// `plantrack policies import|export|list` on a real database file.
@Suite struct PolicyCommandTests {
    @Test func thePolicyListInBatch() throws {
        let dir = try CommandRunner.temporaryDirectory("policies")
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = ["--data-dir", dir.path]
        let day = ["PLANTRACK_TODAY": "2026-11-29"]
        let demo = SupervisionCommandTests.examples.appendingPathComponent("policy-list-demo.csv").path
        let dry = try CommandRunner.run(["policies", "import", demo, "--dry-run", "--format", "csv"] + db, environment: day)
        #expect(dry.status == 0 && dry.errors.contains("new 6, changed 0, unchanged 0, problems 0 (dry run: nothing written)"), "\(dry.errors)")
        #expect(try CommandRunner.run(["policies", "list", "--format", "csv"] + db).output.split(separator: "\n").count == 1)
        #expect(try CommandRunner.run(["policies", "import", demo] + db, environment: day).status == 0)
        let late = try CommandRunner.run(["policies", "list", "--status", "drafting", "--format", "csv"] + db, environment: day)
        #expect(late.output.contains("5,济南市绿色低碳产业发展扶持办法,370100,drafting,2026-04-30,,,73,late"), "\(late.output)")
        let bad = dir.appendingPathComponent("bad.csv")
        try Data("序号,政策名称,发文单位,计划出台时间,状态\n1,政策,省教育厅,明年,拟议\n".utf8).write(to: bad)
        let refused = try CommandRunner.run(["policies", "import", bad.path, "--format", "csv"] + db, environment: day)
        #expect(refused.status != 0 && refused.output.contains("省教育厅") && refused.errors.contains("nothing written"))
        let exported = dir.appendingPathComponent("policies.xlsx")
        #expect(try CommandRunner.run(["policies", "export", exported.path] + db).status == 0)
        let again = try CommandRunner.run(["policies", "import", exported.path, "--format", "csv"] + db, environment: day)
        #expect(again.errors.contains("new 0, changed 0, unchanged 6"), "\(again.errors)")
        let alerts = try CommandRunner.run(["alerts", "--unit", "370100", "--format", "csv"] + db, environment: day)
        #expect(alerts.output.contains("370100,red,policy_overdue,5,2026-05-01,"))
    }
}

/// `plantrack stocktake` on a real database file, printing with headless Chromium when it is
/// installed.
@Suite struct StocktakeCommandTests {
    @Test func aStocktakeIsOpenedAndPrinted() throws {
        let dir = try CommandRunner.temporaryDirectory("stocktake")
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = ["--data-dir", dir.path]
        let day = ["PLANTRACK_TODAY": "2026-11-29"]
        let pdf = dir.appendingPathComponent("pack.pdf")
        let run = try CommandRunner.run(["stocktake", "--date", "2026-11-29", "--scope", "370100", "--pdf", pdf.path] + db, environment: day)
        #expect(run.errors.contains("stocktake 2026-11-29-370100:"), "\(run.errors)")
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") {
            #expect(run.status == 0 && run.output == "2026-11-29-370100\n")
            #expect(try Data(contentsOf: pdf).starts(with: Data("%PDF".utf8)))
        } else {
            #expect(run.status != 0 && run.errors.contains("Chromium is not installed"))
        }
        // The same day and scope again finds the stocktake; a bad scope is refused.
        #expect(
            try CommandRunner.run(["stocktake", "--date", "2026-11-29", "--scope", "370100"] + db, environment: day).output == "2026-11-29-370100\n")
        let bad = try CommandRunner.run(["stocktake", "--date", "2026-11-29", "--scope", "chapter-x!"] + db, environment: day)
        #expect(bad.status != 0 && bad.errors.contains("--scope"))
    }
}

/// `plantrack diligence` on a real database file.
@Suite struct DiligenceCommandTests {
    @Test func everyUnitsTableAndOneUnitsMonths() throws {
        let dir = try CommandRunner.temporaryDirectory("diligence")
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = ["--data-dir", dir.path]
        let day = ["PLANTRACK_TODAY": "2026-11-29"]
        let header = "score,due,on_time,timeliness,expected,present,completeness,values,revised_late,flagged,reports,with_evidence"
        let table = try CommandRunner.run(["diligence", "--month", "2026-10", "--format", "csv"] + db, environment: day)
        #expect(table.status == 0 && table.output.hasPrefix("unit,name," + header + "\n"), "\(table.errors)")
        let rows = table.output.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let scores = rows.compactMap { Double($0[2]) }
        #expect(scores == scores.sorted(), "the lowest score first")
        // The bundled calendar has the port group's quarterly figures fall due in October, unsent.
        let port = try #require(rows.first { $0[0] == "soe-port" })
        #expect(port[2] == "0" && port[3] == "1" && port[4] == "0")
        let months = try CommandRunner.run(["diligence", "--unit", "soe-port", "--months", "2", "--format", "csv"] + db, environment: day)
        let lines = months.output.split(separator: "\n").map(String.init)
        #expect(months.status == 0 && lines.first == "month," + header && lines.dropFirst().map { String($0.prefix(7)) } == ["2026-11", "2026-10"])
        #expect(lines[2] == "2026-10," + port.dropFirst(2).joined(separator: ","), "the same counts either way")
        let workbook = dir.appendingPathComponent("diligence.xlsx")
        let written = try CommandRunner.run(["diligence", "--year", "2026", "--xlsx", workbook.path] + db, environment: day)
        #expect(written.status == 0 && written.errors.contains("wrote"))
        #expect(try XLSXReader.read(try Data(contentsOf: workbook)).first?.cells.prefix(3) == ["单位代码", "单位", "得分"])
        let bad = try CommandRunner.run(["diligence", "--month", "2026-13"] + db, environment: day)
        #expect(bad.status != 0 && bad.errors.contains("month"))
        #expect(try CommandRunner.run(["diligence", "--unit", "370100", "--xlsx", workbook.path] + db).status != 0)
    }
}
