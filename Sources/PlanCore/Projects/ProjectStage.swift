import Foundation

/// Where a project is in its life: declared for the library, then admitted at one of the
/// library's three tiers, then built, completed and evaluated; or not selected, or withdrawn.
public enum ProjectStage: String, Sendable, Hashable, CaseIterable, Codable {
    /// 申报中: declared in a window, not yet decided.
    case declared
    /// 未入选: declared and not admitted.
    case notSelected = "not_selected"
    /// 储备: in the reserve.
    case reserve
    /// 三年滚动: in the three-year rolling plan.
    case rolling
    /// 年度计划: in the year's plan (the provincial key projects).
    case annual
    /// 已开工.
    case started
    /// 已竣工.
    case completed
    /// 已后评价.
    case evaluated
    /// 已退出.
    case withdrawn

    public var nameZh: String {
        switch self {
        case .declared: "申报中"
        case .notSelected: "未入选"
        case .reserve: "储备"
        case .rolling: "三年滚动计划"
        case .annual: "年度计划"
        case .started: "已开工"
        case .completed: "已竣工"
        case .evaluated: "已后评价"
        case .withdrawn: "已退出"
        }
    }

    public var nameEn: String {
        switch self {
        case .declared: "Declared"
        case .notSelected: "Not selected"
        case .reserve: "Reserve"
        case .rolling: "Three-year rolling plan"
        case .annual: "Annual plan"
        case .started: "Started"
        case .completed: "Completed"
        case .evaluated: "Evaluated"
        case .withdrawn: "Withdrawn"
        }
    }

    /// The tiers a project can be declared for and admitted at.
    public static let tiers: [ProjectStage] = [.reserve, .rolling, .annual]

    /// Admitted to the library and not withdrawn: on the published list.
    public var isInLibrary: Bool { [.reserve, .rolling, .annual, .started, .completed, .evaluated].contains(self) }

    /// Under construction or about to be: owes a monthly dispatch report.
    public var reportsMonthly: Bool { [.annual, .started].contains(self) }

    /// The stages a project may move to next by a dated transition (admission and selection are
    /// their own steps). Moving up the tiers may skip one; a built project cannot go back.
    public var next: [ProjectStage] {
        switch self {
        case .declared, .notSelected, .evaluated, .withdrawn: []
        case .reserve: [.rolling, .annual, .withdrawn]
        case .rolling: [.annual, .withdrawn]
        case .annual: [.started, .withdrawn]
        case .started: [.completed, .withdrawn]
        case .completed: [.evaluated]
        }
    }

    public func canMove(to stage: ProjectStage) -> Bool { next.contains(stage) }
}

/// One dated move of a project from a stage to another, by whom and why.
public struct ProjectTransition: Sendable, Hashable {
    public var code: String
    public var from: ProjectStage?
    public var to: ProjectStage
    /// The day it happened (a start or completion day as reported).
    public var on: Day
    public var by: String
    public var reason: String
    public var at: String

    public init(code: String, from: ProjectStage?, to: ProjectStage, on: Day, by: String, reason: String, at: String) {
        self.code = code
        self.from = from
        self.to = to
        self.on = on
        self.by = by
        self.reason = reason
        self.at = at
    }
}
