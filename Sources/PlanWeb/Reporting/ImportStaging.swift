import Foundation

/// Uploaded files between their preview and the user's confirmation: kept in memory for 30
/// minutes, for the user and unit that uploaded them, at most 64 at a time (the oldest go
/// first). A server restart forgets them; the user uploads again.
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
    static let capacity = 64

    func stage(_ staged: Staged) -> String {
        let now = Date()
        files = files.filter { now.timeIntervalSince($0.value.at) < Self.lifetime }
        if files.count >= Self.capacity, let oldest = files.min(by: { $0.value.at < $1.value.at })?.key { files[oldest] = nil }
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
