import Foundation
import PlanCatalog
import PlanCore
import PlanStore
import SQLKit
import Testing

/// The supervision part of the storage contract: tasks, progress with evidence, alert marks.
extension StoreContractTests {
    static let office = Actor(username: "office", unitCode: "370000", ip: "127.0.0.1", channel: "web")

    static func sampleTask(_ number: String, title: String = "推进能源绿色低碳转型", lead: [String] = ["370100", "dept-energy"]) -> WorkTask {
        WorkTask(
            year: 2026, number: number, position: Int(number) ?? 1, title: title, article: 12, leadUnits: lead, supportUnits: ["dept-drc"],
            due: Day(year: 2026, month: 12, day: 31), dueText: "2026年底", deliverable: "实施方案", targetIDs: [],
            milestones: [
                Milestone(due: Day(year: 2026, month: 6, day: 30), deliverable: "完成初稿"),
                Milestone(due: Day(year: 2026, month: 9, day: 30), deliverable: "征求意见"),
            ])
    }

    @Test(arguments: StoreKind.available)
    func tasksAreSavedAllOrNothingAndKeepWhatWasDone(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await Self.seeded(store)
            let dry = try await store.saveTasks([Self.sampleTask("1"), Self.sampleTask("2")], actor: Self.office, dryRun: true, summary: nil)
            #expect(dry == [.new, .new])
            #expect(try await store.tasks(year: nil).isEmpty, "a dry run keeps nothing")
            let summary = AuditEntry(
                at: "2026-11-29T00:00:00.000Z", actor: Self.office, action: "tasks.import", unitCode: "370000", subject: "list.xlsx")
            #expect(
                try await store.saveTasks([Self.sampleTask("1"), Self.sampleTask("2")], actor: Self.office, dryRun: false, summary: summary) == [
                    .new, .new,
                ])
            let stored = try await store.tasks(year: 2026)
            #expect(stored.map(\.id) == ["2026-1", "2026-2"])
            #expect(stored[0].leadUnits == ["370100", "dept-energy"] && stored[0].supportUnits == ["dept-drc"])
            #expect(stored[0].milestones.map(\.deliverable) == ["完成初稿", "征求意见"] && stored[0].due == Day(year: 2026, month: 12, day: 31))
            #expect(try await store.audit(AuditQuery(action: "tasks.import")).entries.first?.after == "new=2 changed=0 unchanged=0")
            // A milestone reported done stays done when the list is imported again unchanged or changed elsewhere.
            let report = ProgressReport(
                taskID: "2026-1", unitCode: "370100", period: Period(year: 2026, span: .month(7)), status: .onSchedule, confidence: .high,
                narrative: "已完成初稿")
            _ = try await store.saveProgress(report, evidence: [], milestonesDone: [1], on: Day(year: 2026, month: 7, day: 15), actor: Self.actor) {
                _ in .draft
            }
            var changed = Self.sampleTask("1", title: "推进能源绿色低碳转型（修订）")
            changed.position = 1
            #expect(
                try await store.saveTasks([changed, Self.sampleTask("2")], actor: Self.office, dryRun: false, summary: nil) == [.changed, .unchanged])
            let after = try await store.task(id: "2026-1")
            #expect(after?.title == "推进能源绿色低碳转型（修订）")
            #expect(
                after?.milestones[0].doneOn == Day(year: 2026, month: 7, day: 15) && after?.milestones[0].doneBy == "370100"
                    && after?.milestones[1].doneOn == nil)
            // A task with reports cannot be deleted; one without can.
            await #expect(throws: SupervisionError.self) { try await store.deleteTask(id: "2026-1", actor: Self.office) }
            try await store.deleteTask(id: "2026-2", actor: Self.office)
            #expect(try await store.tasks(year: nil).map(\.id) == ["2026-1"])
            // An unknown unit refuses the whole save.
            await #expect(throws: (any Error).self) {
                try await store.saveTasks(
                    [Self.sampleTask("3"), Self.sampleTask("4", lead: ["no-such-unit"])], actor: Self.office, dryRun: false, summary: nil)
            }
            #expect(try await store.task(id: "2026-3") == nil)
        }
    }

    @Test(arguments: StoreKind.available)
    func progressWithEvidenceMovesThroughItsWorkflow(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await Self.seeded(store)
            let empty = try await store.alertInputsStamp()
            _ = try await store.saveTasks([Self.sampleTask("1")], actor: Self.office, dryRun: false, summary: nil)
            let listed = try await store.alertInputsStamp()
            #expect(listed != empty, "saving tasks moves the alerts' inputs on")
            let bytes = Data([0x25, 0x50, 0x44, 0x46, 0x00, 0xFF, 0x10] + Array(repeating: 0x41, count: 3000))
            let period = Period(year: 2026, span: .month(11))
            let report = ProgressReport(
                taskID: "2026-1", unitCode: "370100", period: period, status: .behind, confidence: .mediumLow, narrative: "用地指标未落实")
            let saved = try await store.saveProgress(
                report, evidence: [NewEvidence(fileName: "会议纪要.pdf", contentType: "application/pdf", data: bytes, sha256: "abc")], milestonesDone: [],
                on: Day(year: 2026, month: 11, day: 29), actor: Self.actor
            ) { old in
                #expect(old == nil)
                return .draft
            }
            #expect(saved.state == .draft && saved.evidence.count == 1 && saved.evidence[0].size == bytes.count)
            let file = try await store.evidenceFile(id: saved.evidence[0].id)
            #expect(file?.data == bytes && file?.info.fileName == "会议纪要.pdf" && file?.unitCode == "370100" && file?.period == period)
            let submitted = try await store.transitionProgress(
                taskID: "2026-1", unit: "370100", period: period, actor: Self.actor, action: "submit", reason: nil
            ) { _ in .submitted }
            #expect(submitted.state == .submitted && submitted.submittedBy == "rep")
            #expect(try await store.alertInputsStamp() != listed, "so do reports and their steps")
            // An earlier month's approved report and this month's submitted one: the latest counts.
            let october = ProgressReport(
                taskID: "2026-1", unitCode: "370100", period: Period(year: 2026, span: .month(10)), status: .onSchedule, confidence: .high,
                narrative: "", state: .draft)
            _ = try await store.saveProgress(october, evidence: [], milestonesDone: [], on: Day(year: 2026, month: 10, day: 31), actor: Self.actor) {
                _ in .draft
            }
            _ = try await store.transitionProgress(
                taskID: "2026-1", unit: "370100", period: october.period, actor: Self.actor, action: "submit", reason: nil
            ) {
                _ in .submitted
            }
            let latest = try await store.latestCountingProgress(taskIDs: nil)
            #expect(latest.map { "\($0.unitCode) \($0.period) \($0.status.rawValue)" } == ["370100 2026-11 behind"])
            #expect(try await store.latestCountingProgress(taskIDs: ["2026-9"]).isEmpty)
            // A refused step changes nothing.
            await #expect(throws: SupervisionError.self) {
                try await store.transitionProgress(
                    taskID: "2026-1", unit: "370100", period: period, actor: Self.office, action: "approve", reason: nil
                ) { _ in
                    throw SupervisionError(zh: "不行", en: "no")
                }
            }
            #expect(try await store.progress(taskIDs: ["2026-1"], units: nil).first?.state == .submitted)
            let returned = try await store.transitionProgress(
                taskID: "2026-1", unit: "370100", period: period, actor: Self.office, action: "return", reason: "请补充进度表"
            ) { _ in .returned }
            #expect(returned.state == .returned && returned.reason == "请补充进度表" && returned.reviewedBy == "office")
            #expect(
                try await store.latestCountingProgress(taskIDs: nil).map(\.period) == [Period(year: 2026, span: .month(10))],
                "a returned report does not count")
            #expect(try await store.progress(taskIDs: nil, units: ["370200"]).isEmpty)
            let trail = try await store.audit(AuditQuery(action: "progress.")).entries.map(\.action)
            #expect(trail == ["progress.return", "progress.submit", "progress.save", "progress.submit", "progress.save"])
        }
    }

    @Test(arguments: StoreKind.available)
    func alertMarksArePerPerson(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await Self.seeded(store)
            for name in ["rep", "rev"] {
                try await store.createUser(
                    UserAccount(username: name, displayName: name, unitCode: "370100", role: .reporter), passwordHash: "x",
                    audit: Self.audit("user.create"))
            }
            try await store.markAlert(key: "task_overdue|370100|2026-1", username: "rep", mark: .acknowledged, actor: Self.actor, unitCode: "370100")
            try await store.markAlert(key: "task_overdue|370100|2026-1", username: "rev", mark: .muted, actor: Self.actor, unitCode: "370100")
            try await store.markAlert(key: "task_overdue|370100|2026-1", username: "rep", mark: .muted, actor: Self.actor, unitCode: "370100")
            try await store.markAlert(key: "task_overdue|370100|2026-1", username: "rev", mark: nil, actor: Self.actor, unitCode: "370100")
            let stamp = try await store.alertInputsStamp()
            try await store.markAlert(key: "x", username: "rep", mark: .muted, actor: Self.actor, unitCode: "370100")
            #expect(try await store.alertInputsStamp() == stamp, "a mark changes no alert")
            try await store.markAlert(key: "x", username: "rep", mark: nil, actor: Self.actor, unitCode: "370100")
            let marks = try await store.alertMarks()
            #expect(marks.map { "\($0.username) \($0.kind.rawValue)" } == ["rep muted"])
            #expect(try await store.audit(AuditQuery(action: "alert.")).total == 6)
        }
    }

    @Test(arguments: StoreKind.available)
    func aliasesAreAddedToUnitsThatHaveNone(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await Self.seeded(store)
            #expect(try await store.units().first { $0.code == "dept-drc" }?.aliases == ["省发展改革委", "省发改委"])
            try await store.addUnitAliases(["dept-drc": ["别名"], "370100": ["泉城"]])
            let units = try await store.units()
            #expect(units.first { $0.code == "dept-drc" }?.aliases == ["省发展改革委", "省发改委"], "stored aliases stay")
            #expect(units.first { $0.code == "370100" }?.aliases == ["泉城"])
        }
    }
}

extension StoreContractTests {
    /// The last counting reports of each task and unit, drafts left out.
    @Test(arguments: StoreKind.available)
    func recentCountingReportsAreTheLatestSubmittedOnes(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await Self.seeded(store)
            _ = try await store.saveTasks([Self.sampleTask("1")], actor: Self.office, dryRun: false, summary: nil)
            for (month, state) in [(7, ProgressState.approved), (8, .submitted), (9, .approved), (10, .draft)] {
                let report = ProgressReport(
                    taskID: "2026-1", unitCode: "370100", period: Period(year: 2026, span: .month(month)), status: .onSchedule, confidence: .high,
                    narrative: "第\(month)月")
                _ = try await store.saveProgress(
                    report, evidence: [], milestonesDone: [], on: Day(year: 2026, month: month, day: 28), actor: Self.actor
                ) {
                    _ in state
                }
            }
            let recent = try await store.recentCountingProgress(taskIDs: nil, count: 2)
            #expect(recent.map(\.period.description) == ["2026-09", "2026-08"])
            #expect(try await store.recentCountingProgress(taskIDs: ["2026-1"], count: 1).map(\.period.description) == ["2026-09"])
            #expect(try await store.recentCountingProgress(taskIDs: [], count: 2).isEmpty)
        }
    }
}
