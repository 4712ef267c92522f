import Foundation
import PlanCatalog
import PlanCore
import PlanFiles
import PlanServices
import PlanStore
import Testing

/// The responsibility list's file, and supervision through the services: who may import, report
/// and review; evidence checks; the inbox and its escalation.
@Suite struct ResponsibilityFileTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples")
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    enum Bundled {
        static let plan = try! Catalog.bundled()
        static let units = try! Catalog.bundledReporting(plan: plan).units
    }

    static func context(year: Int = 2026) throws -> ResponsibilityFile.Context {
        let plan = Bundled.plan
        let units = Bundled.units
        return ResponsibilityFile.Context(units: units, articleCount: plan.articles.count, targetIDs: Set(plan.targets.map(\.id)), year: year)
    }

    @Test func theDemoWorkbookReadsBelowItsTitleRow() throws {
        let data = try Data(contentsOf: Self.examples.appendingPathComponent("responsibility-list-demo.xlsx"))
        let (format, rows) = try ResponsibilityFile.parse(data)
        #expect(format == .xlsx && rows.count == 8 && rows[0].line == 3)
        let tasks = ResponsibilityFile.tasks(rows, context: try Self.context())
        #expect(tasks.allSatisfy { $0.problems.isEmpty }, "\(tasks.flatMap(\.problems).map(\.messageZh))")
        let first = try #require(tasks[0].task)
        #expect(first.id == "2026-1" && first.leadUnits == ["dept-energy"] && first.supportUnits == ["dept-drc", "soe-energy"])
        #expect(
            first.due == Day(year: 2026, month: 12, day: 31) && first.dueText == "2026年12月底" && first.article == 49 && first.targetIDs == ["A049-1"])
        #expect(first.milestones.map(\.due.description) == ["2026-03-31", "2026-09-30"] && first.milestones[0].deliverable == "印发年度工作要点")
        #expect(tasks[3].task?.due == nil && tasks[3].task?.dueText == "长期坚持")
        #expect(tasks[7].task?.leadUnits == ["soe-port"] && tasks[7].task?.supportUnits == ["dept-energy", "370200"])
    }

    @Test func theDemoCSVReadsTheSameInUTF8AndGBK() throws {
        let text = try String(contentsOf: Self.examples.appendingPathComponent("responsibility-list-demo.csv"), encoding: .utf8)
        let xlsx = ResponsibilityFile.tasks(
            try ResponsibilityFile.parse(try Data(contentsOf: Self.examples.appendingPathComponent("responsibility-list-demo.xlsx"))).rows,
            context: try Self.context()
        ).compactMap(\.task)
        for data in [Data(text.utf8), try #require(text.data(using: Self.gb18030))] {
            let (format, rows) = try ResponsibilityFile.parse(data)
            #expect(format == (data.count == text.utf8.count ? .csvUTF8 : .csvGBK))
            let tasks = ResponsibilityFile.tasks(rows, context: try Self.context()).compactMap(\.task)
            #expect(tasks.count == 8 && zip(tasks, xlsx).allSatisfy { $0.sameContent(as: $1) })
        }
    }

    @Test func everyProblemIsNamedWithItsLine() throws {
        let csv = """
            序号,重点任务,牵头单位,配合单位,完成时限,对应条款,关联目标,阶段节点
            1,任务一,省教育厅,,2026年6月底,第12条,,
            2,任务二,市中区,,下半年,第200条,Z999-9,明年 开工
            1,任务三,济南市,,2026-06-30,,,
            第4项,,,,2026年,,,
            """
        let rows = try ResponsibilityFile.parse(Data(csv.utf8)).rows
        let results = ResponsibilityFile.tasks(rows, context: try Self.context())
        let messages = results.map { $0.problems.map(\.messageZh).joined(separator: " | ") }
        #expect(messages[0].contains("牵头单位「省教育厅」不是已登记的填报单位"))
        #expect(messages[1].contains("可指多个单位") && messages[1].contains("无法识别完成时限「下半年」"))
        #expect(messages[1].contains("对应条款「第200条」无效") && messages[1].contains("关联目标「Z999-9」不存在") && messages[1].contains("阶段节点「明年 开工」"))
        #expect(messages[2].contains("序号 1 在 2026 年度重复"))
        #expect(messages[3].contains("序号「第4项」无效") && messages[3].contains("重点任务为空") && messages[3].contains("牵头单位为空"))
        #expect(results.allSatisfy { $0.task == nil })
        #expect(results.map { $0.problems.first?.line } == [2, 3, 4, 5])
    }

    @Test func aFileWithoutTheColumnsSaysWhatIsMissing() {
        #expect {
            try ResponsibilityFile.parse(Data("a,b,c\n1,2,3\n".utf8))
        } throws: { error in
            guard case ReportFileError.missingColumns(let missing, _) = error else { return false }
            return missing.contains("重点任务") && missing.contains("牵头单位")
        }
        #expect(throws: ReportFileError.self) { try ResponsibilityFile.parse(Data("序号,重点任务,牵头单位,完成时限\n".utf8)) }
    }

    @Test func theExportReadsBackUnchanged() throws {
        let tasks = ResponsibilityFile.tasks(
            try ResponsibilityFile.parse(try Data(contentsOf: Self.examples.appendingPathComponent("responsibility-list-demo.xlsx"))).rows,
            context: try Self.context()
        ).compactMap(\.task)
        let exported = try ResponsibilityFile.xlsx(tasks, units: Bundled.units)
        let again = ResponsibilityFile.tasks(try ResponsibilityFile.parse(exported).rows, context: try Self.context(year: 2030)).compactMap(\.task)
        #expect(again.count == tasks.count && zip(again, tasks).allSatisfy { $0.sameContent(as: $1) })
    }
}

@Suite struct SupervisionServiceTests {
    static let demo = ResponsibilityFileTests.examples.appendingPathComponent("responsibility-list-demo.xlsx")
    static let pdf = Data("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)

    static func importDemo(_ services: Services) async throws {
        let result = try await services.supervision.importList(
            try Data(contentsOf: demo), sheet: nil, fileName: "demo.xlsx", year: nil, identity: ServicesFixture.operatorIdentity,
            actor: ServicesFixture.operatorIdentity.actor(ip: "local"), dryRun: false)
        #expect(result.count(.new) == 8)
    }

    @Test func onlyTheOfficeImportsAndAPreviewKeepsNothing() async throws {
        try await ServicesFixture.withServices { services in
            let office = try await ServicesFixture.user(services, "office", .office, "370000")
            let reporter = try await ServicesFixture.user(services, "rep", .reporter, "370100")
            let data = try Data(contentsOf: Self.demo)
            await #expect(throws: ServiceError.notAllowed("manageTasks", unit: "370000")) {
                try await services.supervision.importList(
                    data, sheet: nil, fileName: "demo.xlsx", year: nil, identity: reporter, actor: reporter.actor(ip: "t"), dryRun: false)
            }
            let preview = try await services.supervision.importList(
                data, sheet: nil, fileName: "demo.xlsx", year: nil, identity: office, actor: office.actor(ip: "t"), dryRun: true)
            #expect(preview.count(.new) == 8 && preview.dryRun)
            #expect(try await services.supervision.tasks(year: nil).isEmpty)
            let done = try await services.supervision.importList(
                data, sheet: nil, fileName: "demo.xlsx", year: nil, identity: office, actor: office.actor(ip: "t"), dryRun: false)
            #expect(done.count(.new) == 8)
            let again = try await services.supervision.importList(
                data, sheet: nil, fileName: "demo.xlsx", year: nil, identity: office, actor: office.actor(ip: "t"), dryRun: false)
            #expect(again.count(.unchanged) == 8, "re-importing the same list changes nothing")
            #expect(try await services.supervision.tasks(year: 2026, unit: "370100").map(\.id) == ["2026-2", "2026-5"])
            let responsibility = try await services.supervision.responsibility(year: 2026)
            #expect(responsibility[49]?.lead == ["dept-energy"] && responsibility[49]?.support == ["dept-drc", "soe-energy"])
            // A bad file changes nothing and says why.
            let bad = try await services.supervision.importList(
                Data("序号,重点任务,牵头单位,完成时限\n9,新任务,省教育厅,2026年底\n".utf8), sheet: nil, fileName: "bad.csv", year: nil, identity: office,
                actor: office.actor(ip: "t"), dryRun: false)
            #expect(bad.outcomes == nil && bad.problemCount == 1)
            #expect(try await services.supervision.tasks(year: nil).count == 8)
        }
    }

    @Test func editingATaskInTheBrowserChecksLikeAnImport() async throws {
        try await ServicesFixture.withServices { services in
            try await Self.importDemo(services)
            let office = try await ServicesFixture.user(services, "office", .office, "370000")
            var form = SupervisionService.TaskForm(try await services.supervision.task("2026-3"), units: try await services.reporting.tree().units)
            #expect(form.lead == "省生态环境厅" && form.milestones.contains("2026-05-31 发布创建工作方案"))
            form.title = "开展近零碳试点创建（调整）"
            form.lead = "省生态环境厅、济南市"
            let saved = try await services.supervision.saveTask(form, editing: "2026-3", identity: office, actor: office.actor(ip: "t"))
            #expect(saved.title == "开展近零碳试点创建（调整）" && saved.leadUnits == ["dept-ecology", "370100"] && saved.position == 3)
            form.lead = "不存在的单位"
            await #expect {
                try await services.supervision.saveTask(form, editing: "2026-3", identity: office, actor: office.actor(ip: "t"))
            } throws: { error in
                guard case ServiceError.invalid(let zh, _, _, _) = error else { return false }
                return zh.contains("不存在的单位")
            }
            let added = try await services.supervision.saveTask(
                SupervisionService.TaskForm(
                    year: 2026, number: "9", title: "新增任务", lead: "青岛", support: "", due: "2026-12-31", article: "十二", targets: "", milestones: "",
                    deliverable: ""), editing: nil, identity: office, actor: office.actor(ip: "t"))
            #expect(added.id == "2026-9" && added.article == 12 && added.leadUnits == ["370200"] && added.position == 9)
            await #expect(throws: ServiceError.self) {
                try await services.supervision.saveTask(
                    SupervisionService.TaskForm(
                        year: 2026, number: "9", title: "重复", lead: "青岛", support: "", due: "2026-12-31", article: "", targets: "", milestones: "",
                        deliverable: ""), editing: nil, identity: office, actor: office.actor(ip: "t"))
            }
            try await services.supervision.deleteTask("2026-9", identity: office, actor: office.actor(ip: "t"))
            #expect(try await services.store.task(id: "2026-9") == nil)
        }
    }

    @Test func aLeadUnitReportsWithEvidenceAndItsReviewerDecides() async throws {
        try await ServicesFixture.withServices { services in
            try await Self.importDemo(services)
            let rep = try await ServicesFixture.user(services, "rep", .reporter, "370100")
            let qingdao = try await ServicesFixture.user(services, "qd", .reporter, "370200")
            let reviewer = try await ServicesFixture.user(services, "rev", .reviewer, "370100")
            let office = try await ServicesFixture.user(services, "office", .office, "370000")
            let s = services.supervision
            let form = SupervisionService.ProgressForm(
                status: .behind, confidence: .mediumLow, narrative: "政策清单征求意见中", files: [(name: "会议纪要.pdf", data: Self.pdf)],
                milestonesDone: [1])
            // Only the task's lead units, only their own reporters; the office does not report.
            await #expect(throws: ServiceError.self) {
                try await s.reportProgress(task: "2026-3", unit: "370100", form: form, identity: rep, actor: rep.actor(ip: "t"))
            }
            await #expect(throws: ServiceError.self) {
                try await s.reportProgress(task: "2026-5", unit: "370100", form: form, identity: qingdao, actor: qingdao.actor(ip: "t"))
            }
            await #expect(throws: ServiceError.self) {
                try await s.reportProgress(task: "2026-5", unit: "370100", form: form, identity: office, actor: office.actor(ip: "t"))
            }
            // Bad evidence refuses the whole report: wrong type, content not matching its name, too large.
            for (name, data) in [("a.exe", Self.pdf), ("fake.pdf", Data("hello".utf8)), ("big.pdf", Self.pdf + Data(count: EvidenceRules.maxBytes))] {
                await #expect(throws: ServiceError.self, "\(name)") {
                    try await s.reportProgress(
                        task: "2026-5", unit: "370100",
                        form: .init(status: .onSchedule, confidence: .high, narrative: "", files: [(name: name, data: data)]), identity: rep,
                        actor: rep.actor(ip: "t"))
                }
            }
            await #expect(throws: ServiceError.self, "behind needs a narrative") {
                try await s.reportProgress(
                    task: "2026-5", unit: "370100", form: .init(status: .behind, confidence: .low, narrative: " "), identity: rep,
                    actor: rep.actor(ip: "t"))
            }
            #expect(try await services.store.progress(taskIDs: nil, units: nil).isEmpty, "refusals keep nothing")
            let saved = try await s.reportProgress(task: "2026-5", unit: "370100", form: form, identity: rep, actor: rep.actor(ip: "t"))
            #expect(saved.state == .draft && saved.period == Period(year: 2026, span: .month(11)) && saved.evidence.first?.sha256.count == 64)
            #expect(try await s.task("2026-5").milestones[0].doneOn == ServicesFixture.today)
            // The evidence: its unit and reviewers while a draft; others not.
            let fileID = saved.evidence[0].id
            #expect(try await s.evidence(fileID, identity: reviewer).data == Self.pdf)
            await #expect(throws: ServiceError.self) { try await s.evidence(fileID, identity: qingdao) }
            await #expect(throws: ServiceError.notAuthenticated) { try await s.evidence(fileID, identity: nil) }
            _ = try await s.stepProgress(
                .submit, task: "2026-5", unit: "370100", period: saved.period, reason: nil, identity: rep, actor: rep.actor(ip: "t"))
            await #expect(throws: ServiceError.self, "submitted reports wait for review") {
                try await s.reportProgress(task: "2026-5", unit: "370100", form: form, identity: rep, actor: rep.actor(ip: "t"))
            }
            await #expect(throws: ServiceError.self, "a return needs a reason") {
                try await s.stepProgress(
                    .returnReport, task: "2026-5", unit: "370100", period: saved.period, reason: "", identity: reviewer,
                    actor: reviewer.actor(ip: "t"))
            }
            let approved = try await s.stepProgress(
                .approve, task: "2026-5", unit: "370100", period: saved.period, reason: nil, identity: reviewer, actor: reviewer.actor(ip: "t"))
            #expect(approved.state == .approved && approved.reviewedBy == "rev")
            let view = try await s.taskView("2026-5", identity: nil)
            #expect(view.reports.isEmpty, "an anonymous reader sees no reports")
            #expect(view.latest["370100"]?.status == .behind)
            #expect(try await s.taskView("2026-5", identity: reviewer).reports.count == 1)
        }
    }

    @Test func theInboxDigestsEachUnitsAlertsAndEscalatesUnansweredOnes() async throws {
        try await ServicesFixture.withServices { services in
            try await Self.importDemo(services)
            let rep = try await ServicesFixture.user(services, "rep", .reporter, "370100")
            let reviewer = try await ServicesFixture.user(services, "rev", .reviewer, "370000")
            let office = try await ServicesFixture.user(services, "office", .office, "370000")
            let s = services.supervision
            // 2026-11-29: task 5's milestone (2026-06-30) is long overdue for Jinan; the task is due 2026-12-31.
            let mine = try await s.inbox(rep)
            #expect(mine.map(\.unit.code) == ["370100"])
            let items = mine[0].items
            #expect(items.contains { $0.alert.id == "milestone_overdue|370100|2026-5#1" && $0.escalation == .office })
            #expect(items.contains { $0.alert.kind == .figuresOverdue }, "Jinan's 2025 figures are overdue in the calendar")
            #expect(!items.contains { $0.alert.kind == .taskDueSoon }, "due in 32 days is not soon")
            #expect(items.first?.alert.severity == .red)
            // Acknowledging stops the escalation; muting hides it from one person only.
            try await s.mark("milestone_overdue|370100|2026-5#1", as: .acknowledged, identity: rep, actor: rep.actor(ip: "t"))
            let acked = try await s.inbox(rep)[0].items.first { $0.alert.id == "milestone_overdue|370100|2026-5#1" }
            #expect(acked?.acknowledged == true && acked?.escalation == .unit)
            try await s.mark("figures|370100|2025", as: .muted, identity: rep, actor: rep.actor(ip: "t"))
            #expect(!(try await s.inbox(rep)[0].items.contains { $0.alert.id == "figures|370100|2025" }))
            #expect(try await s.inbox(rep, showMuted: true)[0].items.contains { $0.alert.id == "figures|370100|2025" && $0.muted })
            #expect(try await s.inbox(office).contains { $0.items.contains { $0.alert.id == "figures|370100|2025" } })
            // A reviewer above sees the units below once their alerts have escalated; the acknowledged one stays with Jinan.
            let above = try await s.inbox(reviewer)
            #expect(above.count > 1)
            #expect(!above.contains { $0.items.contains { $0.alert.id == "milestone_overdue|370100|2026-5#1" } })
            #expect(above.flatMap(\.items).allSatisfy { $0.alert.unitCode == "370000" || $0.escalation >= .reviewer })
            // Marks only on alerts in one's scope.
            let qingdao = try await ServicesFixture.user(services, "qd", .reporter, "370200")
            await #expect(throws: ServiceError.self) {
                try await s.mark("milestone_overdue|370100|2026-5#1", as: .acknowledged, identity: qingdao, actor: qingdao.actor(ip: "t"))
            }
            await #expect(throws: ServiceError.notFound(what: "alert nothing")) {
                try await s.mark("nothing", as: .acknowledged, identity: rep, actor: rep.actor(ip: "t"))
            }
            // Off-track provincial targets go to the lead units of the tasks that serve them.
            let all = try await s.allAlerts()
            let targets = all.filter { $0.kind == .targetOffTrack }
            #expect(!targets.isEmpty && targets.allSatisfy { !$0.textZh.isEmpty && $0.link.hasPrefix("/targets/") })
        }
    }

    @Test func ownersSayingOnScheduleWhileTheTargetSlipsAreFlagged() async throws {
        try await ServicesFixture.withServices { services in
            let (_, evaluations) = try await services.plans.evaluations()
            let offTrack = try #require(evaluations.first { AlertRules.severity(of: $0.status) != nil })
            let office = try await ServicesFixture.user(services, "office", .office, "370000")
            let rep = try await ServicesFixture.user(services, "rep", .reporter, "370100")
            let rev = try await ServicesFixture.user(services, "rev", .reviewer, "370100")
            let s = services.supervision
            _ = try await s.saveTask(
                SupervisionService.TaskForm(
                    year: 2026, number: "1", title: "推进目标任务", lead: "济南市", support: "", due: "2026-12-31", article: "", targets: offTrack.targetID,
                    milestones: "", deliverable: ""), editing: nil, identity: office, actor: office.actor(ip: "t"))
            for month in [10, 11] {
                let period = Period(year: 2026, span: .month(month))
                _ = try await s.reportProgress(
                    task: "2026-1", unit: "370100", period: period,
                    form: .init(status: .onSchedule, confidence: .high, narrative: "顺利", submit: true),
                    identity: rep, actor: rep.actor(ip: "t"))
                #expect(try await s.ledTasks(unit: "370100").first?.divergent == (month == 11), "one report is not yet a pattern")
                _ = try await s.stepProgress(
                    .approve, task: "2026-1", unit: "370100", period: period, reason: nil, identity: rev, actor: rev.actor(ip: "t"))
            }
            let led = try await s.ledTasks(unit: "370100")
            #expect(led.count == 1 && led[0].divergent && led[0].latest?.period == Period(year: 2026, span: .month(11)))
            #expect(try await s.taskView("2026-1", identity: nil).divergent == ["370100"])
            #expect(try await s.taskView("2026-1", identity: nil).targetStatuses[offTrack.targetID] == offTrack.status)
            #expect(try await s.ledTasks(unit: "370200").isEmpty)
            #expect(try await s.tasks(year: nil, article: 49).isEmpty)
        }
    }
}
