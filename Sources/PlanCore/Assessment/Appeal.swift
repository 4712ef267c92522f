import Foundation

/// Where an appeal stands: waiting for the office, accepted (its line corrected) or rejected.
public enum AppealState: String, Sendable, Hashable, CaseIterable, Codable {
    case pending
    case accepted
    case rejected

    public var nameZh: String {
        switch self {
        case .pending: "待处理"
        case .accepted: "已采纳"
        case .rejected: "未采纳"
        }
    }

    public var nameEn: String {
        switch self {
        case .pending: "Pending"
        case .accepted: "Accepted"
        case .rejected: "Rejected"
        }
    }
}

/// A unit's appeal (申诉) against one line of its score sheet, and the office's decision. An
/// accepted appeal corrects the line's latest value; the round is scored again from its snapshot
/// with the correction laid over it, and only that line moves.
public struct Appeal: Sendable, Hashable, Identifiable {
    /// `2024-1-3`: the round and the appeal's number within it.
    public var id: String { "\(roundID)-\(seq)" }
    public var roundID: String
    public var seq: Int
    public var unit: String
    public var targetID: String
    /// The snapshot the appealed line came from; the correction holds for it and later ones.
    public var snapshotSeq: Int
    public var reason: String
    public var state: AppealState
    public var filedBy: String
    public var filedAt: String
    public var decidedBy: String?
    public var decidedAt: String?
    /// The office's reason for accepting or rejecting.
    public var decision: String
    /// The latest value as corrected, when accepted.
    public var correctedValue: Double?
    public var files: [EvidenceInfo]

    public init(
        roundID: String, seq: Int, unit: String, targetID: String, snapshotSeq: Int, reason: String, state: AppealState = .pending,
        filedBy: String, filedAt: String, decidedBy: String? = nil, decidedAt: String? = nil, decision: String = "",
        correctedValue: Double? = nil, files: [EvidenceInfo] = []
    ) {
        self.roundID = roundID
        self.seq = seq
        self.unit = unit
        self.targetID = targetID
        self.snapshotSeq = snapshotSeq
        self.reason = reason
        self.state = state
        self.filedBy = filedBy
        self.filedAt = filedAt
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.decision = decision
        self.correctedValue = correctedValue
        self.files = files
    }
}

/// The rules of appeals: when a unit may appeal, what a decision needs, and what holds a round's
/// publication back.
public enum AppealRules {
    /// Days a unit has to appeal, counted from the day the round's current snapshot was frozen.
    public static let windowDays = 15

    /// The days appeals are taken (`nil` before the round is frozen).
    public static func window(_ round: AssessmentRound) -> ClosedRange<Day>? {
        guard let snapshot = round.current, let first = Day.china(ofTimestamp: snapshot.frozenAt) else { return nil }
        return first...first.adding(days: windowDays)
    }

    /// Whether `unit` may appeal the line of `targetID` today; throws why not.
    public static func file(
        round: AssessmentRound, appeals: [Appeal], unit: String, targetID: String, scored: Set<String>, reason: String, today: Day
    ) throws(RoundError) {
        switch round.state {
        case .open: throw RoundError(zh: "数据冻结后才能申诉", en: "Appeals open once the data are frozen")
        case .published: throw RoundError(zh: "考核结果已发布，申诉期已结束", en: "The round is published: appeals are closed")
        case .frozen: break
        }
        // Only the end is checked: a day before the freeze is a clock set back, not a late appeal.
        guard let window = window(round), today <= window.upperBound else {
            let until = window(round)?.upperBound.description ?? "—"
            throw RoundError(zh: "申诉期已于 \(until) 结束", en: "The appeal window closed on \(until)")
        }
        guard scored.contains(targetID) else {
            throw RoundError(zh: "考核方案中没有目标 \(targetID)", en: "The scheme scores no target \(targetID)")
        }
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw RoundError(zh: "请写明申诉理由", en: "Give the reason for the appeal")
        }
        if appeals.contains(where: { $0.unit == unit && $0.targetID == targetID && $0.state == .pending }) {
            throw RoundError(zh: "该项已有待处理的申诉", en: "This line already has a pending appeal")
        }
    }

    /// Whether the office may decide `appeal`: pending, the round not published, a reason given,
    /// and a finite corrected value when accepting.
    public static func decide(_ appeal: Appeal, round: AssessmentRound, accept: Bool, correctedValue: Double?, reason: String) throws(RoundError) {
        guard appeal.state == .pending else {
            throw RoundError(zh: "该申诉已处理（\(appeal.state.nameZh)）", en: "The appeal is already decided (\(appeal.state.nameEn.lowercased()))")
        }
        guard round.state == .frozen else { throw RoundError(zh: "考核结果已发布，不能再处理申诉", en: "The round is published: appeals can no longer be decided") }
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw RoundError(zh: "请写明处理理由", en: "Give the reason for the decision")
        }
        if accept {
            guard let value = correctedValue, value.isFinite else {
                throw RoundError(zh: "采纳申诉须填写更正后的数值", en: "Accepting needs the corrected value")
            }
        }
    }

    /// The corrections that hold for snapshot `seq`: accepted appeals decided on it or an earlier
    /// one, the latest decision winning for a line.
    public static func corrections(_ appeals: [Appeal], snapshot seq: Int) -> [Appeal] {
        var byLine: [String: Appeal] = [:]
        for a in appeals.sorted(by: { $0.seq < $1.seq }) where a.state == .accepted && a.snapshotSeq <= seq && a.correctedValue != nil {
            byLine["\(a.unit)|\(a.targetID)"] = a
        }
        return byLine.values.sorted { $0.seq < $1.seq }
    }
}

extension RoundWorkflow {
    /// Publishing: only a frozen round with every appeal decided.
    public static func publish(_ round: AssessmentRound, pendingAppeals: Int) throws(RoundError) {
        try publish(round)
        guard pendingAppeals == 0 else {
            throw RoundError(zh: "还有 \(pendingAppeals) 件申诉待处理，处理后才能发布", en: "\(pendingAppeals) appeals are pending: decide them before publishing")
        }
    }
}
