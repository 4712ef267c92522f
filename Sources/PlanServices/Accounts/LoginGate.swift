import Foundation

/// Lets one login attempt per user name proceed at a time in this process, so a burst of
/// concurrent guesses cannot all pass the failure count before any failure is recorded.
actor LoginGate {
    static let shared = LoginGate()
    private var busy: Set<String> = []
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    /// Runs `body` when no other attempt for `key` is running.
    func serialized<R: Sendable>(_ key: String, _ body: @Sendable () async throws -> R) async throws -> R {
        await acquire(key)
        do {
            let result = try await body()
            release(key)
            return result
        } catch {
            release(key)
            throw error
        }
    }

    private func acquire(_ key: String) async {
        guard busy.contains(key) else {
            busy.insert(key)
            return
        }
        await withCheckedContinuation { waiting[key, default: []].append($0) }
    }

    private func release(_ key: String) {
        if var queue = waiting[key], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[key] = queue.isEmpty ? nil : queue
            next.resume()
        } else {
            busy.remove(key)
        }
    }
}
