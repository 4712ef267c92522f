import Foundation

/// Why a workflow step was refused, in Chinese and English.
public enum WorkflowError: Error, Sendable, Equatable {
    case locked(period: String)
    case awaitingReview
    case reasonRequired
    case selfApproval
    case nothingToSubmit
    case unexplainedFlags([String])
    case wrongState(SubmissionStatus, action: WorkflowStep)

    public var zh: String {
        switch self {
        case .locked(let p): "\(p) 的数据已过锁定日期或已锁定，需审核员重新开放后才能修改"
        case .awaitingReview: "已提交待审核，不能修改；请等待审核结果，或请审核员退回"
        case .reasonRequired: "必须填写理由"
        case .selfApproval: "不能审核自己提交的数据"
        case .nothingToSubmit: "没有可提交的数据：请先填报"
        case .unexplainedFlags(let keys): "以下被标记的数值缺少说明：\(keys.joined(separator: "、"))"
        case .wrongState(let s, let action): "当前状态为“\(s.nameZh)”，不能\(action.nameZh)"
        }
    }

    public var en: String {
        switch self {
        case .locked(let p): "The figures for \(p) are past their lock date or locked; a reviewer must reopen them first"
        case .awaitingReview: "Submitted and waiting for review: wait for the decision or ask a reviewer to return it"
        case .reasonRequired: "A reason is required"
        case .selfApproval: "You cannot approve figures you submitted yourself"
        case .nothingToSubmit: "Nothing to submit: enter figures first"
        case .unexplainedFlags(let keys): "Flagged values need an explanation: \(keys.joined(separator: ", "))"
        case .wrongState(let s, let action): "The period is \(s.nameEn.lowercased()); cannot \(action.rawValue)"
        }
    }
}

/// A step of the workflow, as named in messages and the audit log.
public enum WorkflowStep: String, Sendable, Hashable, CaseIterable {
    case save
    case submit
    case approve
    case returnSubmission = "return"
    case reopen

    public var nameZh: String {
        switch self {
        case .save: "保存"
        case .submit: "提交"
        case .approve: "审核通过"
        case .returnSubmission: "退回"
        case .reopen: "重新开放"
        }
    }
}

/// The approval workflow: draft → submitted → approved or returned → locked, as pure
/// transitions. Each returns the next status or throws why not.
public enum Workflow {
    /// Saving values. A change to approved figures needs a reason and goes straight back to
    /// review (`submitted`), so it must pass the submission's checks too: no flagged value of the
    /// change (`unexplained`) without an explanation. Otherwise the period becomes (or stays) a
    /// draft.
    public static func save(_ s: Submission, today: Day, lockDay: Day?, reason: String?, unexplained: [String] = []) throws(WorkflowError)
        -> SubmissionStatus
    {
        if s.isLocked(today: today, lockDay: lockDay) { throw .locked(period: s.period.description) }
        switch s.status {
        case .empty, .draft, .returned:
            return .draft
        case .submitted:
            throw .awaitingReview
        case .approved:
            guard let reason, !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .reasonRequired }
            guard unexplained.isEmpty else { throw .unexplainedFlags(unexplained) }
            return .submitted
        case .locked:
            // Stored only by an explicit lock; approved periods past their lock day are caught above.
            throw .locked(period: s.period.description)
        }
    }

    /// Submitting for approval: needs at least one value and an explanation for every flagged one.
    public static func submit(_ s: Submission, today: Day, lockDay: Day?, valueCount: Int, unexplained: [String]) throws(WorkflowError)
        -> SubmissionStatus
    {
        if s.isLocked(today: today, lockDay: lockDay) { throw .locked(period: s.period.description) }
        guard s.status == .draft || s.status == .returned else { throw .wrongState(s.status, action: .submit) }
        guard valueCount > 0 else { throw .nothingToSubmit }
        guard unexplained.isEmpty else { throw .unexplainedFlags(unexplained) }
        return .submitted
    }

    /// Approving: only a submitted period, and never by the user who submitted it.
    public static func approve(_ s: Submission, by user: String) throws(WorkflowError) -> SubmissionStatus {
        guard s.status == .submitted else { throw .wrongState(s.status, action: .approve) }
        if s.submittedBy == user { throw .selfApproval }
        return .approved
    }

    /// Returning a submitted period to its unit, with a reason the submitter sees.
    public static func returnSubmission(_ s: Submission, reason: String?) throws(WorkflowError) -> SubmissionStatus {
        guard s.status == .submitted else { throw .wrongState(s.status, action: .returnSubmission) }
        guard let reason, !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .reasonRequired }
        return .returned
    }

    /// Reopening an approved, locked or past-lock period for changes, with a reason.
    public static func reopen(_ s: Submission, today: Day, lockDay: Day?, reason: String?) throws(WorkflowError) -> SubmissionStatus {
        guard let reason, !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .reasonRequired }
        guard s.status == .approved || s.status == .locked || s.isLocked(today: today, lockDay: lockDay)
        else { throw .wrongState(s.status, action: .reopen) }
        return .draft
    }
}
