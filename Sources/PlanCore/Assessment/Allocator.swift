import Foundation

/// Shares a pool among a round's units by its rule: a floor first to every unit that earns a
/// share (and to vetoed units when the pool says so), the rest in proportion to the rule's
/// weights with the cap held by water-filling (what a capped unit cannot take goes to the
/// others), then rounding by the largest remainder in the pool's smallest step, so that the
/// parts add up exactly to the pool and no part exceeds the cap.
public enum Allocator {
    /// What is wrong with `pool` for the assessed `units`; empty when it can be allocated.
    public static func problems(_ pool: IncentivePool, units: [String]) -> [RoundError] {
        var out: [RoundError] = []
        func add(_ zh: String, _ en: String) { out.append(RoundError(zh: zh, en: en)) }
        if pool.name.trimmingCharacters(in: .whitespaces).isEmpty { add("请填写资金池名称", "Give the pool a name") }
        guard (0...2).contains(pool.decimals) else {
            add("小数位数须为 0–2", "Decimals must be 0–2")
            return out
        }
        let step = pow(10, Double(pool.decimals))
        func whole(_ x: Double) -> Bool { abs(x * step - (x * step).rounded()) < 1e-6 }
        if !(pool.amount > 0 && pool.amount <= 1e12) || !whole(pool.amount) {
            add("总量须为大于 0 的数，且不超过 \(pool.decimals) 位小数", "The amount must be above 0 with at most \(pool.decimals) decimals")
        }
        if !(pool.floor >= 0 && pool.floor <= 1e12) || !whole(pool.floor) {
            add("保底须为不小于 0 的数，且不超过 \(pool.decimals) 位小数", "The floor must be 0 or more with at most \(pool.decimals) decimals")
        }
        if let cap = pool.cap {
            if !(cap > 0 && cap <= 1e12) || !whole(cap) {
                add("封顶须为大于 0 的数，且不超过 \(pool.decimals) 位小数", "The cap must be above 0 with at most \(pool.decimals) decimals")
            } else if cap < pool.floor {
                add("封顶不能低于保底", "The cap cannot be below the floor")
            }
        }
        switch pool.rule {
        case .aboveMark(let mark):
            if !(mark >= 0 && mark <= 200) { add("及格线须在 0–200 之间", "The pass mark must be 0–200") }
        case .tiers(let weights):
            if weights.isEmpty || weights.values.contains(where: { !($0 >= 0 && $0 <= 1e6) }) || !weights.values.contains(where: { $0 > 0 }) {
                add("等次权重须为不小于 0 的数，且至少一个大于 0", "Grade weights must be 0 or more, at least one above 0")
            }
        case .attribute(let name, let mark, let values):
            if name.trimmingCharacters(in: .whitespaces).isEmpty { add("请填写加权属性名称（如常住人口）", "Name the attribute (such as population)") }
            if !(mark >= 0 && mark <= 200) { add("及格线须在 0–200 之间", "The pass mark must be 0–200") }
            let missing = units.filter { values[$0] == nil }
            if !missing.isEmpty { add("缺少这些单位的属性值：\(missing.joined(separator: "、"))", "No attribute value for: \(missing.joined(separator: ", "))") }
            if values.values.contains(where: { !($0 >= 0 && $0 <= 1e12) }) { add("属性值须为不小于 0 的数", "Attribute values must be 0 or more") }
        }
        return out
    }

    /// The rule's weight for one result (before the veto).
    static func weight(_ rule: IncentiveRule, _ r: AssessmentResult) -> Double {
        switch rule {
        case .aboveMark(let mark): max(0, r.total - mark)
        case .tiers(let weights): max(0, weights[r.grade.nameZh] ?? 0)
        case .attribute(_, let mark, let values): max(0, r.total - mark) * max(0, values[r.unit] ?? 0)
        }
    }

    /// Allocates `pool` among `results`, a line per unit in the order given; throws when the pool
    /// cannot be shared (floors above the pool, caps below it, nobody earning a share).
    public static func allocate(_ pool: IncentivePool, results: [AssessmentResult]) throws(RoundError) -> [AllocationLine] {
        if let first = problems(pool, units: results.map(\.unit)).first { throw first }
        let step = pow(10, Double(pool.decimals))
        let total = Int((pool.amount * step).rounded())
        let floor = Int((pool.floor * step).rounded())
        let cap = pool.cap.map { Int(($0 * step).rounded()) }
        let vetoed = results.map { !$0.vetoReasons.isEmpty }
        let weights = results.indices.map { vetoed[$0] ? 0 : weight(pool.rule, results[$0]) }
        let sharers = results.indices.filter { weights[$0] > 0 }
        let floorOnly = results.indices.filter { vetoed[$0] && pool.vetoed == .floorOnly }
        guard !sharers.isEmpty else {
            throw RoundError(zh: "没有单位按规则分得份额（权重均为 0），无法分配", en: "No unit earns a share under the rule (every weight is 0)")
        }
        let floors = floor * (sharers.count + floorOnly.count)
        guard floors <= total else {
            throw RoundError(
                zh: "保底合计 \(Double(floors) / step) 超过总量 \(pool.amount)",
                en: "The floors add up to \(Double(floors) / step), above the pool of \(pool.amount)")
        }
        if let cap {
            let room = cap * sharers.count + floor * floorOnly.count
            guard room >= total else {
                throw RoundError(
                    zh: "封顶合计 \(Double(room) / step) 低于总量 \(pool.amount)，将有部分分配不出",
                    en: "The caps add up to \(Double(room) / step), below the pool of \(pool.amount): part would be left over")
            }
        }
        // Exact amounts, in steps: the floor, then the rest by weight with the cap held.
        var exact = [Double](repeating: 0, count: results.count)
        for i in sharers + floorOnly { exact[i] = Double(floor) }
        var capped = Set<Int>()
        var free = sharers
        var rest = Double(total - floors)
        while !free.isEmpty {
            let sum = free.reduce(0) { $0 + weights[$1] }
            let over = cap.map { c in free.filter { Double(floor) + rest * weights[$0] / sum > Double(c) } } ?? []
            if over.isEmpty {
                for i in free { exact[i] = Double(floor) + rest * weights[i] / sum }
                break
            }
            for i in over {
                exact[i] = Double(cap!)
                rest -= Double(cap! - floor)
                capped.insert(i)
            }
            free.removeAll { over.contains($0) }
        }
        // Whole steps down, then the steps left over by the largest remainder (then the larger
        // weight, then the unit code), never above the cap.
        var parts = exact.map { min(Int(($0 + 1e-9).rounded(.down)), cap ?? Int.max) }
        var left = total - parts.reduce(0, +)
        let order = sharers.sorted { a, b in
            let (ra, rb) = (exact[a] - Double(parts[a]), exact[b] - Double(parts[b]))
            if abs(ra - rb) > 1e-12 { return ra > rb }
            if weights[a] != weights[b] { return weights[a] > weights[b] }
            return results[a].unit < results[b].unit
        }
        while left > 0 {
            var gave = false
            for i in order where left > 0 && parts[i] < (cap ?? Int.max) {
                parts[i] += 1
                left -= 1
                gave = true
            }
            if !gave { break }
        }
        return results.indices.map { i in
            let r = results[i]
            let floorPart = sharers.contains(i) || floorOnly.contains(i) ? Double(floor) / step : 0
            let (zh, en): (String, String)
            if vetoed[i] {
                (zh, en) =
                    pool.vetoed == .floorOnly
                    ? ("一票否决：只得保底", "Vetoed: the floor only") : ("一票否决：不参与分配", "Vetoed: no share")
            } else if weights[i] == 0 {
                (zh, en) = ("按规则权重为 0，不参与分配", "The rule gives a weight of 0: no share")
            } else if capped.contains(i) {
                (zh, en) = ("达到封顶", "Held at the cap")
            } else {
                (zh, en) =
                    floor > 0 ? ("保底加按权重分得的份额", "The floor plus the share by weight") : ("按权重分得的份额", "The share by weight")
            }
            return AllocationLine(
                unit: r.unit, total: r.total, grade: r.grade.nameZh, vetoed: vetoed[i], weight: weights[i], floorPart: floorPart,
                exact: exact[i] / step, amount: Double(parts[i]) / step, capped: capped.contains(i), noteZh: zh, noteEn: en)
        }
    }
}
