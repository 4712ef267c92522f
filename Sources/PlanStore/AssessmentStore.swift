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
    /// year into a new snapshot with the data version, and marks the round frozen. `check` sees the
    /// round under lock and throws to refuse.
    func freezeRound(id: String, reason: String, actor: Actor, check: @escaping @Sendable (AssessmentRound) throws -> Void) async throws
        -> AssessmentRound
    /// Marks the round published; `check` as above.
    func publishRound(id: String, actor: Actor, check: @escaping @Sendable (AssessmentRound) throws -> Void) async throws -> AssessmentRound
    /// The observations a snapshot kept.
    func snapshotObservations(round: String, seq: Int) async throws -> [StoredObservation]
    /// How many observations changed (by data version) since a snapshot was taken.
    func observationsChanged(sinceVersion: Int) async throws -> Int
}
