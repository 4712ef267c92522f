import Foundation
import PlanCore
import Testing

/// The library's pure rules: the project code, the stage moves, adjustments within their kind,
/// the dispatch calendar, the red/yellow/green judgement and the roll-ups.
struct ProjectRulesTests {
    static let day = Day(year: 2026, month: 11, day: 29)

    static func project(
        stage: ProjectStage = .started, start: Day = Day(year: 2025, month: 1, day: 1), completion: Day = Day(year: 2027, month: 12, day: 31),
        annual: [Int: Double] = [2026: 12000]
    ) -> Project {
        Project(
            code: "2026-370102-44-01-000001", name: "测试项目", owner: "测试公司", unitCode: "370100", countyCode: "370102", cityCode: "370100",
            sector: "equipment", articles: [37], targetIDs: ["A037-1"], totalInvestment: 100_000, annualInvestment: annual, plannedStart: start,
            plannedCompletion: completion, content: "建设内容", location: "历下区", contact: "", stage: stage, windowYear: 2026)
    }

    static func report(_ month: String, year: Double, progress: Double) -> ProjectReport {
        ProjectReport(
            code: "2026-370102-44-01-000001", month: Period(month)!, investmentMonth: 1000, investmentToDate: 50_000, investmentYear: year,
            progress: progress, milestones: [.start], status: .approved)
    }

    @Test func codesHaveTheNationalShapeAndAKnownDivision() throws {
        let code = try ProjectCode.parse("2024-370102-44-01-123456").get()
        #expect(code.year == 2024 && code.division == "370102" && code.industry == "44" && code.type == "01" && code.serial == "123456")
        for bad in [
            "2024-370102-44-01-12345", "2024370102-44-01-123456", "2024-37010A-44-01-123456", "1899-370102-44-01-123456", "",
            "2024-370102-44-01-1234567",
        ] {
            #expect(throws: ProjectCode.Problem.self, "\(bad)") { try ProjectCode.parse(bad).get() }
        }
        #expect(throws: ProjectCode.Problem.self) { try ProjectCode.check("2024-999999-44-01-123456", divisions: ["370102"]).get() }
        #expect(try ProjectCode.check(" 2024-370102-44-01-123456 ", divisions: ["370102"]).get().description == "2024-370102-44-01-123456")
    }

    @Test func stagesMoveForwardOnlyAndWithdrawalEndsThem() {
        #expect(
            ProjectStage.reserve.canMove(to: .annual) && ProjectStage.annual.canMove(to: .started) && ProjectStage.started.canMove(to: .completed))
        #expect(
            !ProjectStage.started.canMove(to: .annual) && !ProjectStage.completed.canMove(to: .withdrawn)
                && !ProjectStage.declared.canMove(to: .annual))
        #expect(ProjectStage.withdrawn.next.isEmpty && ProjectStage.evaluated.next.isEmpty)
        #expect(ProjectStage.allCases.filter(\.reportsMonthly) == [.annual, .started])
    }

    @Test func anAdjustmentChangesOnlyWhatItsKindMay() {
        let current = Self.project()
        var later = current
        later.plannedCompletion = Day(year: 2028, month: 6, day: 30)
        #expect(ProjectAdjustment.check(kind: .schedule, current: current, proposed: later) == nil)
        #expect(ProjectAdjustment.check(kind: .investment, current: current, proposed: later) != nil)
        var both = later
        both.totalInvestment = 1
        #expect(ProjectAdjustment.check(kind: .schedule, current: current, proposed: both)?.zh.contains("总投资") == true)
        #expect(ProjectAdjustment.check(kind: .scope, current: current, proposed: current) != nil, "a request that changes nothing")
        #expect(ProjectAdjustment.check(kind: .withdraw, current: current, proposed: current) == nil)
        #expect(Project.differences(current, later).map(\.key) == ["plannedCompletion"])
    }

    @Test func reportsAreDueOnTheRulesDayOfTheNextMonth() {
        #expect(DispatchCalendar.due(Period("2026-12")!, dueDay: 5) == Day(year: 2027, month: 1, day: 5))
        #expect(DispatchCalendar.due(Period("2026-03")!, dueDay: 31) == Day(year: 2026, month: 4, day: 28))
        #expect(ProjectStanding.lastDueMonth(today: Day(year: 2026, month: 12, day: 4), dueDay: 5) == Period("2026-10"))
        #expect(ProjectStanding.lastDueMonth(today: Day(year: 2026, month: 12, day: 5), dueDay: 5) == Period("2026-11"))
        #expect(ProjectStanding.lastDueMonth(today: Day(year: 2027, month: 1, day: 3), dueDay: 5) == Period("2026-11"))
        #expect(ProjectStanding.months(from: Period("2025-11")!, to: Period("2026-02")!) == 3)
    }

    @Test func investmentBehindTimeElapsedIsRedBeyondTheRedGap() {
        // On 2026-11-29 the latest month due is October: 10/12 of the year (83.3 %) has elapsed.
        let rules = ProjectRules.standard
        let green = ProjectStanding.judge(Self.project(), latest: Self.report("2026-10", year: 10_000, progress: 60), today: Self.day, rules: rules)
        #expect(green.rag == .green && abs(green.timeElapsed - 250.0 / 3) < 1e-9 && abs(green.investmentCompletion! - 250.0 / 3) < 1e-9)
        let yellow = ProjectStanding.judge(Self.project(), latest: Self.report("2026-10", year: 9_000, progress: 60), today: Self.day, rules: rules)
        #expect(yellow.rag == .yellow, "75 % done against 83.3 % elapsed: 8.3 points behind")
        let red = ProjectStanding.judge(Self.project(), latest: Self.report("2026-10", year: 7_000, progress: 60), today: Self.day, rules: rules)
        #expect(red.rag == .red && red.reasons.contains { $0.zh.contains("落后序时进度") })
        var lenient = rules
        lenient.investmentRedGap = 30
        lenient.investmentYellowGap = 26
        #expect(
            ProjectStanding.judge(Self.project(), latest: Self.report("2026-10", year: 7_000, progress: 60), today: Self.day, rules: lenient).rag
                == .green)
    }

    @Test func progressBehindTheScheduleLineAndSilenceAndALateStartAreJudged() {
        // Planned 2025-01-01 to 2027-12-31: by 2026-10-31 the line stands at 61.2 %.
        let behind = ProjectStanding.judge(
            Self.project(), latest: Self.report("2026-10", year: 10_000, progress: 40), today: Self.day, rules: .standard)
        #expect(
            behind.rag == .red
                && abs(
                    behind.scheduledProgress! - 100 * Double(Day(year: 2026, month: 10, day: 31).ordinal - Day(year: 2025, month: 1, day: 1).ordinal)
                        / Double(Day(year: 2027, month: 12, day: 31).ordinal - Day(year: 2025, month: 1, day: 1).ordinal)) < 1e-9
        )
        let silent = ProjectStanding.judge(
            Self.project(), latest: Self.report("2026-08", year: 10_000, progress: 60), today: Self.day, rules: .standard)
        #expect(silent.rag == .red && silent.reasons.contains { $0.en.contains("2 months") })
        let late = ProjectStanding.judge(
            Self.project(stage: .annual, start: Day(year: 2026, month: 9, day: 1), annual: [:]), latest: nil, today: Self.day, rules: .standard)
        #expect(late.rag == .red && late.reasons.contains { $0.en.contains("Not started 89 days") })
        let notYet = ProjectStanding.judge(Self.project(stage: .reserve), latest: nil, today: Self.day, rules: .standard)
        #expect(notYet.rag == .none && notYet.reasons.isEmpty)
    }

    @Test func rulesThatContradictThemselvesAreRefused() {
        var r = ProjectRules.standard
        #expect(r.problems.isEmpty)
        r.investmentYellowGap = 20
        r.dueDay = 30
        #expect(r.problems.count == 2)
    }

    @Test func rollupsPutTheGroupsWithMostRedFirst() {
        func item(_ code: String, city: String, rag: ProjectRAG, articles: [Int], done: Double) -> ProjectRollup.Item {
            var p = Self.project()
            p.code = code
            p.cityCode = city
            p.articles = articles
            var s = ProjectStanding.judge(p, latest: nil, today: Self.day, rules: .standard)
            s.rag = rag
            return ProjectRollup.Item(project: p, standing: s, yearDone: done)
        }
        let items = [
            item("a", city: "370100", rag: .green, articles: [37], done: 6000), item("b", city: "370200", rag: .red, articles: [37, 45], done: 1000),
            item("c", city: "370200", rag: .yellow, articles: [45], done: 2000), item("d", city: "370100", rag: .green, articles: [45], done: 0),
        ]
        let byCity = ProjectRollup.rows(items, by: .city, year: 2026)
        #expect(byCity.map(\.key) == ["370200", "370100"])
        #expect(byCity[0].codes == ["b", "c"] && byCity[0].planned == 24_000 && byCity[0].done == 3000 && byCity[0].completion == 12.5)
        let byArticle = ProjectRollup.rows(items, by: .article, year: 2026)
        #expect(
            byArticle.map(\.key) == ["45", "37"] && byArticle[0].count == 3 && byArticle[1].count == 2,
            "a project serving two articles counts in both")
    }
}
