import Foundation

/// Uploaded files between their preview and the user's confirmation: kept in memory for 30
/// minutes, for the user and unit that uploaded them; at most 3 per user and 200 MB in all (the
/// oldest go first). A server restart forgets them; the user uploads again.
public actor ImportStaging {
    public struct Staged: Sendable {
        public var username: String
        public var unit: String
        public var fileName: String
        public var sheet: String?
        public var reason: String
        public var data: Data
        var at = Date.distantPast

        public init(username: String, unit: String, fileName: String, sheet: String?, reason: String, data: Data) {
            self.username = username
            self.unit = unit
            self.fileName = fileName
            self.sheet = sheet
            self.reason = reason
            self.data = data
        }
    }

    private let clock: PlanClock

    public init(clock: PlanClock = .system) {
        self.clock = clock
    }

    private var files: [String: Staged] = [:]
    static let lifetime: TimeInterval = 30 * 60
    static let perUser = 3
    static let totalBytes = 200 << 20

    public func stage(_ staged: Staged) -> String {
        let now = clock.now()
        var staged = staged
        staged.at = now
        files = files.filter { now.timeIntervalSince($0.value.at) < Self.lifetime }
        while files.values.filter({ $0.username == staged.username }).count >= Self.perUser,
            let oldest = files.filter({ $0.value.username == staged.username }).min(by: { $0.value.at < $1.value.at })?.key
        {
            files[oldest] = nil
        }
        while files.values.reduce(staged.data.count, { $0 + $1.data.count }) > Self.totalBytes,
            let oldest = files.min(by: { $0.value.at < $1.value.at })?.key
        {
            files[oldest] = nil
        }
        let id = String(Credentials.newSecret().prefix(32))
        files[id] = staged
        return id
    }

    /// Takes the staged file out, if it is still there and belongs to this user and unit.
    public func take(_ id: String, username: String, unit: String) -> Staged? {
        guard let staged = files[id], staged.username == username, staged.unit == unit,
            clock.now().timeIntervalSince(staged.at) < Self.lifetime
        else { return nil }
        files[id] = nil
        return staged
    }
}
