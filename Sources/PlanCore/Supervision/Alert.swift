import Foundation

/// A warning computed from the data, never entered: a target off track, figures missing after
/// their due day, a milestone, task, supervision order or policy due soon or overdue. It is about one unit and lasts while
/// its condition holds; `since` is the day the condition began, from which escalation counts.
public struct Alert: Sendable, Hashable, Identifiable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case targetOffTrack = "target"
        case figuresOverdue = "figures"
        case milestoneDueSoon = "milestone_due"
        case milestoneOverdue = "milestone_overdue"
        case taskDueSoon = "task_due"
        case taskOverdue = "task_overdue"
        case orderDueSoon = "order_due"
        case orderOverdue = "order_overdue"
        case policyDueSoon = "policy_due"
        case policyOverdue = "policy_overdue"
        case projectReportOverdue = "project_report"
        case projectProblemOverdue = "project_problem"

        public var nameZh: String {
            switch self {
            case .targetOffTrack: "目标预警"
            case .figuresOverdue: "数据逾期未报"
            case .milestoneDueSoon: "节点临近"
            case .milestoneOverdue: "节点逾期"
            case .taskDueSoon: "任务临近到期"
            case .taskOverdue: "任务逾期"
            case .orderDueSoon: "督办临近期限"
            case .orderOverdue: "督办逾期"
            case .policyDueSoon: "政策临近出台期限"
            case .policyOverdue: "政策逾期未出台"
            case .projectReportOverdue: "项目调度逾期未报"
            case .projectProblemOverdue: "项目问题逾期未解决"
            }
        }

        public var nameEn: String {
            switch self {
            case .targetOffTrack: "Target off track"
            case .figuresOverdue: "Figures overdue"
            case .milestoneDueSoon: "Milestone due soon"
            case .milestoneOverdue: "Milestone overdue"
            case .taskDueSoon: "Task due soon"
            case .taskOverdue: "Task overdue"
            case .orderDueSoon: "Order due soon"
            case .orderOverdue: "Order overdue"
            case .policyDueSoon: "Policy due soon"
            case .policyOverdue: "Policy overdue"
            case .projectReportOverdue: "Project report overdue"
            case .projectProblemOverdue: "Project problem overdue"
            }
        }
    }

    /// Red needs action now; yellow is a warning.
    public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable {
        case red
        case yellow

        public var nameZh: String { self == .red ? "红色" : "黄色" }
        public var nameEn: String { self == .red ? "Red" : "Yellow" }

        public static func < (a: Severity, b: Severity) -> Bool { a == .red && b == .yellow }
    }

    /// Who an unanswered alert has reached: the unit, then its reviewer, then the office.
    public enum Escalation: Int, Sendable, Hashable, Comparable, CaseIterable {
        case unit = 0
        case reviewer = 1
        case office = 2

        public var nameZh: String {
            switch self {
            case .unit: "本单位"
            case .reviewer: "已升级至审核员"
            case .office: "已升级至办公室"
            }
        }

        public var nameEn: String {
            switch self {
            case .unit: "Unit"
            case .reviewer: "Escalated to the reviewer"
            case .office: "Escalated to the office"
            }
        }

        public static func < (a: Escalation, b: Escalation) -> Bool { a.rawValue < b.rawValue }
    }

    /// `kind|unit|subject`: the same condition keeps its key from day to day.
    public let id: String
    public let kind: Kind
    public var severity: Severity
    public let unitCode: String
    /// What it is about: a task id (with `#n` for a milestone), a target id, a period.
    public let subject: String
    /// The day the condition began.
    public var since: Day
    public var textZh: String
    public var textEn: String
    /// The page to act on.
    public var link: String

    public init(kind: Kind, severity: Severity, unitCode: String, subject: String, since: Day, textZh: String, textEn: String, link: String) {
        self.kind = kind
        self.severity = severity
        self.unitCode = unitCode
        self.subject = subject
        self.since = since
        self.textZh = textZh
        self.textEn = textEn
        self.link = link
        id = "\(kind.rawValue)|\(unitCode)|\(subject)"
    }
}

/// How alerts are raised and escalated.
public struct AlertSettings: Sendable, Hashable {
    /// A milestone or task due within this many days is yellow.
    public var dueSoonDays: Int
    /// An unacknowledged alert reaches the unit's reviewer after this many days …
    public var reviewerAfterDays: Int
    /// … and the office after this many.
    public var officeAfterDays: Int
    /// A month's task report is due on this day of the following month (1–28).
    public var progressDueDay: Int

    public init(
        dueSoonDays: Int = 14, reviewerAfterDays: Int = 7, officeAfterDays: Int = 14, progressDueDay: Int = DiligenceRules.standardProgressDueDay
    ) {
        self.dueSoonDays = dueSoonDays
        self.reviewerAfterDays = reviewerAfterDays
        self.officeAfterDays = officeAfterDays
        self.progressDueDay = progressDueDay
    }

    /// How far an alert has escalated on `today`: acknowledged alerts stay with the unit.
    public func escalation(of alert: Alert, today: Day, acknowledged: Bool) -> Alert.Escalation {
        guard !acknowledged else { return .unit }
        let age = today.ordinal - alert.since.ordinal
        if age >= officeAfterDays { return .office }
        if age >= reviewerAfterDays { return .reviewer }
        return .unit
    }
}
