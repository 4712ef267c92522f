import Foundation
import PlanCore
import PlanStore
import Testing

/// The reporting-diligence part of the storage contract: first submissions are kept through
/// returns, tasks remember the day they were listed, and the facts read back as written.
extension StoreContractTests {
    @Test(arguments: StoreKind.available)
    func firstSubmissionsAreKeptAndDiligenceFactsReadBack(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await Self.seeded(store)
            let p = Period(year: 2026, span: .month(9))
            let submit: @Sendable (Submission, [ReportValue]) throws -> Transition = { s, values in
                Transition(
                    status: try Workflow.submit(
                        s, today: Day(year: 2026, month: 11, day: 29), lockDay: nil, valueCount: values.count, unexplained: []))
            }
            _ = try await store.saveValues(
                unit: "370100",
                changes: [
                    ValueChange(indicatorKey: "gdp", period: p, value: 1000, explanation: "月度"),
                    ValueChange(indicatorKey: "rd_intensity", period: p, value: 900, explanation: "偏高，已核实", flags: ["z_score"]),
                ], actor: Self.actor, reason: "", dryRun: false, summary: nil, progress: nil, decide: Self.always)
            let first = try await store.transition(unit: "370100", period: p, actor: Self.actor, action: "submit", decide: submit)
            #expect(first.firstSubmittedAt != nil && first.firstSubmittedAt == first.updatedAt)
            let reviewer = Actor(username: "rev", unitCode: "370100", ip: "127.0.0.1", channel: "web")
            _ = try await store.transition(unit: "370100", period: p, actor: reviewer, action: "return") { s, _ in
                Transition(status: try Workflow.returnSubmission(s, reason: "请核实"), reason: "请核实")
            }
            _ = try await store.saveValues(
                unit: "370100", changes: [ValueChange(indicatorKey: "gdp", period: p, value: 1100, explanation: "月度")], actor: Self.actor,
                reason: "核实后修改", dryRun: false, summary: nil, progress: nil, decide: { _ in .draft })
            let again = try await store.transition(unit: "370100", period: p, actor: Self.actor, action: "submit", decide: submit)
            #expect(again.firstSubmittedAt == first.firstSubmittedAt && again.updatedAt > (first.firstSubmittedAt ?? ""))

            let task = Self.sampleTask("1")
            _ = try await store.saveTasks([task], actor: Self.office, dryRun: false, summary: nil)
            for month in [7, 8] {
                let report = ProgressReport(
                    taskID: task.id, unitCode: "370100", period: Period(year: 2026, span: .month(month)), status: month == 7 ? .done : .onSchedule,
                    confidence: .high, narrative: "")
                let pdf = Data("%PDF-1.4\n%%EOF\n".utf8)
                _ = try await store.saveProgress(
                    report, evidence: month == 8 ? [NewEvidence(fileName: "a.pdf", contentType: "application/pdf", data: pdf, sha256: "x")] : [],
                    milestonesDone: [], on: Day(year: 2026, month: 9, day: 1), actor: Self.actor
                ) { _ in .draft }
            }
            _ = try await store.transitionProgress(
                taskID: task.id, unit: "370100", period: Period(year: 2026, span: .month(7)), actor: Self.actor, action: "submit", reason: nil
            ) { _ in .submitted }

            let all = try await store.diligenceFacts(unit: "370100", from: nil, through: nil)
            let figures = Dictionary(uniqueKeysWithValues: all.figures.map { ($0.indicatorKey, $0) })
            #expect(figures["gdp"]?.changedAt != nil && figures["gdp"]?.flagged == false, "changed once after its first entry")
            #expect(figures["rd_intensity"]?.changedAt == nil && figures["rd_intensity"]?.flagged == true)
            let reports = Dictionary(uniqueKeysWithValues: all.progress.map { ($0.period.description, $0) })
            #expect(reports["2026-07"]?.firstSubmittedAt != nil && reports["2026-07"]?.state == .submitted && reports["2026-07"]?.evidence == 0)
            #expect(reports["2026-08"]?.firstSubmittedAt == nil && reports["2026-08"]?.evidence == 1)
            let today = Day.china(ofTimestamp: Timestamp.string(Date()))
            #expect(all.listedOn[task.id] == today || all.listedOn[task.id] == today?.adding(days: -1))
            // A window of months reads its reports; the month a task was reported done comes apart.
            let window = try await store.diligenceFacts(
                unit: nil, from: Period(year: 2026, span: .month(8)), through: Period(year: 2026, span: .month(8)))
            #expect(window.progress.map(\.period.description) == ["2026-08"])
            #expect(window.doneIn == ["\(task.id)|370100": Period(year: 2026, span: .month(7))] && all.doneIn == window.doneIn)
            #expect(try await store.diligenceFacts(unit: "370200", from: nil, through: nil).figures.isEmpty)
        }
    }
}
