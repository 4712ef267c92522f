import Foundation
import PlanCore
import Testing

@testable import PlanServices

/// The alert cache: readers get the day's kept alerts while a write has new ones computed, and
/// wait only when nothing is kept for the day.
@Suite struct AlertCacheTests {
    /// A computation that finishes when the test says so.
    actor Gate {
        var continuation: CheckedContinuation<Void, Never>?
        var opened = false
        func wait() async {
            if opened { return }
            await withCheckedContinuation { continuation = $0 }
        }
        func open() {
            opened = true
            continuation?.resume()
            continuation = nil
        }
    }

    static func alert(_ subject: String) -> Alert {
        Alert(
            kind: .taskOverdue, severity: .red, unitCode: "370100", subject: subject, since: Day(year: 2026, month: 11, day: 1), textZh: "",
            textEn: "", link: "")
    }

    @Test func readersGetTheKeptAlertsWhileNewOnesAreComputed() async throws {
        let cache = AlertCache()
        #expect(await cache.kept(for: "2026-11-29|1", day: "2026-11-29") == nil, "nothing kept: the reader computes")
        _ = try await cache.compute(key: "2026-11-29|1") { [Self.alert("a")] }
        #expect(await cache.kept(for: "2026-11-29|1", day: "2026-11-29")?.map(\.subject) == ["a"])
        #expect(await cache.kept(for: "2026-11-29|2", day: "2026-11-29") == nil, "newer inputs and nothing under way: computed")

        let gate = Gate()
        let write = Task {
            try await cache.compute(key: "2026-11-29|2") {
                await gate.wait()
                return [Self.alert("b")]
            }
        }
        while await cache.kept(for: "2026-11-29|3", day: "2026-11-29") == nil { await Task.yield() }
        #expect(await cache.kept(for: "2026-11-29|3", day: "2026-11-29")?.map(\.subject) == ["a"], "while computing, the kept alerts")
        #expect(await cache.kept(for: "2026-11-30|3", day: "2026-11-30") == nil, "never yesterday's")
        await gate.open()
        #expect(try await write.value.map(\.subject) == ["b"])
        #expect(await cache.kept(for: "2026-11-29|2", day: "2026-11-29")?.map(\.subject) == ["b"])
        #expect(await cache.kept(for: "2026-11-29|3", day: "2026-11-29") == nil, "nothing under way any more")
    }
}
