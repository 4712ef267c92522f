import Foundation

/// Uploaded files between their preview and the user's confirmation: kept in memory for 30
/// minutes, for the user and unit that uploaded them; at most 3 per user and 200 MB in all (the
/// oldest go first). A server restart forgets them; the user uploads again.
actor ImportStaging {
    struct Staged {
        var username: String
        var unit: String
        var fileName: String
        var sheet: String?
        var reason: String
        var data: Data
        var at: Date
    }

    private var files: [String: Staged] = [:]
    static let lifetime: TimeInterval = 30 * 60
    static let perUser = 3
    static let totalBytes = 200 << 20

    func stage(_ staged: Staged) -> String {
        let now = Date()
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
    func take(_ id: String, username: String, unit: String) -> Staged? {
        guard let staged = files[id], staged.username == username, staged.unit == unit,
            Date().timeIntervalSince(staged.at) < Self.lifetime
        else { return nil }
        files[id] = nil
        return staged
    }
}
