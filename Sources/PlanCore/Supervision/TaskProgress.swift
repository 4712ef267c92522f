import Foundation

/// Where a unit says its task stands in a period.
public enum TaskStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case notStarted = "not_started"
    case onSchedule = "on_schedule"
    case behind
    case done
    case blocked

    public var nameZh: String {
        switch self {
        case .notStarted: "未启动"
        case .onSchedule: "按计划推进"
        case .behind: "滞后"
        case .done: "已完成"
        case .blocked: "受阻"
        }
    }

    public var nameEn: String {
        switch self {
        case .notStarted: "Not started"
        case .onSchedule: "On schedule"
        case .behind: "Behind"
        case .done: "Done"
        case .blocked: "Blocked"
        }
    }
}

/// The owner's delivery-confidence judgement, in the four levels delivery units use (green,
/// amber-green, amber-red, red).
public enum DeliveryConfidence: String, Sendable, Hashable, CaseIterable, Codable {
    case high
    case mediumHigh = "medium_high"
    case mediumLow = "medium_low"
    case low

    public var nameZh: String {
        switch self {
        case .high: "有把握完成"
        case .mediumHigh: "基本有把握"
        case .mediumLow: "把握不大"
        case .low: "难以完成"
        }
    }

    public var nameEn: String {
        switch self {
        case .high: "Highly likely"
        case .mediumHigh: "Probable"
        case .mediumLow: "In doubt"
        case .low: "Unlikely"
        }
    }

    /// Whether the owner expects delivery (the two upper levels).
    public var confident: Bool { self == .high || self == .mediumHigh }
}

/// Where a progress report stands in its workflow: draft → submitted → approved, or returned
/// with a reason and submitted again. An approved report is locked.
public enum ProgressState: String, Sendable, Hashable, CaseIterable, Codable {
    case draft
    case submitted
    case approved
    case returned

    public var nameZh: String {
        switch self {
        case .draft: "草稿"
        case .submitted: "已提交待审核"
        case .approved: "已审核通过"
        case .returned: "已退回"
        }
    }

    public var nameEn: String {
        switch self {
        case .draft: "Draft"
        case .submitted: "Submitted"
        case .approved: "Approved"
        case .returned: "Returned"
        }
    }
}

/// A lead unit's report on one task for one month.
public struct ProgressReport: Sendable, Hashable {
    public var taskID: String
    public var unitCode: String
    /// The month reported on (`2026-11`).
    public var period: Period
    public var status: TaskStatus
    public var confidence: DeliveryConfidence
    public var narrative: String
    public var state: ProgressState
    /// A return's reason.
    public var reason: String?
    public var updatedBy: String
    public var updatedAt: String
    public var submittedBy: String?
    public var reviewedBy: String?
    public var evidence: [EvidenceInfo]

    public init(
        taskID: String, unitCode: String, period: Period, status: TaskStatus, confidence: DeliveryConfidence, narrative: String,
        state: ProgressState = .draft, reason: String? = nil, updatedBy: String = "", updatedAt: String = "", submittedBy: String? = nil,
        reviewedBy: String? = nil, evidence: [EvidenceInfo] = []
    ) {
        self.taskID = taskID
        self.unitCode = unitCode
        self.period = period
        self.status = status
        self.confidence = confidence
        self.narrative = narrative
        self.state = state
        self.reason = reason
        self.updatedBy = updatedBy
        self.updatedAt = updatedAt
        self.submittedBy = submittedBy
        self.reviewedBy = reviewedBy
        self.evidence = evidence
    }

    /// Whether the report counts: submitted or approved (a draft is the unit's own business).
    public var counts: Bool { state == .submitted || state == .approved }

    /// The latest counting report of each task and unit, keyed `task|unit`.
    public static func latestCounting(_ reports: [ProgressReport]) -> [String: ProgressReport] {
        var latest: [String: ProgressReport] = [:]
        for report in reports where report.counts {
            let key = "\(report.taskID)|\(report.unitCode)"
            if let seen = latest[key], seen.period >= report.period { continue }
            latest[key] = report
        }
        return latest
    }
}

/// A stored evidence file's description (the bytes are fetched apart).
public struct EvidenceInfo: Sendable, Hashable {
    public var id: String
    public var fileName: String
    public var contentType: String
    public var size: Int
    /// Hex SHA-256 of the bytes.
    public var sha256: String
    public var uploadedBy: String
    public var uploadedAt: String

    public init(id: String, fileName: String, contentType: String, size: Int, sha256: String, uploadedBy: String, uploadedAt: String) {
        self.id = id
        self.fileName = fileName
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
        self.uploadedBy = uploadedBy
        self.uploadedAt = uploadedAt
    }
}
