import Foundation
import PlanCore

/// A value computed from inputs that change (a key `day|stamp`), kept until the inputs or the day
/// change, with the computations under way: one reader computes while the others of the same day
/// get the last value rather than wait or compute it too (they lag by at most that computation).
/// Alerts and the project library are kept this way.
actor DayCache<Value: Sendable> {
    private var key = ""
    private var value: Value?
    /// Which computation the kept value came from: one started earlier never replaces it.
    private var generation = 0
    private var started = 0
    private var running: [String: Task<Value, any Error>] = [:]

    /// The value of `key`; or, while one is being computed, the kept value of the same day.
    func kept(for key: String, day: String) -> Value? {
        if key == self.key { return value }
        if !running.isEmpty, !self.key.isEmpty, self.key.hasPrefix(day + "|") { return value }
        return nil
    }

    /// The value of `key`: kept, being computed (waited for), or computed now by `work`.
    func compute(key: String, _ work: @escaping @Sendable () async throws -> Value) async throws -> Value {
        if key == self.key, let value { return value }
        if let task = running[key] { return try await task.value }
        started += 1
        let number = started
        let task = Task { try await work() }
        running[key] = task
        defer { running[key] = nil }
        let result = try await task.value
        if number > generation {
            generation = number
            self.key = key
            value = result
        }
        return result
    }
}

/// The alerts of the latest inputs.
typealias AlertCache = DayCache<[Alert]>
