import Foundation

/// The milestones a monthly dispatch report marks as reached.
public enum ProjectMilestone: String, Sendable, Hashable, CaseIterable, Codable {
    /// 土地手续.
    case land
    /// 规划许可.
    case planning
    /// 施工许可.
    case permit
    /// 开工.
    case start
    /// 主体封顶.
    case topping
    /// 竣工.
    case completion

    public var nameZh: String {
        switch self {
        case .land: "用地手续"
        case .planning: "规划许可"
        case .permit: "施工许可"
        case .start: "开工"
        case .topping: "主体封顶"
        case .completion: "竣工"
        }
    }

    public var nameEn: String {
        switch self {
        case .land: "Land secured"
        case .planning: "Planning permit"
        case .permit: "Construction permit"
        case .start: "Started"
        case .topping: "Topped out"
        case .completion: "Completed"
        }
    }

    /// A milestone by its code or Chinese name.
    public static func find(_ text: String) -> ProjectMilestone? {
        let t = text.trimmingCharacters(in: .whitespaces)
        return ProjectMilestone(rawValue: t) ?? allCases.first { $0.nameZh == t || $0.nameEn.lowercased() == t.lowercased() }
            ?? ["土地": .land, "用地": .land, "规划": .planning, "施工许可证": .permit, "封顶": .topping][t]
    }
}

/// Where a monthly report stands: submitted by the project's unit, then approved (it counts) or
/// returned with a reason (to be submitted again).
public enum ProjectReportStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case submitted
    case approved
    case returned

    public var nameZh: String {
        switch self {
        case .submitted: "待审核"
        case .approved: "已审核"
        case .returned: "已退回"
        }
    }

    public var nameEn: String {
        switch self {
        case .submitted: "Awaiting review"
        case .approved: "Approved"
        case .returned: "Returned"
        }
    }
}

/// One month's dispatch report (月度调度) on one project. Amounts in 万元.
public struct ProjectReport: Sendable, Hashable {
    public var code: String
    /// The month reported on.
    public var month: Period
    /// 本月完成投资.
    public var investmentMonth: Double
    /// 自开工累计完成投资.
    public var investmentToDate: Double
    /// 当年累计完成投资 (the year's months up to this one).
    public var investmentYear: Double
    /// 形象进度, 0–100.
    public var progress: Double
    /// Milestones reached by the end of the month (cumulative).
    public var milestones: Set<ProjectMilestone>
    public var status: ProjectReportStatus
    public var submittedBy: String
    public var submittedAt: String
    public var reviewedBy: String?
    public var reviewNote: String
    /// The first time it was submitted: whether it came by the due day.
    public var firstSubmittedAt: String

    public init(
        code: String, month: Period, investmentMonth: Double, investmentToDate: Double, investmentYear: Double, progress: Double,
        milestones: Set<ProjectMilestone>, status: ProjectReportStatus = .submitted, submittedBy: String = "", submittedAt: String = "",
        reviewedBy: String? = nil, reviewNote: String = "", firstSubmittedAt: String = ""
    ) {
        self.code = code
        self.month = month
        self.investmentMonth = investmentMonth
        self.investmentToDate = investmentToDate
        self.investmentYear = investmentYear
        self.progress = progress
        self.milestones = milestones
        self.status = status
        self.submittedBy = submittedBy
        self.submittedAt = submittedAt
        self.reviewedBy = reviewedBy
        self.reviewNote = reviewNote
        self.firstSubmittedAt = firstSubmittedAt
    }

    /// Milestones in their order, as text.
    public var milestoneText: String { ProjectMilestone.allCases.filter(milestones.contains).map(\.nameZh).joined(separator: "、") }
}

/// A problem a project met (问题清单), raised in a monthly report with the help it asks for; it
/// has an owner who must solve it, a due day, and is closed — or becomes a supervision order.
public struct ProjectProblem: Sendable, Hashable {
    public var id: Int
    public var code: String
    public var month: Period
    public var text: String
    /// 需协调解决的事项.
    public var help: String
    /// The unit that must solve it.
    public var ownerUnit: String
    public var due: Day
    public var closedOn: Day?
    public var closedBy: String?
    public var closingNote: String
    /// The supervision order it became, if any.
    public var orderID: String?

    public init(
        id: Int, code: String, month: Period, text: String, help: String, ownerUnit: String, due: Day, closedOn: Day? = nil, closedBy: String? = nil,
        closingNote: String = "", orderID: String? = nil
    ) {
        self.id = id
        self.code = code
        self.month = month
        self.text = text
        self.help = help
        self.ownerUnit = ownerUnit
        self.due = due
        self.closedOn = closedOn
        self.closedBy = closedBy
        self.closingNote = closingNote
        self.orderID = orderID
    }

    public var isOpen: Bool { closedOn == nil }
    public func isOverdue(today: Day) -> Bool { isOpen && due < today }
}

/// The calendar of dispatch reports: the report on a month is due on a day of the next month.
public enum DispatchCalendar {
    /// The day the report on `month` is due.
    public static func due(_ month: Period, dueDay: Int) -> Day {
        guard case .month(let m) = month.span else { return month.lastDay }
        let (y, n) = m == 12 ? (month.year + 1, 1) : (month.year, m + 1)
        return Day(year: y, month: n, day: min(max(dueDay, 1), 28))
    }

    /// The months whose report is due by `today` (the last one reported on first is the most
    /// recent), from `from` on.
    public static func dueMonths(from: Period, today: Day, dueDay: Int) -> [Period] {
        guard case .month(var m) = from.span else { return [] }
        var year = from.year
        var months: [Period] = []
        while true {
            let month = Period(year: year, span: .month(m))
            guard due(month, dueDay: dueDay) <= today else { break }
            months.append(month)
            m += 1
            if m > 12 {
                m = 1
                year += 1
            }
        }
        return months
    }
}
