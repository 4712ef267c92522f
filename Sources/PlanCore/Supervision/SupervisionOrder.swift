import Foundation

/// A supervision order (督办单): the office, or a reviewer over its subtree, tells a unit what
/// must be done about a target, a task or a policy, and by when. The unit signs for it and
/// answers with the measures taken and evidence; the issuer accepts the answer and closes the
/// order (销号) or sends it back with a reason.
public struct SupervisionOrder: Sendable, Hashable, Identifiable {
    /// `year-seq`, numbered within the year of issue.
    public let id: String
    public var year: Int
    public var seq: Int
    /// The unit that must answer.
    public var unitCode: String
    public var subject: OrderSubject
    /// What the matter is (督办事项).
    public var matter: String
    /// What the unit must do (督办要求).
    public var requirement: String
    public var level: OrderLevel
    /// The day the answer is due.
    public var due: Day
    public var state: OrderState
    public var issuedBy: String
    public var issuerUnit: String
    public var issuedOn: Day
    public var closedOn: Day?
    /// Where it came from when not issued by hand: `stocktake:<id>`.
    public var source: String?
    /// Every step, oldest first (empty when read for a list).
    public var events: [OrderEvent]

    public init(
        year: Int, seq: Int, unitCode: String, subject: OrderSubject, matter: String, requirement: String, level: OrderLevel, due: Day,
        state: OrderState = .issued, issuedBy: String, issuerUnit: String, issuedOn: Day, closedOn: Day? = nil, source: String? = nil,
        events: [OrderEvent] = []
    ) {
        id = "\(year)-\(seq)"
        self.year = year
        self.seq = seq
        self.unitCode = unitCode
        self.subject = subject
        self.matter = matter
        self.requirement = requirement
        self.level = level
        self.due = due
        self.state = state
        self.issuedBy = issuedBy
        self.issuerUnit = issuerUnit
        self.issuedOn = issuedOn
        self.closedOn = closedOn
        self.source = source
        self.events = events
    }

    /// 督办〔2026〕7号.
    public var numberZh: String { "督办〔\(year)〕\(seq)号" }
    public var numberEn: String { "Order \(year)/\(seq)" }

    /// Waiting for the unit: issued, signed for or sent back.
    public var awaitsUnit: Bool { state == .issued || state == .signed || state == .returned }

    /// Days past its due day while it waits for the unit; nil when not overdue.
    public func overdueDays(today: Day) -> Int? {
        guard awaitsUnit, today.ordinal > due.ordinal else { return nil }
        return today.ordinal - due.ordinal
    }

    /// Days since it was issued, up to its closing.
    public func age(today: Day) -> Int { (closedOn ?? today).ordinal - issuedOn.ordinal }

    /// Who answered last (the answer an acceptance is about).
    public var answeredBy: String? { events.last { $0.action == .answer }?.actor }
}

/// What an order is about.
public struct OrderSubject: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case target
        case task
        case policy
        /// A project of the major-project library (by its code).
        case project
        /// A matter raised at a meeting or by a leader, about none of the above.
        case other

        public var nameZh: String {
            switch self {
            case .target: "目标"
            case .task: "任务"
            case .policy: "政策"
            case .project: "项目"
            case .other: "其他事项"
            }
        }

        public var nameEn: String {
            switch self {
            case .target: "Target"
            case .task: "Task"
            case .policy: "Policy"
            case .project: "Project"
            case .other: "Other matter"
            }
        }
    }

    public var kind: Kind
    /// The target, task or policy id; empty for `other`.
    public var id: String

    public init(kind: Kind, id: String) {
        self.kind = kind
        self.id = kind == .other ? "" : id
    }

    /// `target:A003-1`, `task:2026-5`, `other`.
    public var text: String { kind == .other ? "other" : "\(kind.rawValue):\(id)" }

    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let kind = Kind(rawValue: parts.first ?? "") else { return nil }
        if kind == .other {
            self.init(kind: .other, id: "")
        } else {
            guard parts.count == 2, !parts[1].isEmpty else { return nil }
            self.init(kind: kind, id: parts[1])
        }
    }

    /// The page of what it is about.
    public var link: String? {
        switch kind {
        case .target: "/targets/\(id)"
        case .task: "/tasks/\(id)"
        case .policy: "/policies/\(id)"
        case .project: "/projects/\(id)"
        case .other: nil
        }
    }
}

/// 一般, 重点, 挂牌: how closely the office follows it.
public enum OrderLevel: String, Sendable, Hashable, CaseIterable, Comparable {
    case general
    case key
    /// 挂牌督办: named and followed by the leading group itself.
    case listed

    public var nameZh: String {
        switch self {
        case .general: "一般"
        case .key: "重点"
        case .listed: "挂牌"
        }
    }

    public var nameEn: String {
        switch self {
        case .general: "General"
        case .key: "Priority"
        case .listed: "Listed"
        }
    }

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: OrderLevel, b: OrderLevel) -> Bool { a.rank < b.rank }
}

public enum OrderState: String, Sendable, Hashable, CaseIterable {
    case issued
    case signed
    case answered
    case returned
    case closed

    public var nameZh: String {
        switch self {
        case .issued: "待签收"
        case .signed: "办理中"
        case .answered: "待销号"
        case .returned: "已退回重办"
        case .closed: "已销号"
        }
    }

    public var nameEn: String {
        switch self {
        case .issued: "Awaiting signature"
        case .signed: "In hand"
        case .answered: "Answered, awaiting acceptance"
        case .returned: "Sent back"
        case .closed: "Closed"
        }
    }
}

/// One step in an order's history.
public struct OrderEvent: Sendable, Hashable {
    public enum Action: String, Sendable, Hashable, CaseIterable {
        case issue
        case sign
        case answer
        case close
        case sendBack = "return"

        public var nameZh: String {
            switch self {
            case .issue: "下发"
            case .sign: "签收"
            case .answer: "答复"
            case .close: "销号"
            case .sendBack: "退回"
            }
        }

        public var nameEn: String {
            switch self {
            case .issue: "Issued"
            case .sign: "Signed for"
            case .answer: "Answered"
            case .close: "Closed"
            case .sendBack: "Sent back"
            }
        }
    }

    public var seq: Int
    public var at: String
    public var actor: String
    public var actorUnit: String
    public var action: Action
    /// The answer, the reason for sending back, the note on closing.
    public var text: String
    public var evidence: [EvidenceInfo]

    public init(seq: Int, at: String, actor: String, actorUnit: String, action: Action, text: String, evidence: [EvidenceInfo] = []) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.actorUnit = actorUnit
        self.action = action
        self.text = text
        self.evidence = evidence
    }
}

/// The rules of an order's workflow: what each step makes of the current state.
public enum OrderWorkflow {
    /// The state a step leads to from `current`, or why it cannot be taken. `text` is the
    /// answer or the reason; `answeredBy` the author of the answer being accepted.
    public static func step(_ action: OrderEvent.Action, from current: OrderState, text: String, answeredBy: String?, by user: String)
        throws(SupervisionError) -> OrderState
    {
        let blank = text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        switch action {
        case .issue:
            throw SupervisionError(zh: "督办单已下发", en: "The order has been issued")
        case .sign:
            guard current == .issued else { throw SupervisionError(zh: "督办单已签收", en: "The order has been signed for") }
            return .signed
        case .answer:
            guard [.issued, .signed, .returned].contains(current) else {
                throw SupervisionError(
                    zh: current == .closed ? "督办单已销号" : "已答复，等待销号", en: current == .closed ? "The order is closed" : "Already answered")
            }
            guard !blank else { throw SupervisionError(zh: "答复须写明采取的措施和成效", en: "An answer needs the measures taken") }
            return .answered
        case .close:
            guard current == .answered else {
                throw SupervisionError(zh: "只有已答复的督办单可以销号", en: "Only an answered order can be closed")
            }
            guard answeredBy != user else { throw SupervisionError(zh: "不能为自己的答复销号", en: "You cannot close an order on your own answer") }
            return .closed
        case .sendBack:
            guard current == .answered else {
                throw SupervisionError(zh: "只有已答复的督办单可以退回", en: "Only an answered order can be sent back")
            }
            guard !blank else { throw SupervisionError(zh: "退回须填写原因", en: "Sending back needs a reason") }
            return .returned
        }
    }
}
