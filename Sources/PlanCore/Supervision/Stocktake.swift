import Foundation

/// A stocktake (调度会): leaders meet on a day over one scope — the province, a chapter of the
/// plan or a city — and take decisions. The pack they read is computed from the data; what is
/// stored is the meeting, the targets' statuses on its day (so that the next one shows what moved)
/// and its decisions with what each became.
public struct Stocktake: Sendable, Hashable, Identifiable {
    /// `2026-12-10-province`, `2026-12-10-chapter-5`, `2026-12-10-370100`.
    public var id: String { "\(date)-\(scope.slug)" }
    public var date: Day
    public var scope: StocktakeScope
    /// Each target's status on the day, keyed `target|region`.
    public var statuses: [String: EvaluationStatus]
    public var createdBy: String
    public var createdAt: String
    public var decisions: [StocktakeDecision]

    public init(
        date: Day, scope: StocktakeScope, statuses: [String: EvaluationStatus], createdBy: String, createdAt: String,
        decisions: [StocktakeDecision] = []
    ) {
        self.date = date
        self.scope = scope
        self.statuses = statuses
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.decisions = decisions
    }

    /// The statuses as stored: `key=status` joined by `;`.
    public var statusText: String { statuses.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.rawValue)" }.joined(separator: ";") }

    public static func statuses(from text: String) -> [String: EvaluationStatus] {
        var result: [String: EvaluationStatus] = [:]
        for pair in text.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2, let status = EvaluationStatus(rawValue: parts[1]) { result[parts[0]] = status }
        }
        return result
    }
}

/// What a stocktake covers.
public enum StocktakeScope: Sendable, Hashable {
    case province
    case chapter(Int)
    case city(String)

    /// `province`, `chapter-5`, `370100`: part of the id and the URL.
    public var slug: String {
        switch self {
        case .province: "province"
        case .chapter(let n): "chapter-\(n)"
        case .city(let code): code
        }
    }

    public init?(slug: String) {
        if slug == "province" {
            self = .province
        } else if slug.hasPrefix("chapter-"), let n = Int(slug.dropFirst("chapter-".count)), n > 0 {
            self = .chapter(n)
        } else if !slug.isEmpty, slug.count <= 20, slug.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            self = .city(slug)
        } else {
            return nil
        }
    }
}

/// A decision taken at a stocktake, and what it became.
public struct StocktakeDecision: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Becomes a supervision order to a unit.
        case order
        /// Becomes a work task on the responsibility list.
        case task
        /// Recorded only.
        case note

        public var nameZh: String {
            switch self {
            case .order: "督办单"
            case .task: "工作任务"
            case .note: "记录"
            }
        }

        public var nameEn: String {
            switch self {
            case .order: "Supervision order"
            case .task: "Work task"
            case .note: "Note"
            }
        }
    }

    public var seq: Int
    public var text: String
    public var kind: Kind
    public var unitCode: String?
    public var due: Day?
    /// The order or task it became (`2026-7`), nil for a note.
    public var ref: String?
    public var decidedBy: String
    public var decidedAt: String

    public init(seq: Int, text: String, kind: Kind, unitCode: String?, due: Day?, ref: String?, decidedBy: String, decidedAt: String) {
        self.seq = seq
        self.text = text
        self.kind = kind
        self.unitCode = unitCode
        self.due = due
        self.ref = ref
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
    }
}

/// How a target's status moved between two stocktakes: up when it is less severe now.
public enum StatusMove {
    /// 0 on track or achieved … 3 seriously behind, slipped or moving away; nil when not assessable.
    public static func severity(_ status: EvaluationStatus) -> Int? {
        switch status {
        case .achieved, .onTrack: 0
        case .compliantAtRisk: 1
        case .behind: 2
        case .seriouslyBehind, .slipped, .movingAway: 3
        case .notAssessable: nil
        }
    }

    /// +1 improved, −1 worsened, 0 the same (or not comparable).
    public static func direction(from before: EvaluationStatus, to now: EvaluationStatus) -> Int {
        guard let a = severity(before), let b = severity(now), a != b else { return 0 }
        return b < a ? 1 : -1
    }
}
