import Foundation
import PlanCore
import Testing

/// The rules of supervision: reading deadlines and unit names, the progress workflow, alerts and
/// their escalation, and divergence between what owners say and what the numbers show.
@Suite struct SupervisionRulesTests {
    @Test(arguments: [
        ("2026-06-30", "2026-06-30"), ("2026/6/30", "2026-06-30"), ("2026年6月30日", "2026-06-30"), ("2026年6月底", "2026-06-30"),
        ("2026年6月", "2026-06-30"), ("2026年2月", "2026-02-28"), ("2026年底", "2026-12-31"), ("2026年", "2026-12-31"), ("2026", "2026-12-31"),
        ("2026.9", "2026-09-30"), ("46203", "2026-06-30"), (" 2026 年 6 月底 ", "2026-06-30"),
    ])
    func deadlinesAsListsWriteThem(text: String, day: String) {
        #expect(DueText.read(text) == .day(Day(day)!), "\(text)")
    }

    @Test func ongoingWorkAndNonsense() {
        #expect(DueText.read("长期坚持") == .ongoing)
        #expect(DueText.read("持续推进") == .ongoing)
        for bad in ["", "明年", "2026年13月", "2026-02-30", "1999年", "2026年6月31日", "下半年"] { #expect(DueText.read(bad) == nil, "\(bad)") }
    }

    static let units = [
        ReportingUnit(code: "370000", nameZh: "山东省", nameEn: "Shandong", kind: .region, parentCode: nil, regionCode: "370000"),
        ReportingUnit(code: "370100", nameZh: "济南市", nameEn: "Jinan", kind: .region, parentCode: "370000", regionCode: "370100"),
        ReportingUnit(code: "370103", nameZh: "市中区", nameEn: "Shizhong", kind: .region, parentCode: "370100", regionCode: "370103"),
        ReportingUnit(code: "370400", nameZh: "枣庄市", nameEn: "Zaozhuang", kind: .region, parentCode: "370000", regionCode: "370400"),
        ReportingUnit(code: "370402", nameZh: "市中区", nameEn: "Shizhong", kind: .region, parentCode: "370400", regionCode: "370402"),
        ReportingUnit(
            code: "dept-drc", nameZh: "山东省发展和改革委员会", nameEn: "DRC", kind: .department, parentCode: "370000", regionCode: "370000",
            aliases: ["省发展改革委"]),
        ReportingUnit(
            code: "dept-ecology", nameZh: "山东省生态环境厅", nameEn: "Ecology", kind: .department, parentCode: "370000", regionCode: "370000"),
        ReportingUnit(code: "soe-energy", nameZh: "山东能源集团有限公司", nameEn: "Energy", kind: .enterprise, parentCode: "370000", regionCode: "370000"),
    ]

    @Test func unitNamesAsListsWriteThem() {
        let m = UnitMatcher(Self.units)
        #expect(m.match("省发展改革委") == .unit("dept-drc"))
        #expect(m.match("山东省发展和改革委员会") == .unit("dept-drc"))
        #expect(m.match("省发展和改革委员会") == .unit("dept-drc"))
        #expect(m.match("dept-drc") == .unit("dept-drc"))
        #expect(m.match("省生态环境厅") == .unit("dept-ecology"))
        #expect(m.match("能源集团有限公司") == .unit("soe-energy"))
        #expect(m.match("济南") == .unit("370100"))
        #expect(m.match(" 济南市 ") == .unit("370100"))
        #expect(m.match("市中区") == .ambiguous(["370103", "370402"]))
        #expect(m.match("枣庄市市中区") == .unit("370402"))
        #expect(m.match("省教育厅") == .unknown)
        #expect(UnitMatcher.split("省发展改革委、济南市，枣庄市;省生态环境厅\n dept-drc") == ["省发展改革委", "济南市", "枣庄市", "省生态环境厅", "dept-drc"])
    }

    @Test func theProgressWorkflow() throws {
        #expect(try ProgressWorkflow.save(nil) == .draft)
        #expect(try ProgressWorkflow.save(.returned) == .draft)
        #expect(throws: SupervisionError.self) { try ProgressWorkflow.save(.submitted) }
        #expect(throws: SupervisionError.self) { try ProgressWorkflow.save(.approved) }
        #expect(try ProgressWorkflow.submit(.draft) == .submitted)
        #expect(throws: SupervisionError.self) { try ProgressWorkflow.submit(nil) }
        #expect(try ProgressWorkflow.approve(.submitted, submittedBy: "rep", by: "rev") == .approved)
        #expect(throws: SupervisionError.self) { try ProgressWorkflow.approve(.submitted, submittedBy: "rev", by: "rev") }
        #expect(throws: SupervisionError.self) { try ProgressWorkflow.approve(.draft, submittedBy: "rep", by: "rev") }
        #expect(throws: SupervisionError.self) { try ProgressWorkflow.returnReport(.submitted, reason: "  ") }
        #expect(try ProgressWorkflow.returnReport(.submitted, reason: "缺少附件") == .returned)
    }

    static let today = Day(year: 2026, month: 11, day: 29)

    static func task(due: Day?, milestones: [Milestone] = [], lead: [String] = ["370100", "dept-drc"]) -> WorkTask {
        WorkTask(
            year: 2026, number: "3", position: 1, title: "推进绿色低碳转型", article: 12, leadUnits: lead, due: due, dueText: due?.description ?? "长期坚持",
            milestones: milestones)
    }

    @Test func milestonesAndTasksDueSoonOrOverdueForEachLeadUnit() {
        let settings = AlertSettings(dueSoonDays: 14, reviewerAfterDays: 7, officeAfterDays: 14)
        let task = Self.task(
            due: Day(year: 2026, month: 12, day: 10),
            milestones: [
                Milestone(due: Day(year: 2026, month: 10, day: 31), deliverable: "初稿"),
                Milestone(due: Day(year: 2026, month: 9, day: 30), deliverable: "调研", doneOn: Day(year: 2026, month: 9, day: 20)),
                Milestone(due: Day(year: 2027, month: 3, day: 31), deliverable: "印发"),
            ])
        let alerts = AlertRules.tasks([task], progress: [], today: Self.today, settings: settings)
        // Per lead unit: milestone 1 overdue (red), the task due in 11 days (yellow); milestone 2 is done, 3 is far off.
        #expect(alerts.count == 4)
        let overdue = alerts.filter { $0.kind == .milestoneOverdue }
        #expect(overdue.map(\.unitCode).sorted() == ["370100", "dept-drc"])
        #expect(overdue.allSatisfy { $0.severity == .red && $0.subject == "2026-3#1" && $0.since == Day(year: 2026, month: 11, day: 1) })
        #expect(overdue[0].textZh.contains("已逾期 29 天"))
        let soon = alerts.filter { $0.kind == .taskDueSoon }
        #expect(soon.count == 2 && soon.allSatisfy { $0.severity == .yellow && $0.textEn.contains("due in 11 days") })
        // A unit that reported the task done raises nothing more; a draft saying so does not count.
        let done = ProgressReport(
            taskID: task.id, unitCode: "370100", period: Period(year: 2026, span: .month(11)), status: .done, confidence: .high, narrative: "",
            state: .submitted)
        var draft = done
        draft.unitCode = "dept-drc"
        draft.state = .draft
        let after = AlertRules.tasks([task], progress: [done, draft], today: Self.today, settings: settings)
        #expect(Set(after.map(\.unitCode)) == ["dept-drc"])
        // Ongoing work has no deadline to miss.
        #expect(AlertRules.tasks([Self.task(due: nil)], progress: [], today: Self.today, settings: settings).isEmpty)
    }

    @Test func unansweredAlertsEscalateAndAcknowledgedOnesStay() {
        let settings = AlertSettings(dueSoonDays: 14, reviewerAfterDays: 7, officeAfterDays: 14)
        let alert = Alert(
            kind: .milestoneOverdue, severity: .red, unitCode: "370100", subject: "2026-3#1", since: Day(year: 2026, month: 11, day: 1), textZh: "",
            textEn: "", link: "")
        #expect(settings.escalation(of: alert, today: Day(year: 2026, month: 11, day: 7), acknowledged: false) == .unit)
        #expect(settings.escalation(of: alert, today: Day(year: 2026, month: 11, day: 8), acknowledged: false) == .reviewer)
        #expect(settings.escalation(of: alert, today: Day(year: 2026, month: 11, day: 15), acknowledged: false) == .office)
        #expect(settings.escalation(of: alert, today: Day(year: 2026, month: 11, day: 15), acknowledged: true) == .unit)
        #expect(alert.id == "milestone_overdue|370100|2026-3#1")
    }

    @Test func targetAlertSeverities() {
        #expect(AlertRules.severity(of: .seriouslyBehind) == .red && AlertRules.severity(of: .movingAway) == .red)
        #expect(AlertRules.severity(of: .slipped) == .red)
        #expect(AlertRules.severity(of: .behind) == .yellow && AlertRules.severity(of: .compliantAtRisk) == .yellow)
        #expect(
            AlertRules.severity(of: .onTrack) == nil && AlertRules.severity(of: .achieved) == nil && AlertRules.severity(of: .notAssessable) == nil)
    }

    @Test func articleNumbersInArabicAndChinese() {
        let cases: [(String, Int?)] = [
            ("12", 12), ("第12条", 12), ("第十二条", 12), ("十", 10), ("（一百二十）", 120), ("一百零五", 105), ("第一百六十条", 160), ("第x条", nil), ("", nil),
        ]
        for (text, number) in cases { #expect(ArticleNumber.read(text) == number, "\(text)") }
    }

    @Test func divergenceNeedsTwoConfidentReportsAndATargetOffTrack() {
        func report(_ month: Int, _ status: TaskStatus, _ confidence: DeliveryConfidence, _ state: ProgressState = .approved) -> ProgressReport {
            ProgressReport(
                taskID: "2026-3", unitCode: "370100", period: Period(year: 2026, span: .month(month)), status: status, confidence: confidence,
                narrative: "", state: state)
        }
        let two = [report(9, .onSchedule, .high), report(10, .onSchedule, .mediumHigh)]
        #expect(Divergence.diverges(reports: two, targetStatuses: [.behind]))
        #expect(!Divergence.diverges(reports: two, targetStatuses: [.onTrack, .achieved]))
        #expect(!Divergence.diverges(reports: [report(10, .onSchedule, .high)], targetStatuses: [.seriouslyBehind]))
        #expect(!Divergence.diverges(reports: two + [report(11, .behind, .mediumLow)], targetStatuses: [.behind]))
        // A draft is not a report yet.
        #expect(!Divergence.diverges(reports: [report(9, .onSchedule, .high), report(10, .onSchedule, .high, .draft)], targetStatuses: [.behind]))
    }
}
