import Foundation
import PlanCore

/// A stored version of an assessment scheme: the YAML as the office wrote it.
public struct StoredScheme: Sendable, Hashable {
    public var id: String
    public var version: Int
    public var name: String
    public var body: String
    /// What changed, in the editor's words.
    public var note: String
    public var createdBy: String
    public var createdAt: String

    public init(id: String, version: Int, name: String, body: String, note: String, createdBy: String, createdAt: String) {
        self.id = id
        self.version = version
        self.name = name
        self.body = body
        self.note = note
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}

/// Assessment schemes with their versions, and rounds with their snapshots. Every change writes
/// its audit entry in the same transaction.
public protocol AssessmentStore: Sendable {
    /// Stores a new version of scheme `id` (version 1 when new); returns it.
    func saveScheme(id: String, name: String, body: String, note: String, actor: Actor) async throws -> StoredScheme
    /// Every version of every scheme (newest version first within each), or of one.
    func schemes(id: String?) async throws -> [StoredScheme]
    func scheme(id: String, version: Int) async throws -> StoredScheme?
    /// Opens a round numbered within its year (`2024-1`).
    func openRound(year: Int, schemeID: String, schemeVersion: Int, cutoff: Day, actor: Actor) async throws -> AssessmentRound
    func rounds() async throws -> [AssessmentRound]
    func round(id: String) async throws -> AssessmentRound?
    /// Freezes the round's data: copies every approved observation of a period up to the round's
    /// year into a new snapshot with the data version, keeps the units' diligence scores with it,
    /// and marks the round frozen. `check` sees the round under lock and throws to refuse.
    func freezeRound(
        id: String, reason: String, diligence: [String: Double], actor: Actor, check: @escaping @Sendable (AssessmentRound) throws -> Void
    ) async throws -> AssessmentRound
    /// The diligence scores a snapshot kept, by unit.
    func snapshotDiligence(round: String, seq: Int) async throws -> [String: Double]
    /// Marks the round published; `check` sees the round and how many appeals are pending, under
    /// lock, and throws to refuse.
    func publishRound(id: String, actor: Actor, check: @escaping @Sendable (AssessmentRound, Int) throws -> Void) async throws -> AssessmentRound
    /// The observations a snapshot kept.
    func snapshotObservations(round: String, seq: Int) async throws -> [StoredObservation]
    /// How many observations changed (by data version) since a snapshot was taken.
    func observationsChanged(sinceVersion: Int) async throws -> Int

    // MARK: Appeals

    /// The round's appeals (of one unit, or all), oldest first, with their files' descriptions.
    func appeals(round: String, unit: String?) async throws -> [Appeal]
    /// Files an appeal numbered within its round, with its evidence, in one transaction. `check`
    /// sees the round and its appeals under lock, throws to refuse, and returns the snapshot the
    /// appealed line came from.
    func fileAppeal(
        round: String, unit: String, targetID: String, reason: String, evidence: [NewEvidence], actor: Actor,
        check: @escaping @Sendable (AssessmentRound, [Appeal]) throws -> Int
    ) async throws -> Appeal
    /// Records the office's decision on an appeal; `check` sees the round and the appeal under lock.
    func decideAppeal(
        round: String, seq: Int, accept: Bool, correctedValue: Double?, reason: String, actor: Actor,
        check: @escaping @Sendable (AssessmentRound, Appeal) throws -> Void
    ) async throws -> Appeal
    /// An appeal's evidence file.
    func appealFile(id: String) async throws -> StoredAppealFile?

    // MARK: Qualitative points

    /// The qualitative points given in a round, by unit and item.
    func qualitativeScores(round: String) async throws -> [QualitativeScore]
    /// Gives (or changes) a unit's points on an item; `check` sees the round under lock.
    func setQualitative(_ score: QualitativeScore, actor: Actor, check: @escaping @Sendable (AssessmentRound) throws -> Void) async throws
        -> QualitativeScore

    // MARK: Incentive pools

    /// The round's pools, in the order they were added.
    func pools(round: String) async throws -> [IncentivePool]
    /// Adds a pool, or replaces a draft of the same id; `check` sees the round and its pools under lock.
    func savePool(_ pool: IncentivePool, actor: Actor, check: @escaping @Sendable (AssessmentRound, [IncentivePool]) throws -> Void)
        async throws -> IncentivePool
    /// Confirms a draft pool: `allocate` sees the round and the pool under lock and returns each
    /// unit's allocation, which is kept with the pool and never changes again.
    func confirmPool(
        round: String, id: String, actor: Actor, allocate: @escaping @Sendable (AssessmentRound, IncentivePool) throws -> [AllocationLine]
    ) async throws -> IncentivePool
    /// A confirmed pool's allocation as kept (empty for a draft).
    func allocation(round: String, pool: String) async throws -> [AllocationLine]
}

/// A stored evidence file of an appeal.
public struct StoredAppealFile: Sendable {
    public var info: EvidenceInfo
    public var roundID: String
    public var appealSeq: Int
    public var unitCode: String
    public var data: Data
}
