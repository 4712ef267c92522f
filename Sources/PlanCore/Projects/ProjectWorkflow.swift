import Foundation

/// A declaration window (申报窗口): the office opens it for a year, units declare projects while
/// it is open, reviewers score them against its published criteria, the office admits the
/// selected ones and publishes the list.
public struct DeclarationWindow: Sendable, Hashable {
    public var year: Int
    public var opens: Day
    public var closes: Day
    /// 遴选标准: the published criteria reviewers score against.
    public var criteria: String
    public var openedBy: String
    /// When the year's list was published, if it was.
    public var publishedAt: String?

    public init(year: Int, opens: Day, closes: Day, criteria: String, openedBy: String, publishedAt: String? = nil) {
        self.year = year
        self.opens = opens
        self.closes = closes
        self.criteria = criteria
        self.openedBy = openedBy
        self.publishedAt = publishedAt
    }

    public func isOpen(on day: Day) -> Bool { opens <= day && day <= closes }
}

/// A reviewer's score (0–100) and comment on a declared project.
public struct ProjectReview: Sendable, Hashable {
    public var code: String
    public var reviewer: String
    public var score: Double
    public var comment: String
    public var at: String

    public init(code: String, reviewer: String, score: Double, comment: String, at: String) {
        self.code = code
        self.reviewer = reviewer
        self.score = score
        self.comment = comment
        self.at = at
    }
}

/// What a dynamic-adjustment request (动态调整) asks for.
public enum AdjustmentKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// 调整建设内容.
    case scope
    /// 调整投资.
    case investment
    /// 调整工期.
    case schedule
    /// 退出.
    case withdraw

    public var nameZh: String {
        switch self {
        case .scope: "调整建设内容"
        case .investment: "调整投资"
        case .schedule: "调整工期"
        case .withdraw: "申请退出"
        }
    }

    public var nameEn: String {
        switch self {
        case .scope: "Change of scope"
        case .investment: "Change of investment"
        case .schedule: "Change of schedule"
        case .withdraw: "Withdrawal"
        }
    }

    /// The fields (of `Project.comparable`) such a request may change.
    public var fields: Set<String> {
        switch self {
        case .scope: ["name", "content", "location", "owner", "sector", "articles", "targets", "contact"]
        case .investment: ["totalInvestment", "annualInvestment"]
        case .schedule: ["plannedStart", "plannedCompletion"]
        case .withdraw: []
        }
    }
}

public enum AdjustmentStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case pending
    case approved
    case returned

    public var nameZh: String {
        switch self {
        case .pending: "待审批"
        case .approved: "已批准"
        case .returned: "已退回"
        }
    }

    public var nameEn: String {
        switch self {
        case .pending: "Pending"
        case .approved: "Approved"
        case .returned: "Returned"
        }
    }
}

/// A request to change an admitted project: the project as it would be after the change (or a
/// withdrawal), with a reason; the office approves it (a new version) or returns it.
public struct ProjectAdjustment: Sendable, Hashable {
    public var id: Int
    public var code: String
    public var kind: AdjustmentKind
    /// The project as requested; for a withdrawal, the project unchanged.
    public var proposed: Project
    public var reason: String
    public var status: AdjustmentStatus
    public var requestedBy: String
    public var requestedAt: String
    public var decidedBy: String?
    public var decidedAt: String?
    public var decisionNote: String
    /// The version it made, when approved.
    public var version: Int?

    public init(
        id: Int, code: String, kind: AdjustmentKind, proposed: Project, reason: String, status: AdjustmentStatus = .pending, requestedBy: String,
        requestedAt: String, decidedBy: String? = nil, decidedAt: String? = nil, decisionNote: String = "", version: Int? = nil
    ) {
        self.id = id
        self.code = code
        self.kind = kind
        self.proposed = proposed
        self.reason = reason
        self.status = status
        self.requestedBy = requestedBy
        self.requestedAt = requestedAt
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.decisionNote = decisionNote
        self.version = version
    }

    /// What the request would change against `current`, and whether it stays within its kind.
    public static func check(kind: AdjustmentKind, current: Project, proposed: Project) -> (zh: String, en: String)? {
        let changed = Set(Project.differences(current, proposed).map(\.key))
        if kind == .withdraw { return changed.isEmpty ? nil : ("退出申请不改变项目内容", "A withdrawal changes nothing else") }
        if changed.isEmpty { return ("申请没有改变任何内容", "The request changes nothing") }
        let outside = changed.subtracting(kind.fields)
        if !outside.isEmpty {
            let names = current.comparable.filter { outside.contains($0.key) }
            return (
                "\(kind.nameZh)不能改变：\(names.map(\.zh).joined(separator: "、"))",
                "A \(kind.nameEn.lowercased()) cannot change: \(names.map(\.en).joined(separator: ", "))"
            )
        }
        return nil
    }
}
