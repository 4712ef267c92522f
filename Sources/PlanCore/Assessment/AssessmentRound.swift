import Foundation

/// Where an assessment round stands: open (the scheme and cut-off chosen, nothing frozen yet),
/// frozen (scores come from a snapshot of the data) or published (results public; final).
public enum RoundState: String, Sendable, Hashable, CaseIterable, Codable {
    case open
    case frozen
    case published

    public var nameZh: String {
        switch self {
        case .open: "未冻结"
        case .frozen: "已冻结"
        case .published: "已发布"
        }
    }

    public var nameEn: String {
        switch self {
        case .open: "Open"
        case .frozen: "Frozen"
        case .published: "Published"
        }
    }
}

/// One freezing of a round's data: the approved observations as they stood, with the data
/// version they carried. A round frozen again keeps every earlier snapshot and its results.
public struct RoundSnapshot: Sendable, Hashable {
    public var seq: Int
    public var dataVersion: Int
    /// How many observations were kept.
    public var observations: Int
    public var frozenBy: String
    public var frozenAt: String
    /// Why it was frozen again (empty for the first).
    public var reason: String

    public init(seq: Int, dataVersion: Int, observations: Int, frozenBy: String, frozenAt: String, reason: String) {
        self.seq = seq
        self.dataVersion = dataVersion
        self.observations = observations
        self.frozenBy = frozenBy
        self.frozenAt = frozenAt
        self.reason = reason
    }
}

/// An annual assessment round (年度考核): a year, a scheme version, a cut-off day, its snapshots
/// and its publication.
public struct AssessmentRound: Sendable, Hashable, Identifiable {
    /// `2024-1`: the year and the round's number within it.
    public var id: String
    public var year: Int
    public var schemeID: String
    public var schemeVersion: Int
    /// The day data are counted to (数据截止日).
    public var cutoff: Day
    public var state: RoundState
    public var createdBy: String
    public var createdAt: String
    public var publishedBy: String?
    public var publishedAt: String?
    /// Oldest first; the last is the one scores come from.
    public var snapshots: [RoundSnapshot]

    public init(
        id: String, year: Int, schemeID: String, schemeVersion: Int, cutoff: Day, state: RoundState = .open, createdBy: String,
        createdAt: String, publishedBy: String? = nil, publishedAt: String? = nil, snapshots: [RoundSnapshot] = []
    ) {
        self.id = id
        self.year = year
        self.schemeID = schemeID
        self.schemeVersion = schemeVersion
        self.cutoff = cutoff
        self.state = state
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.publishedBy = publishedBy
        self.publishedAt = publishedAt
        self.snapshots = snapshots
    }

    /// The snapshot scores come from.
    public var current: RoundSnapshot? { snapshots.last }
}

/// Why a round cannot take a step.
public struct RoundError: Error, Sendable, Hashable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }
}

/// The steps of a round.
public enum RoundWorkflow {
    /// Freezing: an open round freezes; a frozen one freezes again only with a reason (the earlier
    /// snapshot and its results are kept); a published round never changes.
    public static func freeze(_ round: AssessmentRound, reason: String) throws(RoundError) {
        switch round.state {
        case .open: return
        case .frozen:
            guard !reason.isEmpty else {
                throw RoundError(zh: "再次冻结须说明原因（原快照及其结果将保留）", en: "Freezing again needs a reason (the earlier snapshot and its results are kept)")
            }
        case .published: throw RoundError(zh: "考核结果已发布，不能再次冻结", en: "The round is published and cannot be frozen again")
        }
    }

    /// Publishing: only a frozen round.
    public static func publish(_ round: AssessmentRound) throws(RoundError) {
        switch round.state {
        case .frozen: return
        case .open: throw RoundError(zh: "请先冻结数据再发布", en: "Freeze the data before publishing")
        case .published: throw RoundError(zh: "考核结果已发布", en: "The round is already published")
        }
    }
}
