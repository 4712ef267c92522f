import Foundation

/// The red/yellow/green rules for projects, stored as data and edited by the office, with the
/// day of the month dispatch reports are due. Gaps are in percentage points.
public struct ProjectRules: Sendable, Hashable, Codable {
    /// Red when the year's investment completion is more than this many points behind the share
    /// of the year elapsed (序时进度) …
    public var investmentRedGap: Double
    /// … and yellow when more than this many.
    public var investmentYellowGap: Double
    /// Red when physical progress is more than this many points behind the schedule's straight
    /// line from planned start to planned completion …
    public var progressRedGap: Double
    public var progressYellowGap: Double
    /// Red when a project is not started this many days after its planned start …
    public var startLateRedDays: Int
    public var startLateYellowDays: Int
    /// Red when no report has been approved for a month due this many months ago or more.
    public var silentRedMonths: Int
    /// The report on a month is due on this day of the next month (1–28).
    public var dueDay: Int

    public init(
        investmentRedGap: Double = 15, investmentYellowGap: Double = 5, progressRedGap: Double = 15, progressYellowGap: Double = 5,
        startLateRedDays: Int = 60, startLateYellowDays: Int = 30, silentRedMonths: Int = 2, dueDay: Int = 5
    ) {
        self.investmentRedGap = investmentRedGap
        self.investmentYellowGap = investmentYellowGap
        self.progressRedGap = progressRedGap
        self.progressYellowGap = progressYellowGap
        self.startLateRedDays = startLateRedDays
        self.startLateYellowDays = startLateYellowDays
        self.silentRedMonths = silentRedMonths
        self.dueDay = dueDay
    }

    public static let standard = ProjectRules()

    /// What is wrong with the rules, in both languages; empty when they can be used.
    public var problems: [(zh: String, en: String)] {
        var out: [(String, String)] = []
        for (name, zh, red, yellow) in [
            ("investment", "投资", investmentRedGap, investmentYellowGap), ("progress", "形象进度", progressRedGap, progressYellowGap),
        ] {
            if !(0...100).contains(red) || !(0...100).contains(yellow) { out.append(("\(zh)差距应在 0 到 100 之间", "The \(name) gaps are 0 to 100")) }
            if yellow > red { out.append(("\(zh)黄灯差距不能大于红灯差距", "The \(name) yellow gap cannot exceed the red gap")) }
        }
        if startLateYellowDays < 0 || startLateRedDays < startLateYellowDays || startLateRedDays > 3650 {
            out.append(("开工延误天数应满足 0 ≤ 黄灯 ≤ 红灯 ≤ 3650", "Start delays: 0 ≤ yellow ≤ red ≤ 3650 days"))
        }
        if !(1...24).contains(silentRedMonths) { out.append(("未报送月数应在 1 到 24 之间", "Months without a report: 1 to 24")) }
        if !(1...28).contains(dueDay) { out.append(("报送日应在每月 1 日到 28 日之间", "The due day is 1 to 28")) }
        return out
    }
}

/// A project's colour.
public enum ProjectRAG: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case red
    case yellow
    case green
    /// Not building yet, or finished: nothing to judge.
    case none

    public var nameZh: String {
        switch self {
        case .red: "红灯"
        case .yellow: "黄灯"
        case .green: "绿灯"
        case .none: "不适用"
        }
    }

    public var nameEn: String {
        switch self {
        case .red: "Red"
        case .yellow: "Yellow"
        case .green: "Green"
        case .none: "Not judged"
        }
    }

    private var rank: Int {
        switch self {
        case .red: 0
        case .yellow: 1
        case .green: 2
        case .none: 3
        }
    }

    public static func < (a: ProjectRAG, b: ProjectRAG) -> Bool { a.rank < b.rank }
}

/// A project judged on a day: its colour, each rule that set it, and the figures behind it.
public struct ProjectStanding: Sendable, Hashable {
    public var rag: ProjectRAG
    public var reasons: [(zh: String, en: String)]
    /// 序时进度: the share of the year elapsed, percent.
    public var timeElapsed: Double
    /// The year's investment completed against the year's plan, percent (nil without a plan).
    public var investmentCompletion: Double?
    /// Where progress should be by the schedule's straight line, percent.
    public var scheduledProgress: Double?
    public var progress: Double?
    /// The latest approved report's month.
    public var latestMonth: Period?

    public static func == (a: ProjectStanding, b: ProjectStanding) -> Bool {
        a.rag == b.rag && a.reasons.map(\.en) == b.reasons.map(\.en) && a.timeElapsed == b.timeElapsed
            && a.investmentCompletion == b.investmentCompletion && a.scheduledProgress == b.scheduledProgress && a.progress == b.progress
            && a.latestMonth == b.latestMonth
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rag)
        hasher.combine(reasons.map(\.en))
    }

    /// Judges a project on `today` by its latest approved report (nil when none). The clock is
    /// the last month reported on: the year's share elapsed is the months of the year up to the
    /// latest month due; investment is the year's completed against the year's plan.
    public static func judge(_ project: Project, latest: ProjectReport?, today: Day, rules: ProjectRules) -> ProjectStanding {
        // The latest month whose report is due: the clock reports are judged on.
        let lastDue = lastDueMonth(today: today, dueDay: rules.dueDay)
        let monthsElapsed: Int = {
            guard case .month(let m) = lastDue.span else { return 12 }
            return lastDue.year == today.year ? m : (lastDue.year < today.year ? 0 : 12)
        }()
        let elapsed = Double(monthsElapsed) / 12 * 100
        var standing = ProjectStanding(
            rag: .green, reasons: [], timeElapsed: elapsed, investmentCompletion: nil, scheduledProgress: nil, progress: latest?.progress,
            latestMonth: latest?.month)
        guard project.stage.reportsMonthly else {
            standing.rag = .none
            return standing
        }
        var rag = ProjectRAG.green
        func raise(_ to: ProjectRAG, _ zh: String, _ en: String) {
            rag = min(rag, to)
            standing.reasons.append((zh, en))
        }
        // Start: a project of the year's plan not started after its planned start.
        if project.stage == .annual, project.actualStart == nil, today > project.plannedStart {
            let late = today.ordinal - project.plannedStart.ordinal
            if late > rules.startLateRedDays {
                raise(.red, "计划开工已逾 \(late) 天仍未开工", "Not started \(late) days after the planned start")
            } else if late > rules.startLateYellowDays {
                raise(.yellow, "计划开工已逾 \(late) 天仍未开工", "Not started \(late) days after the planned start")
            }
        }
        // Silence: no approved report for recent due months.
        if let latest {
            let gap = months(from: latest.month, to: lastDue)
            if gap >= rules.silentRedMonths {
                raise(.red, "已 \(gap) 个月未有审核通过的调度报告", "No approved dispatch report for \(gap) months")
            }
        } else if project.reportsFrom <= lastDue {
            // Never approved: as silent as one whose last approved report is older than the first owed month.
            let owed = months(from: project.reportsFrom, to: lastDue) + 1
            if owed >= rules.silentRedMonths {
                raise(.red, "已 \(owed) 个月未有审核通过的调度报告", "No approved dispatch report for \(owed) months")
            } else {
                raise(.yellow, "尚无审核通过的调度报告", "No approved dispatch report yet")
            }
        }
        // Investment against time elapsed, for the year of the clock.
        let plan = project.planned(in: today.year)
        if plan > 0, monthsElapsed > 0 {
            let done = latest.map { $0.month.year == today.year ? $0.investmentYear : 0 } ?? 0
            let completion = done / plan * 100
            standing.investmentCompletion = completion
            let gap = elapsed - completion
            if gap > rules.investmentRedGap {
                raise(
                    .red, "年度投资完成 \(format(completion))%，落后序时进度 \(format(gap)) 个百分点",
                    "Investment at \(format(completion))% of the year's plan, \(format(gap)) points behind time elapsed")
            } else if gap > rules.investmentYellowGap {
                raise(
                    .yellow, "年度投资完成 \(format(completion))%，落后序时进度 \(format(gap)) 个百分点",
                    "Investment at \(format(completion))% of the year's plan, \(format(gap)) points behind time elapsed")
            }
        }
        // Physical progress against the schedule's straight line.
        if let latest, project.plannedCompletion > project.plannedStart {
            let end = latest.month.lastDay
            let span = Double(project.plannedCompletion.ordinal - project.plannedStart.ordinal)
            let expected = min(100, max(0, Double(end.ordinal - project.plannedStart.ordinal) / span * 100))
            standing.scheduledProgress = expected
            let gap = expected - latest.progress
            if gap > rules.progressRedGap {
                raise(
                    .red, "形象进度 \(format(latest.progress))%，落后计划 \(format(gap)) 个百分点",
                    "Progress \(format(latest.progress))%, \(format(gap)) points behind schedule")
            } else if gap > rules.progressYellowGap {
                raise(
                    .yellow, "形象进度 \(format(latest.progress))%，落后计划 \(format(gap)) 个百分点",
                    "Progress \(format(latest.progress))%, \(format(gap)) points behind schedule")
            }
        }
        standing.rag = rag
        return standing
    }

    /// The latest month whose report is due on `today`.
    public static func lastDueMonth(today: Day, dueDay: Int) -> Period {
        var year = today.year
        var month = today.month - 1
        if month == 0 {
            month = 12
            year -= 1
        }
        if today.day < min(max(dueDay, 1), 28) {
            month -= 1
            if month == 0 {
                month = 12
                year -= 1
            }
        }
        return Period(year: year, span: .month(month))
    }

    /// Whole months from `a` to `b` (both months).
    public static func months(from a: Period, to b: Period) -> Int {
        guard case .month(let ma) = a.span, case .month(let mb) = b.span else { return 0 }
        return (b.year - a.year) * 12 + (mb - ma)
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
