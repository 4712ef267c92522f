import Foundation

/// Rendered pages by data version, language and URI. A page depends on nothing else, so a cached
/// page is never stale: a new data version misses and renders afresh. Bounded: when full, the cache
/// starts over.
actor PageCache {
    private var pages: [Key: String] = [:]
    private let capacity: Int

    struct Key: Hashable {
        var version: Int
        var language: Language
        var uri: String
    }

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    func page(_ key: Key) -> String? {
        pages[key]
    }

    func store(_ html: String, for key: Key) {
        if pages.count >= capacity { pages.removeAll(keepingCapacity: true) }
        pages[key] = html
    }
}
