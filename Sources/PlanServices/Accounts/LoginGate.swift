import Foundation
import PlanStore

/// Lets one login attempt per user name proceed at a time, so a burst of concurrent guesses
/// cannot all pass the failure count before any failure is recorded. Within one process the
/// attempts queue here; across the processes that share a database each attempt also holds a
/// short lease on the name in the database (polled while another process holds it, and expiring
/// on its own if that process dies).
actor LoginGate {
    static let shared = LoginGate()
    private var busy: Set<String> = []
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]
    /// Longer than any attempt (a password check takes well under a second).
    static let leaseSeconds: TimeInterval = 30
    static let pollNanoseconds: UInt64 = 20_000_000

    /// Runs `body` when no other attempt for `key` is running in this process or any other on `store`.
    func serialized<R: Sendable>(_ key: String, store: any OperationsStore, _ body: @Sendable () async throws -> R) async throws -> R {
        await acquire(key)
        do {
            let result = try await Self.leased("login:" + key, store: store, body)
            release(key)
            return result
        } catch {
            release(key)
            throw error
        }
    }

    private static func leased<R: Sendable>(_ name: String, store: any OperationsStore, _ body: @Sendable () async throws -> R) async throws -> R {
        let holder = Credentials.newSecret()
        while try await !store.acquireLease(name, holder: holder, seconds: leaseSeconds) {
            try await Task.sleep(nanoseconds: pollNanoseconds)
        }
        do {
            let result = try await body()
            try await store.releaseLease(name, holder: holder)
            return result
        } catch {
            try? await store.releaseLease(name, holder: holder)
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
