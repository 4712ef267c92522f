import Foundation

/// Why a step of the supervision workflow cannot be taken now, in both languages.
public struct SupervisionError: Error, Sendable, Equatable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }
}

/// The rules of a progress report's workflow: what each step makes of the current state.
public enum ProgressWorkflow {
    /// Saving a draft: allowed on nothing, a draft or a returned report (which becomes a draft
    /// again); not on one waiting for review or approved.
    public static func save(_ current: ProgressState?) throws(SupervisionError) -> ProgressState {
        switch current {
        case nil, .draft?, .returned?: return .draft
        case .submitted?:
            throw SupervisionError(zh: "已提交待审核，不能修改；请等待审核结果，或请审核员退回", en: "Submitted and waiting for review: it cannot be changed unless returned")
        case .approved?:
            throw SupervisionError(zh: "已审核通过并锁定，不能修改", en: "Approved and locked: it cannot be changed")
        }
    }

    /// Submitting: a draft or a returned report.
    public static func submit(_ current: ProgressState?) throws(SupervisionError) -> ProgressState {
        switch current {
        case .draft?, .returned?: return .submitted
        case nil: throw SupervisionError(zh: "本期尚未填报进展，无法提交", en: "Nothing has been reported for this month")
        case .submitted?: throw SupervisionError(zh: "已提交，等待审核", en: "Already submitted")
        case .approved?: throw SupervisionError(zh: "已审核通过，无需再次提交", en: "Already approved")
        }
    }

    /// Approving: a submitted report, by someone other than its submitter.
    public static func approve(_ current: ProgressState?, submittedBy: String?, by user: String) throws(SupervisionError) -> ProgressState {
        guard current == .submitted else {
            throw SupervisionError(zh: "只有已提交的进展可以审核通过", en: "Only a submitted report can be approved")
        }
        guard submittedBy != user else {
            throw SupervisionError(zh: "不能审核自己提交的进展", en: "You cannot approve a report you submitted")
        }
        return .approved
    }

    /// Returning: a submitted report, with a reason.
    public static func returnReport(_ current: ProgressState?, reason: String?) throws(SupervisionError) -> ProgressState {
        guard current == .submitted else { throw SupervisionError(zh: "只有已提交的进展可以退回", en: "Only a submitted report can be returned") }
        guard let reason, !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw SupervisionError(zh: "退回须填写原因", en: "A return needs a reason")
        }
        return .returned
    }
}
