import Foundation

/// Where a unit's figures for one period stand in the approval workflow.
public enum SubmissionStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Nothing entered yet.
    case empty
    /// Saved, not yet submitted.
    case draft
    /// Submitted, waiting for a reviewer.
    case submitted
    /// Sent back by a reviewer with a reason.
    case returned
    /// Approved: published, used by evaluations and pages.
    case approved
    /// Approved and past its lock date (or locked by a reviewer): changes need a reopening.
    case locked

    public var nameZh: String {
        switch self {
        case .empty: "未填报"
        case .draft: "草稿"
        case .submitted: "已提交待审核"
        case .returned: "已退回"
        case .approved: "已审核通过"
        case .locked: "已锁定"
        }
    }

    public var nameEn: String {
        switch self {
        case .empty: "Not started"
        case .draft: "Draft"
        case .submitted: "Submitted"
        case .returned: "Returned"
        case .approved: "Approved"
        case .locked: "Locked"
        }
    }
}

/// A unit's submission for one period: its workflow state and who moved it there.
public struct Submission: Sendable, Hashable {
    public var unitCode: String
    public var period: Period
    public var status: SubmissionStatus
    /// Set when a reviewer reopened the period after its lock date; cleared on approval.
    public var reopened: Bool
    public var submittedBy: String?
    public var reviewedBy: String?
    /// The reason of the last return or reopening, shown to the submitter.
    public var reason: String?
    public var updatedAt: String
    /// When the period was first submitted (a stored timestamp), for reporting diligence.
    public var firstSubmittedAt: String?

    public init(
        unitCode: String, period: Period, status: SubmissionStatus, reopened: Bool = false, submittedBy: String? = nil,
        reviewedBy: String? = nil, reason: String? = nil, updatedAt: String = "", firstSubmittedAt: String? = nil
    ) {
        self.unitCode = unitCode
        self.period = period
        self.status = status
        self.reopened = reopened
        self.submittedBy = submittedBy
        self.reviewedBy = reviewedBy
        self.reason = reason
        self.updatedAt = updatedAt
        self.firstSubmittedAt = firstSubmittedAt
    }

    /// The status as of `today`: an approved period past its lock day shows as locked.
    public func effectiveStatus(today: Day, lockDay: Day?) -> SubmissionStatus {
        if status == .approved, let lockDay, today > lockDay, !reopened { return .locked }
        return status
    }

    /// Whether figures are frozen: locked, or past the lock day and not reopened.
    public func isLocked(today: Day, lockDay: Day?) -> Bool {
        if status == .locked { return true }
        guard let lockDay, today > lockDay else { return false }
        return !reopened && status != .submitted
    }
}
