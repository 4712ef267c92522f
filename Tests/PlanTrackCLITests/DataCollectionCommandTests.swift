import Foundation
import PlanCore
import PlanStore
import Testing

/// `plantrack user`, `import`, `template` and `audit` on a real database file.
@Suite struct DataCollectionCommandTests {
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    @Test func usersFromTheCommandLine() throws {
        let dir = try CommandRunner.temporaryDirectory("users")
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = ["--data-dir", dir.path]
        let first = try CommandRunner.run(["user", "add", "admin", "--role", "admin"] + db)
        #expect(first.status == 0 && first.output.contains("created admin (admin, unit province)"))
        let generated = try #require(first.output.split(separator: "\n").first { $0.hasPrefix("password: ") }).dropFirst(10)
        #expect(generated.count == 20)
        #expect(
            try CommandRunner.run(
                ["user", "add", "jn.rep", "--role", "reporter", "--unit", "370100", "--name", "济南填报员", "--password-stdin"] + db,
                input: "jinan-password-1\n"
            ).status == 0)
        let duplicate = try CommandRunner.run(["user", "add", "jn.rep", "--role", "viewer"] + db)
        #expect(duplicate.status != 0 && duplicate.errors.contains("用户 jn.rep 已存在"))
        let badUnit = try CommandRunner.run(["user", "add", "x.y", "--role", "viewer", "--unit", "999999"] + db)
        #expect(badUnit.status != 0 && badUnit.errors.contains("999999"))
        let weak = try CommandRunner.run(["user", "add", "weak", "--role", "viewer", "--password-stdin"] + db, input: "short\n")
        #expect(weak.status != 0 && weak.errors.contains("至少 10 个字符"))
        let badRole = try CommandRunner.run(["user", "add", "x.z", "--role", "king"] + db)
        #expect(badRole.status != 0 && badRole.errors.contains("unknown role king"))

        #expect(try CommandRunner.run(["user", "set-role", "jn.rep", "--role", "reviewer"] + db).output.contains("jn.rep: reviewer, unit 370100"))
        #expect(try CommandRunner.run(["user", "disable", "jn.rep"] + db).status == 0)
        let reset = try CommandRunner.run(["user", "reset-password", "jn.rep"] + db)
        #expect(reset.status == 0 && reset.output.contains("password: "))
        let list = try CommandRunner.run(["user", "list", "--format", "csv"] + db)
        #expect(list.output.hasPrefix("username,display_name,unit_code,role,disabled,created_at\n"))
        #expect(list.output.contains("jn.rep,济南填报员,370100,reviewer,true,"))
        #expect(try CommandRunner.run(["user", "disable", "ghost"] + db).status != 0)

        let audit = try CommandRunner.run(["audit", "--action", "user.", "--format", "csv"] + db)
        let actions = audit.output.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[5] }
        #expect(actions == ["user.password", "user.disable", "user.role", "user.create", "user.create"])
        #expect(audit.output.contains(",cli:"), "the operator is recorded as cli:<login>")
    }

    /// `--until` with a day includes that whole day, as on the audit page and in the API; a name
    /// typed at the login form cannot reach the terminal as an escape sequence or a spreadsheet as
    /// a formula.
    @Test func auditUntilADayIncludesTheDayAndHostileTextIsNeutralized() throws {
        let dir = try CommandRunner.temporaryDirectory("audit")
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = ["--data-dir", dir.path]
        #expect(try CommandRunner.run(["user", "add", "=cmd|calc", "--role", "viewer"] + db).status != 0)
        #expect(try CommandRunner.run(["user", "add", "admin", "--role", "admin", "--name", "=HYPERLINK(1)"] + db).status == 0)
        let today = String(Timestamp.string(Date()).prefix(10))
        let until = try CommandRunner.run(["audit", "--until", today, "--format", "csv"] + db)
        #expect(until.status == 0 && until.output.contains("user.create"), "today's entries are included: \(until.output)")
        let yesterday = String(Timestamp.string(Date().addingTimeInterval(-86_400)).prefix(10))
        let before = try CommandRunner.run(["audit", "--until", yesterday, "--format", "csv"] + db)
        #expect(before.status == 0 && !before.output.contains("user.create"))
        let bad = try CommandRunner.run(["audit", "--until", "yesterday"] + db)
        #expect(bad.status != 0 && bad.errors.contains("until"))

        let list = try CommandRunner.run(["user", "list", "--format", "csv"] + db)
        #expect(list.output.contains(",'=HYPERLINK(1),"), "a formula-like cell is neutralized in CSV: \(list.output)")
        #expect(
            try CommandRunner.run(["user", "add", "esc", "--role", "viewer", "--name", "a\u{1B}[2Jb"] + db).status != 0,
            "control characters are refused")
    }

    @Test func importsWithDryRunProgressAndRefusals() throws {
        let dir = try CommandRunner.temporaryDirectory("import")
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = ["--data-dir", dir.path]
        let file = dir.appendingPathComponent("济南2025.csv")
        let csv = "指标代码,期别,数值,计量单位,备注\ngdp,2025,1.35,万亿元,统计公报\nresident_population,2025,950.2,万人,\npm25,2025,36,,\n"
        try #require(csv.data(using: Self.gb18030)).write(to: file)

        let dry = try CommandRunner.run(["import", file.path, "--unit", "370100", "--dry-run", "--format", "csv"] + db)
        #expect(dry.status == 0)
        #expect(dry.output.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[4] } == ["new", "new", "new"])
        #expect(dry.errors.contains("CSV (GBK/GB18030): 3 rows; new 3, changed 0, unchanged 0, errors 0 (dry run: nothing written)"))

        let real = try CommandRunner.run(["import", file.path, "--unit", "370100", "--progress"] + db)
        #expect(real.status == 0 && real.errors.contains("writing [") && real.errors.contains("100% 3/3"))
        let again = try CommandRunner.run(["import", file.path, "--unit", "370100", "--quiet"] + db)
        #expect(again.status == 0 && again.errors.contains("new 0, changed 0, unchanged 3"))

        // A named user's permissions apply: a Jinan reporter may not import for Qingdao.
        #expect(
            try CommandRunner.run(
                ["user", "add", "jn.rep", "--role", "reporter", "--unit", "370100", "--password-stdin"] + db, input: "jinan-password-1\n"
            ).status == 0)
        let other = try CommandRunner.run(["import", file.path, "--unit", "370200", "--as", "jn.rep"] + db)
        #expect(other.status != 0 && other.errors.contains("无权对单位 370200 执行此操作"))

        let bad = dir.appendingPathComponent("bad.csv")
        try Data("indicator_key,period,value\ngdp,2025,abc\nnope,2025,1\n".utf8).write(to: bad)
        let refused = try CommandRunner.run(["import", bad.path, "--unit", "370100"] + db)
        #expect(refused.status != 0 && refused.output.contains("“abc” is not a number") && refused.errors.contains("nothing written"))
        let binary = dir.appendingPathComponent("x.xlsx")
        try Data([0x50, 0x4B, 0x03, 0x04, 0, 1, 2, 3]).write(to: binary)
        let broken = try CommandRunner.run(["import", binary.path, "--unit", "370100"] + db)
        #expect(broken.status != 0 && broken.errors.contains("XLSX"))

        // The template carries the values entered so far: importing it back changes nothing.
        let xlsx = dir.appendingPathComponent("t.xlsx")
        #expect(try CommandRunner.run(["template", "--unit", "370100", "--output", xlsx.path] + db).status == 0)
        let fromTemplate = try CommandRunner.run(["import", xlsx.path, "--unit", "370100", "--dry-run", "--format", "csv"] + db)
        #expect(fromTemplate.status == 0 && fromTemplate.errors.contains("XLSX: 3 rows; new 0, changed 0, unchanged 3"), "\(fromTemplate.errors)")
        // Qingdao's template has nothing filled in yet: refused with a clear message.
        let empty = dir.appendingPathComponent("qd.xlsx")
        #expect(try CommandRunner.run(["template", "--unit", "370200", "--output", empty.path] + db).status == 0)
        let unfilled = try CommandRunner.run(["import", empty.path, "--unit", "370200", "--dry-run"] + db)
        #expect(unfilled.status != 0 && unfilled.errors.contains("没有填写任何数值"), "an unfilled template is refused with a clear message")

        let audit = try CommandRunner.run(["audit", "--action", "import", "--format", "csv"] + db)
        #expect(audit.output.contains("new=0 changed=0 unchanged=3") && audit.output.contains("new=3 changed=0 unchanged=0"))
    }
}
