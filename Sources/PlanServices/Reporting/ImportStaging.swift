import Foundation
import PlanStore

/// Uploaded files between their preview and the user's confirmation: kept in the database for 30
/// minutes, for the user and unit that uploaded them, so that the confirmation may reach any
/// server process; at most 3 per user and 200 MB in all (the oldest go first).
public struct ImportStaging: Sendable {
    public typealias Staged = StagedImport

    private let store: any OperationsStore
    static let lifetime: TimeInterval = 30 * 60
    static let perUser = 3
    static let totalBytes = 200 << 20

    public init(store: any OperationsStore) {
        self.store = store
    }

    /// Keeps `staged` and returns the id its confirmation names.
    public func stage(_ staged: Staged) async throws -> String {
        let id = String(Credentials.newSecret().prefix(32))
        try await store.stageImport(staged, id: id, lifetime: Self.lifetime, perUser: Self.perUser, totalBytes: Self.totalBytes)
        return id
    }

    /// Takes the staged file out, if it is still there and belongs to this user and unit.
    public func take(_ id: String, username: String, unit: String) async throws -> Staged? {
        try await store.takeStagedImport(id: id, username: username, unit: unit, lifetime: Self.lifetime)
    }
}
