import Foundation

/// What several server processes on one database share beyond the plan's data: uploads waiting
/// for the user's confirmation, and short leases that let one login attempt per user name run at
/// a time across every process.
public protocol OperationsStore: Sendable {
    /// Keeps `file` under `id`, first dropping files older than `lifetime` seconds, then the same
    /// user's oldest beyond `perUser - 1` and everyone's oldest while all would exceed `totalBytes`.
    func stageImport(_ file: StagedImport, id: String, lifetime: TimeInterval, perUser: Int, totalBytes: Int) async throws
    /// Takes the staged file out (it can be taken once) if it is younger than `lifetime` seconds
    /// and belongs to `username` and `unit`.
    func takeStagedImport(id: String, username: String, unit: String, lifetime: TimeInterval) async throws -> StagedImport?
    /// Takes the lease `name` for `seconds` unless another holder's lease has not expired.
    func acquireLease(_ name: String, holder: String, seconds: TimeInterval) async throws -> Bool
    /// Gives the lease back (only `holder`'s).
    func releaseLease(_ name: String, holder: String) async throws
}

/// An uploaded file between its preview and the user's confirmation.
public struct StagedImport: Sendable, Equatable {
    public var username: String
    public var unit: String
    public var fileName: String
    public var sheet: String?
    public var reason: String
    public var data: Data
    public var stagedAt: Date

    public init(username: String, unit: String, fileName: String, sheet: String?, reason: String, data: Data, stagedAt: Date = Date()) {
        self.username = username
        self.unit = unit
        self.fileName = fileName
        self.sheet = sheet
        self.reason = reason
        self.data = data
        self.stagedAt = stagedAt
    }
}

/// The tables of ``OperationsStore``.
enum OperationsSchema {
    static func tables(bytes: String) -> [String] {
        [
            """
            CREATE TABLE staged_imports (id TEXT PRIMARY KEY, username TEXT NOT NULL, unit_code TEXT NOT NULL,
              file_name TEXT NOT NULL, sheet TEXT, reason TEXT NOT NULL, size BIGINT NOT NULL, staged_at TEXT NOT NULL,
              data \(bytes) NOT NULL)
            """,
            "CREATE INDEX staged_imports_by_user ON staged_imports (username, staged_at)",
            "CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at TEXT NOT NULL)",
        ]
    }
}
