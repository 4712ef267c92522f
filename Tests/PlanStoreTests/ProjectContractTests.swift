import Foundation
import PlanCatalog
import PlanCore
import PlanStore
import SQLKit
import Testing

/// The project-library part of the storage contract, on SQLite and PostgreSQL: declarations all or
/// nothing, admission with versions and stage history, adjustments that keep every version,
/// monthly reports that refuse to replace an approved one, problems linked to their orders.
extension StoreContractTests {
    static func project(_ serial: Int, unit: String = "370100") -> Project {
        Project(
            code: String(format: "2026-370102-44-01-%06d", serial), name: "项目\(serial)", owner: "公司\(serial)", unitCode: unit, countyCode: "370102",
            cityCode: "370100", sector: "equipment", articles: [37], targetIDs: [], totalInvestment: 10_000, annualInvestment: [2026: 4000],
            plannedStart: Day(year: 2026, month: 3, day: 1), plannedCompletion: Day(year: 2027, month: 12, day: 31), content: "内容", location: "历下",
            contact: "", stage: .declared, requestedStage: .annual, windowYear: 2026)
    }

    static let accept: @Sendable (Project, Project?) throws -> Void = { _, _ in }

    @Test(arguments: StoreKind.available)
    func theLibraryKeepsDeclarationsVersionsReportsAndProblems(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await Self.seeded(store)
            let version = try await store.projectsVersion()
            let stamp = try await store.alertInputsStamp()
            // A dry run keeps nothing; a refused row keeps nothing of the others.
            #expect(
                try await store.declareProjects(
                    [Self.project(1), Self.project(2)], actor: Self.actor, dryRun: true, summary: nil, check: Self.accept) == [.new, .new])
            #expect(try await store.projects().isEmpty)
            await #expect(throws: ProjectError.self) {
                _ = try await store.declareProjects([Self.project(1), Self.project(2)], actor: Self.actor, dryRun: false, summary: nil) { p, _ in
                    if p.code.hasSuffix("2") { throw ProjectError(zh: "不行", en: "No") }
                }
            }
            #expect(try await store.projects().isEmpty)
            #expect(
                try await store.declareProjects(
                    [Self.project(1), Self.project(2), Self.project(3)], actor: Self.actor, dryRun: false, summary: nil, check: Self.accept) == [
                        .new, .new, .new,
                    ])
            let (newVersion, newStamp) = (try await store.projectsVersion(), try await store.alertInputsStamp())
            #expect(newVersion > version && newStamp != stamp)
            #expect(
                try await store.declareProjects([Self.project(1)], actor: Self.actor, dryRun: false, summary: nil, check: Self.accept) == [.unchanged]
            )
            #expect(try await store.project(code: Self.project(1).code) == Self.project(1), "a project reads back field for field")

            try await store.saveDeclarationWindow(
                DeclarationWindow(
                    year: 2026, opens: Day(year: 2026, month: 1, day: 1), closes: Day(year: 2026, month: 12, day: 31), criteria: "标准",
                    openedBy: "office"),
                actor: Self.office)
            try await store.saveProjectReview(
                ProjectReview(code: Self.project(1).code, reviewer: "rev", score: 90, comment: "好", at: "2026-11-01T00:00:00Z"), actor: Self.office)
            try await store.saveProjectReview(
                ProjectReview(code: Self.project(1).code, reviewer: "rev", score: 88, comment: "改", at: "2026-11-02T00:00:00Z"), actor: Self.office)
            #expect(try await store.projectReviews(code: Self.project(1).code).map(\.score) == [88], "a reviewer's second score replaces the first")

            let day = Day(year: 2026, month: 11, day: 20)
            try await store.admitProjects(
                admitted: [Self.project(1).code, Self.project(2).code], rejected: [Self.project(3).code], on: day, reason: "遴选", actor: Self.office
            ) { _ in }
            let stages = try await store.projects().map(\.stage)
            #expect(stages == [.annual, .annual, .notSelected])
            await #expect(throws: ProjectError.self) {
                try await store.saveProjectReview(
                    ProjectReview(code: Self.project(1).code, reviewer: "x", score: 1, comment: "", at: ""), actor: Self.office)
            }
            try await store.publishDeclarationWindow(year: 2026, actor: Self.office)
            #expect(try await store.declarationWindows().first?.publishedAt != nil)
            #expect(try await store.projectVersions(code: Self.project(1).code).map(\.project.version) == [1])
            #expect(try await store.projectTransitions(code: Self.project(1).code).map(\.to) == [.declared, .annual])

            // An adjustment: the request keeps the project as it would be; approval makes v2.
            var later = Self.project(1)
            later.stage = .annual
            later.plannedCompletion = Day(year: 2028, month: 6, day: 30)
            let request = try await store.requestAdjustment(code: later.code, kind: .schedule, proposed: later, reason: "顺延", actor: Self.actor) {
                _, _ in
            }
            #expect(request.status == .pending && request.proposed.plannedCompletion == later.plannedCompletion)
            #expect(
                try await store.project(code: later.code)?.plannedCompletion == Day(year: 2027, month: 12, day: 31), "nothing changes before approval"
            )
            let approved = try await store.decideAdjustment(id: request.id, approve: true, note: "同意", on: day, actor: Self.office) { _, _ in }
            #expect(approved.status == .approved && approved.version == 2)
            let current = try #require(try await store.project(code: later.code))
            #expect(current.version == 2 && current.plannedCompletion == later.plannedCompletion && current.stage == .annual)
            let versions = try await store.projectVersions(code: later.code)
            #expect(versions.map(\.project.version) == [1, 2] && versions[0].project.plannedCompletion == Day(year: 2027, month: 12, day: 31))
            let withdraw = try await store.requestAdjustment(
                code: Self.project(2).code, kind: .withdraw, proposed: Self.project(2), reason: "退出", actor: Self.actor
            ) { _, _ in }
            _ = try await store.decideAdjustment(id: withdraw.id, approve: true, note: "", on: day, actor: Self.office) { _, _ in }
            #expect(try await store.project(code: Self.project(2).code)?.stage == .withdrawn)

            // Reports: saved with their problems; an approved one is never replaced.
            let code = later.code
            let oct = ProjectReport(
                code: code, month: Period("2026-10")!, investmentMonth: 500, investmentToDate: 3000, investmentYear: 2000, progress: 20,
                milestones: [.land, .start])
            let problem = ProjectProblem(
                id: 0, code: code, month: Period("2026-10")!, text: "用地未落实", help: "请协调", ownerUnit: "370100",
                due: Day(year: 2026, month: 12, day: 31))
            #expect(try await store.saveProjectReports([oct], problems: [problem], actor: Self.actor, dryRun: false, summary: nil) { _ in } == [.new])
            #expect(try await store.projectReports(code: code, month: nil).first?.milestones == [.land, .start])
            #expect(try await store.submittedProjectReports().map(\.month) == [Period("2026-10")!])
            #expect(
                try await store.reviewProjectReports(
                    [ProjectReportKey(code: code, month: Period("2026-10")!)], approve: true, note: "", actor: Self.office) == 1)
            await #expect(throws: ProjectError.self) {
                _ = try await store.reviewProjectReports(
                    [ProjectReportKey(code: code, month: Period("2026-10")!)], approve: true, note: "", actor: Self.office)
            }
            #expect(try await store.latestApprovedProjectReports(year: 2026)[code]?.investmentYear == 2000)
            #expect(try await store.latestApprovedProjectReports(year: 2025).isEmpty)
            #expect(try await store.reportedMonths(since: Period("2026-09")!)[code] == ["2026-10"])
            await #expect(throws: ProjectError.self) {
                _ = try await store.saveProjectReports([oct], problems: [], actor: Self.actor, dryRun: false, summary: nil) { stored in
                    if stored.values.contains(where: { $0.status == .approved }) { throw ProjectError(zh: "已审核", en: "approved") }
                }
            }
            let problems = try await store.projectProblems(code: code)
            #expect(problems.count == 1 && problems[0].orderID == nil && problems[0].isOpen)
            var order = SupervisionOrder(
                year: 2026, seq: 0, unitCode: "370100", subject: OrderSubject(kind: .project, id: code), matter: "用地未落实", requirement: "请协调",
                level: .key, due: Day(year: 2026, month: 12, day: 31), issuedBy: "office", issuerUnit: "370000", issuedOn: day)
            order.source = "project-problem:\(problems[0].id)"
            let issued = try await store.issueOrders([order], note: "", actor: Self.office)
            #expect(try await store.projectProblems(code: code).first?.orderID == issued.first?.id, "a problem finds the order made of it")
            #expect(try await store.order(id: issued[0].id)?.subject == OrderSubject(kind: .project, id: code))
            try await store.closeProjectProblem(id: problems[0].id, note: "已协调", on: day, actor: Self.office)
            await #expect(throws: ProjectError.self) {
                try await store.closeProjectProblem(id: problems[0].id, note: "", on: day, actor: Self.office)
            }

            // The rules are data.
            #expect(try await store.projectRules() == .standard)
            var rules = ProjectRules.standard
            rules.investmentRedGap = 20
            try await store.saveProjectRules(rules, actor: Self.office)
            #expect(try await store.projectRules().investmentRedGap == 20)
            let actions = Set(try await store.audit(AuditQuery(limit: 500)).entries.map(\.action))
            #expect(
                [
                    "project.declare", "window.open", "project.review", "project.admit", "project.reject", "window.publish", "adjustment.request",
                    "adjustment.approve", "project.report", "problem.raise", "project.report.approve", "problem.close", "project.rules",
                ].allSatisfy(actions.contains))
        }
    }
}
