import Foundation
import PlanCore
import PlanStore

/// Incentive allocation (Article 159: support in funds, land and energy use): pools configured by
/// the office on a round, each allocated by its rule from the round's results; confirming a pool
/// (once the round is published) keeps its allocation, which never changes again.
extension AssessmentService {
    /// A pool with its allocation: as kept when confirmed, else as the current results give it
    /// (or why it cannot be allocated).
    public struct PoolAllocation: Sendable {
        public var round: AssessmentRound
        public var pool: IncentivePool
        public var lines: [AllocationLine]
        public var problem: RoundError?
    }

    /// The round's pools `identity` may see: all for the office; the confirmed ones of a
    /// published round for anyone.
    public func pools(_ roundID: String, identity: Identity?) async throws -> [IncentivePool] {
        let round = try await round(roundID, identity: identity)
        let all = try await store.pools(round: roundID)
        if try await manages(identity) { return all }
        return round.state == .published ? all.filter { $0.state == .confirmed } : []
    }

    public func allocation(_ roundID: String, pool poolID: String, identity: Identity?) async throws -> PoolAllocation {
        let round = try await round(roundID, identity: identity)
        guard let pool = try await pools(roundID, identity: identity).first(where: { $0.id == poolID }) else {
            if identity == nil, try await store.pools(round: roundID).contains(where: { $0.id == poolID }) { throw ServiceError.notAuthenticated }
            throw ServiceError.notFound(what: "pool \(poolID) of round \(roundID)")
        }
        if pool.state == .confirmed {
            return PoolAllocation(round: round, pool: pool, lines: try await store.allocation(round: roundID, pool: poolID), problem: nil)
        }
        guard let snapshot = round.current else {
            return PoolAllocation(
                round: round, pool: pool, lines: [], problem: RoundError(zh: "数据冻结后才能计算分配", en: "The allocation needs frozen data"))
        }
        let results = try await scored(round, snapshot: snapshot).results
        do {
            return PoolAllocation(round: round, pool: pool, lines: try Allocator.allocate(pool, results: results), problem: nil)
        } catch {
            return PoolAllocation(round: round, pool: pool, lines: [], problem: error)
        }
    }

    /// Adds a pool to a frozen or published round, or replaces a draft of the same id; checks the
    /// pool against the assessed units (422 with every problem).
    public func savePool(_ pool: IncentivePool, identity: Identity?, actor: Actor) async throws -> IncentivePool {
        try await authorizeManage(identity)
        guard Self.validID(pool.id) else {
            throw ServiceError.badParameter(name: "id", message: "1 to 40 lower-case letters, digits and hyphens, such as funds-2024")
        }
        var pool = pool
        pool.name = pool.name.trimmingCharacters(in: .whitespacesAndNewlines)
        try TextInput.check(["name": pool.name], multiline: [])
        let round = try await round(pool.roundID, identity: identity)
        guard round.state != .open, let snapshot = round.current else {
            throw ServiceError.conflict(zh: "数据冻结后才能设置激励分配", en: "Pools can be set once the data are frozen")
        }
        // Checked against the units the round assesses (an attribute needs a value for each).
        let units = try await scored(round, snapshot: snapshot).results.map(\.unit)
        let problems = Allocator.problems(pool, units: units)
        guard problems.isEmpty else {
            throw ServiceError.invalid(
                zh: "资金池有 \(problems.count) 处问题，未保存：" + problems.map(\.zh).joined(separator: "；"),
                en: "The pool has \(problems.count) problems; nothing was saved: " + problems.map(\.en).joined(separator: "; "),
                problems: problems.map { RowProblem(line: 0, indicatorKey: nil, message: $0.en, messageZh: $0.zh) })
        }
        let saving = pool
        do {
            return try await store.savePool(saving, actor: actor) { round, pools in
                if let old = pools.first(where: { $0.id == saving.id }), old.state == .confirmed {
                    throw RoundError(zh: "资金池「\(old.name)」的分配已确认，不能修改", en: "Pool “\(old.name)” is confirmed and cannot change")
                }
            }
        } catch let error as RoundError {
            throw ServiceError.conflict(zh: error.zh, en: error.en)
        }
    }

    /// Confirms a draft pool of a published round: its allocation is computed from the published
    /// results and kept with the pool.
    public func confirmPool(_ roundID: String, pool poolID: String, identity: Identity?, actor: Actor) async throws -> IncentivePool {
        try await authorizeManage(identity)
        let round = try await round(roundID, identity: identity)
        guard let snapshot = round.current else {
            throw ServiceError.conflict(zh: "数据冻结后才能计算分配", en: "The allocation needs frozen data")
        }
        let results = try await scored(round, snapshot: snapshot).results
        do {
            return try await store.confirmPool(round: roundID, id: poolID, actor: actor) { round, pool in
                guard round.state == .published else {
                    throw RoundError(zh: "考核结果发布后才能确认分配", en: "An allocation is confirmed once the round is published")
                }
                guard pool.state == .draft else { throw RoundError(zh: "该资金池的分配已确认", en: "The pool is already confirmed") }
                guard round.current?.seq == snapshot.seq else {
                    throw RoundError(zh: "考核数据刚刚变化，请重试", en: "The round changed meanwhile: try again")
                }
                return try Allocator.allocate(pool, results: results)
            }
        } catch let error as RoundError {
            throw ServiceError.conflict(zh: error.zh, en: error.en)
        }
    }
}
