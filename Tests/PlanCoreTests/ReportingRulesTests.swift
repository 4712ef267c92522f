import Foundation
import PlanCore
import Testing

/// Days, periods and the reporting calendar.
@Suite struct CalendarRulesTests {
    @Test func daysCountAndRoundTrip() {
        #expect(Day(year: 1970, month: 1, day: 1).ordinal == 0)
        #expect(Day(year: 2000, month: 3, day: 1).ordinal - Day(year: 2000, month: 2, day: 28).ordinal == 2)
        #expect(Day(year: 2100, month: 3, day: 1).ordinal - Day(year: 2100, month: 2, day: 28).ordinal == 1)
        for ordinal in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(Day(ordinal: ordinal).ordinal == ordinal)
        }
        #expect(Day(year: 2025, month: 12, day: 31).adding(days: 150) == Day(year: 2026, month: 5, day: 30))
        #expect(Day("2024-02-29") == Day(year: 2024, month: 2, day: 29))
        #expect(Day("2025-02-29") == nil && Day("2025-13-01") == nil && Day("25-01-01") == nil && Day("2025-1") == nil)
        #expect(Day(year: 2025, month: 3, day: 9).description == "2025-03-09")
        #expect(Day(year: 987, month: 10, day: 12).description == "0987-10-12")
        for ordinal in stride(from: -700_000, through: 800_000, by: 1009) {
            #expect(Day(Day(ordinal: ordinal).description) == Day(ordinal: ordinal), "\(Day(ordinal: ordinal))")
        }
    }

    @Test func periodsEndOnTheirLastDay() {
        #expect(Period(year: 2025).lastDay == Day(year: 2025, month: 12, day: 31))
        #expect(Period(year: 2025, span: .quarter(1)).lastDay == Day(year: 2025, month: 3, day: 31))
        #expect(Period(year: 2024, span: .month(2)).lastDay == Day(year: 2024, month: 2, day: 29))
        #expect(Period(year: 2025, span: .quarter(3)).lastDay == Day(year: 2025, month: 9, day: 30))
    }

    @Test func scheduleListsEndedPeriodsWithDueAndLockDays() {
        let annual = ReportingFixture.entry("370100", "gdp")
        #expect(annual.endedPeriods(asOf: ReportingFixture.today).map(\.description) == ["2023", "2024", "2025"])
        #expect(annual.dueDay(Period(year: 2025)) == Day(year: 2026, month: 5, day: 30))
        #expect(annual.lockDay(Period(year: 2025)) == Day(year: 2026, month: 12, day: 31))
        let quarterly = ScheduleEntry(unitCode: "soe-port", indicatorKey: "x", frequency: .quarterly, firstYear: 2026, dueDays: 20, lockDays: 90)
        #expect(quarterly.endedPeriods(asOf: ReportingFixture.today).map(\.description) == ["2026Q1", "2026Q2", "2026Q3"])
        let monthly = ScheduleEntry(unitCode: "x", indicatorKey: "x", frequency: .monthly, firstYear: 2026, dueDays: 15, lockDays: 45)
        #expect(monthly.endedPeriods(asOf: ReportingFixture.today).count == 10)
        #expect(monthly.endedPeriods(asOf: Day(year: 2026, month: 10, day: 31)).count == 9, "a month has ended only after its last day")
        #expect(
            ScheduleEntry(unitCode: "x", indicatorKey: "x", frequency: .annual, firstYear: 2030, dueDays: 1, lockDays: 2).endedPeriods(
                asOf: ReportingFixture.today
            ).isEmpty)
    }

    @Test func calendarStatesFollowSubmissionsAndDays() {
        let schedule = [ReportingFixture.entry("370100", "gdp"), ReportingFixture.entry("370100", "high_tech_output_share")]
        let submissions = [
            Submission(unitCode: "370100", period: Period(year: 2023), status: .approved),
            Submission(unitCode: "370100", period: Period(year: 2024), status: .submitted),
        ]
        let periods = ReportingCalendar.periods(
            unit: "370100", schedule: schedule, submissions: submissions,
            entered: { $0.year == 2025 ? ["gdp"] : ["gdp", "high_tech_output_share"] }, today: ReportingFixture.today)
        #expect(periods.map(\.period.description) == ["2025", "2024", "2023"])
        #expect(periods.map(\.state) == [.overdue, .submitted, .done])
        #expect(periods.map(\.status) == [.empty, .submitted, .locked], "approved and past its lock day shows as locked")
        #expect(periods[0].entered == 1 && periods[0].indicatorKeys.count == 2 && periods[0].completeness == 0.5)
        #expect(periods.map(\.locked) == [false, false, true], "a submitted period waits for its reviewer even past the lock day")
        let early = ReportingCalendar.periods(
            unit: "370100", schedule: schedule, submissions: [], entered: { _ in [] }, today: Day(year: 2026, month: 3, day: 1))
        #expect(early.first?.state == .due, "before the due day a period is due, not overdue")
        // A calendar set up in 2026 does not call 2023 and 2024 overdue: they locked before it began.
        let fresh = ReportingCalendar.periods(
            unit: "370100", schedule: schedule, submissions: [], entered: { _ in [] }, today: ReportingFixture.today,
            since: Day(year: 2026, month: 6, day: 1))
        #expect(fresh.map(\.state) == [.overdue, .backfill, .backfill])
        #expect(DueState.backfill.nameZh == "可补报")
        #expect(ReportingCalendar.lockDay(unit: "370100", period: Period(year: 2025), schedule: schedule) == Day(year: 2026, month: 12, day: 31))
        #expect(ReportingCalendar.lockDay(unit: "370100", period: Period(year: 2025, span: .quarter(1)), schedule: schedule) == nil)
    }
}

/// The permission rules, as a matrix: every role × every action × own unit, a subordinate unit,
/// another city, the parent and a department.
@Suite struct AccessRulesTests {
    enum Relation: CaseIterable {
        case own, subordinate, otherCity, parent, department

        var unit: String {
            switch self {
            case .own: "370100"
            case .subordinate: "370102"
            case .otherCity: "370200"
            case .parent: "370000"
            case .department: "dept-science"
            }
        }
    }

    static func expected(_ role: Role, _ action: ReportingAction, _ relation: Relation) -> Bool {
        switch role {
        case .admin: return true
        case .office: return ![.enterData, .submit, .manageUsers, .reportProgress, .answerOrders, .appealAssessment].contains(action)
        case .reporter:
            return relation == .own
                && [.viewStatus, .readDrafts, .enterData, .submit, .reportProgress, .answerOrders, .appealAssessment].contains(action)
        case .reviewer:
            // Orders go down the tree: a reviewer issues to the units below it and answers its own.
            if action == .issueOrders { return relation == .subordinate }
            if [.answerOrders, .manageSubscriptions, .appealAssessment].contains(action) { return relation == .own }
            return [.own, .subordinate].contains(relation)
                && [.viewStatus, .readDrafts, .approve, .returnSubmission, .reopen, .readAudit].contains(action)
        case .viewer: return [.own, .subordinate].contains(relation) && action == .viewStatus
        }
    }

    @Test(arguments: Role.allCases)
    func matrix(role: Role) {
        for action in ReportingAction.allCases {
            for relation in Relation.allCases {
                let allowed = Access.allows(role, userUnit: "370100", action: action, unit: relation.unit, tree: ReportingFixture.tree)
                #expect(allowed == Self.expected(role, action, relation), "\(role) \(action) \(relation)")
            }
        }
    }

    @Test func subtreesAndAncestors() {
        let tree = ReportingFixture.tree
        #expect(tree.contains("370102", within: "370000") && tree.contains("370102", within: "370100") && !tree.contains("370102", within: "370200"))
        #expect(!tree.contains("370000", within: "370100"))
        #expect(tree.ancestors(of: "370203") == ["370200", "370000"])
        #expect(tree.subtree(of: "370200") == ["370200", "370202", "370203"])
        #expect(Set(tree.children(of: "370000")) == ["370100", "370200", "dept-science"])
    }
}

/// The approval workflow's transitions.
@Suite struct WorkflowRulesTests {
    let today = ReportingFixture.today
    let open = Day(year: 2026, month: 12, day: 31)
    let passed = Day(year: 2025, month: 12, day: 31)

    func submission(_ status: SubmissionStatus, reopened: Bool = false, by: String? = "rep") -> Submission {
        Submission(unitCode: "370100", period: Period(year: 2025), status: status, reopened: reopened, submittedBy: by)
    }

    @Test func saving() throws {
        for status in [SubmissionStatus.empty, .draft, .returned] {
            #expect(try Workflow.save(submission(status), today: today, lockDay: open, reason: nil) == .draft)
        }
        #expect(throws: WorkflowError.awaitingReview) { try Workflow.save(submission(.submitted), today: today, lockDay: open, reason: nil) }
        #expect(throws: WorkflowError.reasonRequired) { try Workflow.save(submission(.approved), today: today, lockDay: open, reason: "  ") }
        #expect(
            try Workflow.save(submission(.approved), today: today, lockDay: open, reason: "统计局修订") == .submitted,
            "a change to approved data goes back to review")
        #expect(throws: WorkflowError.locked(period: "2025")) { try Workflow.save(submission(.draft), today: today, lockDay: passed, reason: nil) }
        #expect(throws: WorkflowError.locked(period: "2025")) { try Workflow.save(submission(.empty), today: today, lockDay: passed, reason: nil) }
        #expect(
            try Workflow.save(submission(.draft, reopened: true), today: today, lockDay: passed, reason: nil) == .draft, "reopened past the lock day")
        #expect(throws: WorkflowError.locked(period: "2025")) {
            try Workflow.save(submission(.locked, reopened: true), today: today, lockDay: open, reason: "x")
        }
    }

    @Test func submitting() throws {
        #expect(try Workflow.submit(submission(.draft), today: today, lockDay: open, valueCount: 3, unexplained: []) == .submitted)
        #expect(try Workflow.submit(submission(.returned), today: today, lockDay: open, valueCount: 3, unexplained: []) == .submitted)
        #expect(throws: WorkflowError.nothingToSubmit) {
            try Workflow.submit(submission(.draft), today: today, lockDay: open, valueCount: 0, unexplained: [])
        }
        #expect(throws: WorkflowError.unexplainedFlags(["gdp"])) {
            try Workflow.submit(submission(.draft), today: today, lockDay: open, valueCount: 3, unexplained: ["gdp"])
        }
        #expect(throws: WorkflowError.wrongState(.empty, action: .submit)) {
            try Workflow.submit(submission(.empty), today: today, lockDay: open, valueCount: 0, unexplained: [])
        }
        #expect(throws: WorkflowError.wrongState(.approved, action: .submit)) {
            try Workflow.submit(submission(.approved), today: today, lockDay: open, valueCount: 3, unexplained: [])
        }
        #expect(throws: WorkflowError.locked(period: "2025")) {
            try Workflow.submit(submission(.draft), today: today, lockDay: passed, valueCount: 3, unexplained: [])
        }
    }

    @Test func reviewing() throws {
        #expect(try Workflow.approve(submission(.submitted), by: "rev") == .approved)
        #expect(throws: WorkflowError.selfApproval) { try Workflow.approve(submission(.submitted, by: "rev"), by: "rev") }
        #expect(throws: WorkflowError.wrongState(.draft, action: .approve)) { try Workflow.approve(submission(.draft), by: "rev") }
        #expect(try Workflow.returnSubmission(submission(.submitted), reason: "GDP 与统计公报不一致") == .returned)
        #expect(throws: WorkflowError.reasonRequired) { try Workflow.returnSubmission(submission(.submitted), reason: nil) }
        #expect(throws: WorkflowError.wrongState(.approved, action: .returnSubmission)) {
            try Workflow.returnSubmission(submission(.approved), reason: "x")
        }
        #expect(try Workflow.reopen(submission(.approved), today: today, lockDay: open, reason: "年鉴修订") == .draft)
        #expect(
            try Workflow.reopen(submission(.draft), today: today, lockDay: passed, reason: "补报") == .draft,
            "a draft past its lock day can be reopened")
        #expect(throws: WorkflowError.wrongState(.draft, action: .reopen)) {
            try Workflow.reopen(submission(.draft), today: today, lockDay: open, reason: "x")
        }
        #expect(throws: WorkflowError.reasonRequired) { try Workflow.reopen(submission(.approved), today: today, lockDay: open, reason: "") }
    }

    @Test func effectiveStatusLocksApprovedPeriodsAfterTheLockDay() {
        #expect(submission(.approved).effectiveStatus(today: today, lockDay: passed) == .locked)
        #expect(submission(.approved).effectiveStatus(today: today, lockDay: open) == .approved)
        #expect(submission(.approved, reopened: true).effectiveStatus(today: today, lockDay: passed) == .approved)
        #expect(submission(.submitted).isLocked(today: today, lockDay: passed) == false)
    }

    @Test func messagesInBothLanguages() {
        for error in [
            WorkflowError.locked(period: "2025"), .awaitingReview, .reasonRequired, .selfApproval, .nothingToSubmit, .unexplainedFlags(["gdp"]),
            .wrongState(.approved, action: .submit),
        ] {
            #expect(!error.zh.isEmpty && !error.en.isEmpty && error.zh != error.en)
        }
        #expect(WorkflowError.wrongState(.approved, action: .submit).zh == "当前状态为“已审核通过”，不能提交")
    }
}

/// Type, unit, range and outlier checks of reported values.
@Suite struct ValueCheckTests {
    @Test(arguments: [
        ("1234.5", 1234.5), ("1,234.5", 1234.5), (" 12 ", 12), ("１２３．５", 123.5), ("－5", -5), ("1e3", 1000), ("-0.25", -0.25),
    ])
    func parsesNumbers(text: String, value: Double) {
        #expect(ValueCheck.parse(text) == value)
    }

    @Test(arguments: ["", "abc", "12abc", "1e400", "nan", "--1", "一百"])
    func refusesNonNumbers(text: String) {
        #expect(ValueCheck.parse(text) == nil)
    }

    @Test func rangesByIndicator() {
        #expect(ValueCheck.range(of: ReportingFixture.share) == 0...100)
        #expect(ValueCheck.range(of: ReportingFixture.growth) == nil, "a growth rate can be negative")
        #expect(ValueCheck.range(of: ReportingFixture.gdp)?.lowerBound == 0)
        let (_, share) = ValueCheck.check("101", unit: "", indicator: ReportingFixture.share, history: [])
        #expect(share == [.outOfRange(value: 101, range: 0...100)] && share[0].isError)
        let (_, negative) = ValueCheck.check("-5", unit: "", indicator: ReportingFixture.gdp, history: [])
        #expect(negative.first?.isError == true && negative.first?.zh.contains("不能为负数") == true)
        let (value, growth) = ValueCheck.check("-5", unit: "", indicator: ReportingFixture.growth, history: [])
        #expect(value == -5 && growth.isEmpty)
    }

    @Test func unitsConvertOrAreRefused() {
        let (value, issues) = ValueCheck.check("1.35", unit: "万亿元", indicator: ReportingFixture.gdp, history: [])
        #expect(issues.isEmpty && close(value, 13_500))
        let (same, none) = ValueCheck.check("13500", unit: "亿元", indicator: ReportingFixture.gdp, history: [])
        #expect(same == 13_500 && none.isEmpty)
        let (_, wrong) = ValueCheck.check("12", unit: "公里", indicator: ReportingFixture.gdp, history: [])
        #expect(wrong == [.wrongUnit(given: "公里", expected: "亿元")])
    }

    @Test func outliersAgainstTheUnitsOwnHistory() throws {
        let history = [100.0, 110, 120]
        let band = try #require(ValueCheck.historyBand(history))
        #expect(band.low == 89 && band.high == 131, "half the band's width (10) or a tenth of the mean (11), whichever is larger")
        #expect(close(ValueCheck.zScore(200, history: history), 9))
        let (_, inside) = ValueCheck.check("125", unit: "", indicator: ReportingFixture.gdp, history: history)
        #expect(inside.isEmpty)
        let (value, flags) = ValueCheck.check("200", unit: "", indicator: ReportingFixture.gdp, history: history)
        #expect(value == 200 && flags.count == 2 && flags.allSatisfy { !$0.isError })
        #expect(flags.map(\.code) == ["outside_history", "z_score"])
        #expect(
            ValueCheck.historyBand([1, 2]) == nil && ValueCheck.zScore(5, history: [1, 1, 1]) == nil, "too little or flat history flags nothing")
    }
}

/// Vertical reconciliation.
@Suite struct ReconciliationTests {
    let tree = ReportingFixture.tree

    @Test func completeAndWithinToleranceIsConsistent() throws {
        let values = ["370100": 100.0, "370102": 60, "370103": 40.5]
        let rows = Reconciliation.check(indicatorKey: "gdp", values: values, tree: tree, tolerance: 0.01)
        let row = try #require(rows.first { $0.parentCode == "370100" })
        #expect(row.status == .consistent && row.childrenSum == 100.5 && close(row.relativeDifference, 0.005))
    }

    @Test func completeBeyondToleranceIsAMismatchForBothSides() throws {
        let values = ["370100": 100.0, "370102": 60, "370103": 45]
        let row = try #require(Reconciliation.check(indicatorKey: "gdp", values: values, tree: tree, tolerance: 0.01).first)
        #expect(row.status == .mismatch && row.childrenReported == ["370102", "370103"] && row.difference == 5)
    }

    @Test func partialIsIncompleteUnlessTheSumAlreadyExceedsTheParent() throws {
        let partial = Reconciliation.check(indicatorKey: "gdp", values: ["370100": 100.0, "370102": 60], tree: tree, tolerance: 0.01)
        #expect(partial.first?.status == .incomplete && partial.first?.childrenMissing == ["370103"])
        let over = Reconciliation.check(indicatorKey: "gdp", values: ["370100": 100.0, "370102": 120], tree: tree, tolerance: 0.01)
        #expect(over.first?.status == .mismatch)
    }

    @Test func citiesAgainstTheProvinceSkipDepartments() throws {
        let values = ["370000": 300.0, "370100": 100, "370200": 200, "dept-science": 999]
        let rows = Reconciliation.check(indicatorKey: "gdp", values: values, tree: tree, tolerance: 0.01)
        let province = try #require(rows.first { $0.parentCode == "370000" })
        #expect(province.status == .consistent && province.childrenSum == 300)
        #expect(rows.count == 1, "a parent with no reporting subordinates is not compared")
    }
}

/// Checking a batch of reported rows.
@Suite struct ReportBatchTests {
    let schedule = [ReportingFixture.entry("370100", "gdp"), ReportingFixture.entry("370100", "high_tech_output_share", .quarterly)]

    func check(_ rows: [ReportRow], history: [Double] = []) -> [CheckedRow] {
        ReportBatch.check(rows, unit: "370100", indicators: ReportingFixture.indicators, schedule: schedule, today: ReportingFixture.today) { _, _ in
            history
        }
    }

    @Test func validRowsBecomeChanges() throws {
        let rows = check([
            ReportRow(line: 2, indicatorKey: "gdp", period: "2025", value: "13,500.5", comment: "统计公报"),
            ReportRow(line: 3, indicatorKey: "high_tech_output_share", period: "2026Q3", value: "52.1"),
        ])
        #expect(rows.allSatisfy { $0.errors.isEmpty })
        let change = try #require(rows[0].change)
        #expect(change.value == 13_500.5 && change.period == Period(year: 2025) && change.comment == "统计公报")
    }

    @Test func everyProblemIsReportedByLine() {
        let rows = check([
            ReportRow(line: 2, indicatorKey: "nope", period: "2025", value: "1"),
            ReportRow(line: 3, indicatorKey: "gdp", period: "2025-13", value: "1"),
            ReportRow(line: 4, indicatorKey: "gdp", period: "2025Q1", value: "1"),
            ReportRow(line: 5, indicatorKey: "gdp", period: "2026", value: "1"),
            ReportRow(line: 6, indicatorKey: "gdp", period: "2024", value: "1"),
            ReportRow(line: 7, indicatorKey: "gdp", period: "2024", value: "2"),
            ReportRow(line: 8, indicatorKey: "gdp", period: "2023", value: "x"),
            ReportRow(line: 9, indicatorKey: "gdp", period: "2025", value: "1", comment: String(repeating: "长", count: 2001)),
        ])
        #expect(rows[0].errors == [.unknownIndicator("nope")])
        #expect(rows[1].errors == [.badPeriod("2025-13")])
        #expect(rows[2].errors == [.notScheduled(indicator: "gdp", frequency: .quarterly)])
        #expect(rows[3].errors == [.periodNotEnded("2026")])
        #expect(rows[4].errors.isEmpty && rows[5].errors == [.duplicate(firstLine: 6)])
        #expect(rows[6].errors == [.value(.notANumber("x"))])
        #expect(rows[7].errors == [.commentTooLong(2001)])
        #expect(rows.allSatisfy { $0.errors.isEmpty == ($0.change != nil) })
        for error in rows.flatMap(\.errors) { #expect(!error.zh.isEmpty && !error.en.isEmpty) }
    }

    @Test func flaggedValuesAreKeptAndNeedAnExplanation() throws {
        let rows = check(
            [
                ReportRow(line: 2, indicatorKey: "gdp", period: "2025", value: "900"),
                ReportRow(line: 3, indicatorKey: "gdp", period: "2024", value: "900", explanation: "新口径"),
            ], history: [100, 110, 120])
        #expect(rows[0].change?.flags == ["outside_history", "z_score"] && rows[0].needsExplanation)
        #expect(rows[1].change != nil && !rows[1].needsExplanation)
    }
}
