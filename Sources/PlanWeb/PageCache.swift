import Foundation

/// Rendered pages by data version, language and URI, ready to send. A page depends on nothing
/// else, so a cached page is never stale: a new data version misses and renders afresh. Requests
/// for a page that is being rendered wait for that rendering instead of starting their own.
/// Bounded: when full, the cache starts over.
actor PageCache {
    private var pages: [Key: RenderedPage] = [:]
    private var rendering: [Key: Task<RenderedPage, any Error>] = [:]
    private let capacity: Int

    struct Key: Hashable {
        var version: Int
        var language: Language
        var uri: String
        /// The day (China Standard Time) the page was rendered on, printed at its foot.
        var day: Int = PageCache.today()
    }

    /// Today as a day number in China Standard Time (UTC+8, no daylight saving): cheap enough to
    /// compute on every request.
    static func today() -> Int {
        Int(((Date().timeIntervalSince1970 + 8 * 3600) / 86_400).rounded(.down))
    }

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The page for `key`, rendered by `build` when it is not there yet. A page that fails to
    /// render (a 404, a 400) is not kept.
    func page(_ key: Key, build: @escaping @Sendable () async throws -> RenderedPage) async throws -> RenderedPage {
        if let page = pages[key] { return page }
        if let running = rendering[key] { return try await running.value }
        let task = Task { try await build() }
        rendering[key] = task
        defer { rendering[key] = nil }
        let page = try await task.value
        if pages.count >= capacity { pages.removeAll(keepingCapacity: true) }
        pages[key] = page
        return page
    }
}
